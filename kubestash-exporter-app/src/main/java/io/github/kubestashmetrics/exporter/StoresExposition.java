package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MetricsStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Interim twin of the library's {@code MetricsStore.writeAll} (branch {@code plan}), to be deleted
 * when that lands: many stores (disjoint families) as one exposition, one {@code # EOF}, one gzip
 * member. This one compresses gzip on the fly; the library's lays the stored blocks end to end.
 */
final class StoresExposition {

  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  private StoresExposition() {}

  static long writeAll(
      List<MetricsStore> stores,
      OutputStream out,
      ExpositionFormat format,
      ContentEncoding encoding)
      throws IOException {
    if (encoding == ContentEncoding.GZIP) {
      GZIPOutputStream gzip = new GZIPOutputStream(nonClosing(out), 64 * 1024);
      long length = writeAll(stores, gzip, format, ContentEncoding.IDENTITY);
      gzip.finish();
      return length;
    }
    long written = 0;
    for (MetricsStore store : stores) {
      if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
        WithoutEof body = new WithoutEof(out);
        store.write(body, format, ContentEncoding.IDENTITY);
        body.close();
        written += body.passed;
      } else {
        written += store.write(nonClosing(out), format, ContentEncoding.IDENTITY);
      }
    }
    if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
      out.write(EOF);
      written += EOF.length;
    }
    return written;
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /** Passes everything but a final {@code # EOF\n}, which it holds back and drops. */
  private static final class WithoutEof extends OutputStream {
    private final OutputStream out;
    private final byte[] held = new byte[EOF.length];
    private int heldLength;
    long passed;

    WithoutEof(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      // Keep the last EOF.length bytes back; send what falls out of that window.
      int total = heldLength + len;
      int release = Math.max(0, total - EOF.length);
      int fromHeld = Math.min(release, heldLength);
      if (fromHeld > 0) {
        out.write(held, 0, fromHeld);
        System.arraycopy(held, fromHeld, held, 0, heldLength - fromHeld);
        heldLength -= fromHeld;
      }
      int fromNew = release - fromHeld;
      if (fromNew > 0) {
        out.write(b, off, fromNew);
      }
      passed += release;
      System.arraycopy(b, off + fromNew, held, heldLength, len - fromNew);
      heldLength += len - fromNew;
    }

    @Override
    public void close() throws IOException {
      if (!Arrays.equals(held, 0, heldLength, EOF, 0, EOF.length)) {
        out.write(held, 0, heldLength);
        passed += heldLength;
      }
      heldLength = 0;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
