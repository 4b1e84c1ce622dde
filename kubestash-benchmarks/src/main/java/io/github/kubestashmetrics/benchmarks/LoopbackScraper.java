package io.github.kubestashmetrics.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Scrapes {@code /metrics} over loopback as Prometheus does: one HTTP/1.1 GET, the whole body read
 * (chunked or fixed-length) and dropped; without compression, or as Prometheus 2.x really asks
 * (OpenMetrics, {@code Accept-Encoding: gzip}) with the body inflated as it arrives. A plain socket
 * with one large buffer, so that the client's own cost stays small next to the server's (the JDK's
 * {@code HttpClient} decodes a 300 MB chunked body several times slower than the servers under test
 * write it, which would hide their differences). A scrape's time runs from connecting to reading
 * the last byte.
 */
final class LoopbackScraper {

  /** Prometheus 2.x's Accept header. */
  static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private final byte[] buffer = new byte[1 << 20];
  private final byte[] inflated = new byte[1 << 20];
  private final Inflater inflater = new Inflater(true);
  private GzipBody gzipBody;
  private int start;
  private int end;

  /**
   * One scrape's outcome: how long it took, how many body bytes came and, for a gzip scrape, how
   * many bytes they inflated to (else the body bytes again).
   */
  record Scrape(double seconds, long bytes, long inflatedBytes) {}

  /** A scrape without compression, in the text format. */
  Scrape scrape(int port, String path) throws IOException {
    return scrape(port, path, false);
  }

  /**
   * A scrape; with {@code gzip}, as Prometheus 2.x sends it (its Accept header, {@code
   * Accept-Encoding: gzip}), the response checked to be gzip and inflated while it is read.
   */
  Scrape scrape(int port, String path, boolean gzip) throws IOException {
    long begin = System.nanoTime();
    Response response = get(port, path, gzip);
    if (response.status != 200) {
      throw new IOException("GET " + path + " on port " + port + ": " + response.status);
    }
    return new Scrape(
        (System.nanoTime() - begin) / 1e9, response.bodyBytes, response.inflatedBytes);
  }

  /** The status code of a GET, its body read and dropped (for {@code /readyz} polling). */
  int status(int port, String path) throws IOException {
    return get(port, path, false).status;
  }

  private record Response(int status, long bodyBytes, long inflatedBytes) {}

  private Response get(int port, String path, boolean gzip) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setTcpNoDelay(true);
      socket.setReceiveBufferSize(1 << 20);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + (gzip ? "\r\nAccept: " + PROMETHEUS_ACCEPT + "\r\nAccept-Encoding: gzip" : "")
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      start = 0;
      end = 0;
      String statusLine = line(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      long length = -1;
      boolean chunked = false;
      boolean gzipped = false;
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("content-encoding:") && lower.contains("gzip")) {
          gzipped = true;
        }
      }
      if (gzip && !gzipped && status == 200) {
        throw new IOException("asked for gzip, got an uncompressed body");
      }
      gzipBody = gzipped ? new GzipBody() : null;
      long body;
      if (chunked) {
        body = 0;
        for (long size = Long.parseLong(chunkSize(line(in)), 16);
            size > 0;
            size = Long.parseLong(chunkSize(line(in)), 16)) {
          skip(in, size);
          body += size;
          if (!line(in).isEmpty()) {
            throw new IOException("chunk not followed by CRLF");
          }
        }
        while (!line(in).isEmpty()) {
          // trailers
        }
      } else if (length >= 0) {
        skip(in, length);
        body = length;
      } else {
        body = 0;
        while (fill(in)) {
          body += end - start;
          consumed(start, end - start);
          start = end;
        }
      }
      if (gzipBody != null) {
        gzipBody.finish();
        return new Response(status, body, gzipBody.inflatedBytes);
      }
      return new Response(status, body, body);
    }
  }

  private static String chunkSize(String line) {
    int semicolon = line.indexOf(';');
    return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
  }

  /** Drops {@code count} body bytes. */
  private void skip(InputStream in, long count) throws IOException {
    while (count > 0) {
      if (start == end && !fill(in)) {
        throw new EOFException("body ended early");
      }
      int n = (int) Math.min(count, end - start);
      consumed(start, n);
      start += n;
      count -= n;
    }
  }

  /** One CRLF-terminated line without its CRLF. */
  private String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      if (start == end && !fill(in)) {
        throw new EOFException("response ended in a line");
      }
      byte b = buffer[start++];
      if (b == '\n') {
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
      }
      line.append((char) (b & 0xFF));
    }
  }

  /** Hands body bytes to the inflater of a gzip body; an uncompressed body is only counted. */
  private void consumed(int offset, int length) throws IOException {
    if (gzipBody != null) {
      gzipBody.accept(buffer, offset, length);
    }
  }

  /**
   * A gzip body inflated as its bytes arrive: the 10-byte header (no optional fields, as every
   * server here writes), raw deflate to its final block, then the 8-byte trailer; the inflated
   * bytes are counted and dropped.
   */
  private final class GzipBody {
    private int headerLeft = 10;
    private int trailerSeen;
    private long inflatedBytes;

    GzipBody() {
      inflater.reset();
    }

    void accept(byte[] bytes, int offset, int length) throws IOException {
      if (headerLeft > 0) {
        int n = Math.min(headerLeft, length);
        if (headerLeft == 10 && n >= 4 && (bytes[offset] != 0x1f || bytes[offset + 3] != 0)) {
          throw new IOException("not a plain gzip header");
        }
        headerLeft -= n;
        offset += n;
        length -= n;
      }
      if (length == 0) {
        return;
      }
      if (inflater.finished()) {
        trailerSeen += length;
        return;
      }
      inflater.setInput(bytes, offset, length);
      try {
        while (!inflater.finished() && !inflater.needsInput()) {
          inflatedBytes += inflater.inflate(inflated);
        }
      } catch (DataFormatException e) {
        throw new IOException("invalid deflate data", e);
      }
      if (inflater.finished()) {
        trailerSeen += inflater.getRemaining();
      }
    }

    void finish() throws IOException {
      if (!inflater.finished() || trailerSeen != 8) {
        throw new IOException("the gzip body did not end in one member and its trailer");
      }
    }
  }

  private boolean fill(InputStream in) throws IOException {
    int n = in.read(buffer, 0, buffer.length);
    if (n < 0) {
      return false;
    }
    start = 0;
    end = n;
    return true;
  }
}
