package io.github.kubestashmetrics.benchmarks;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Scrapes {@code /metrics} over loopback as Prometheus does: one HTTP/1.1 GET, no compression, the
 * whole body read (chunked or fixed-length) and dropped. A plain socket with one large buffer, so
 * that the client's own cost stays small next to the server's (the JDK's {@code HttpClient} decodes
 * a 300 MB chunked body several times slower than the servers under test write it, which would hide
 * their differences). A scrape's time runs from connecting to reading the last byte.
 */
final class LoopbackScraper {

  private final byte[] buffer = new byte[1 << 20];
  private int start;
  private int end;

  /** One scrape's outcome: how long it took and how many body bytes came. */
  record Scrape(double seconds, long bytes) {}

  Scrape scrape(int port, String path) throws IOException {
    long begin = System.nanoTime();
    Response response = get(port, path);
    if (response.status != 200) {
      throw new IOException("GET " + path + " on port " + port + ": " + response.status);
    }
    return new Scrape((System.nanoTime() - begin) / 1e9, response.bodyBytes);
  }

  /** The status code of a GET, its body read and dropped (for {@code /readyz} polling). */
  int status(int port, String path) throws IOException {
    return get(port, path).status;
  }

  private record Response(int status, long bodyBytes) {}

  private Response get(int port, String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setTcpNoDelay(true);
      socket.setReceiveBufferSize(1 << 20);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
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
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
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
          start = end;
        }
      }
      return new Response(status, body);
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
