package io.github.kubestashmetrics.metrics.internal.deflate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A run of bytes kept as raw deflate data (RFC 1951, no zlib or gzip wrapper) that ends on a byte
 * boundary and holds no final block, so that chunks laid end to end form one valid deflate stream
 * once a final block follows (pigz's way of compressing in parallel). Immutable: never modify
 * {@link #deflated()}.
 *
 * @param deflated the deflate bytes; each chunk is compressed on its own (no shared window), ends
 *     with a sync flush (an empty stored block), so it starts and ends on a byte boundary
 * @param crc the CRC-32 of the uncompressed bytes
 * @param rawLength the number of uncompressed bytes
 */
public record DeflatedChunk(byte[] deflated, int crc, int rawLength) {

  /** The empty chunk: no deflate bytes, CRC 0, length 0. */
  public static final DeflatedChunk EMPTY = new DeflatedChunk(new byte[0], 0, 0);

  /**
   * Compresses {@code raw[offset, offset + length)} with {@code deflater}, which must have been
   * created with {@code nowrap = true}; it is reset first and left holding no input.
   */
  public static DeflatedChunk deflate(Deflater deflater, byte[] raw, int offset, int length) {
    if (length == 0) {
      return EMPTY;
    }
    deflater.reset();
    deflater.setInput(raw, offset, length);
    byte[] out = new byte[Math.max(64, length / 8)];
    int written = 0;
    while (true) {
      int room = out.length - written;
      written += deflater.deflate(out, written, room, Deflater.SYNC_FLUSH);
      if (written < out.length) {
        break; // the flush is complete only when the output did not fill the room it had
      }
      out = Arrays.copyOf(out, out.length * 2);
    }
    CRC32 crc = new CRC32();
    crc.update(raw, offset, length);
    return new DeflatedChunk(Arrays.copyOf(out, written), (int) crc.getValue(), length);
  }

  /**
   * Inflates this chunk into {@code target} at {@code offset} ({@link #rawLength()} bytes) with
   * {@code inflater}, which must have been created with {@code nowrap = true}; it is reset first.
   */
  public void inflateInto(Inflater inflater, byte[] target, int offset) {
    if (rawLength == 0) {
      return;
    }
    inflater.reset();
    inflater.setInput(deflated);
    int done = 0;
    try {
      while (done < rawLength) {
        int n = inflater.inflate(target, offset + done, rawLength - done);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        done += n;
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("a stored chunk does not inflate", e);
    }
    if (done != rawLength) {
      throw new IllegalStateException(
          "a stored chunk inflated to " + done + " bytes, not " + rawLength);
    }
  }

  /** Inflates this chunk into {@code out}, through {@code buffer}; see {@link #inflateInto}. */
  public void inflateTo(Inflater inflater, byte[] buffer, OutputStream out) throws IOException {
    if (rawLength == 0) {
      return;
    }
    inflater.reset();
    inflater.setInput(deflated);
    long done = 0;
    try {
      while (done < rawLength) {
        int n = inflater.inflate(buffer, 0, (int) Math.min(buffer.length, rawLength - done));
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buffer, 0, n);
        done += n;
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("a stored chunk does not inflate", e);
    }
    if (done != rawLength) {
      throw new IllegalStateException(
          "a stored chunk inflated to " + done + " bytes, not " + rawLength);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeflatedChunk that
        && crc == that.crc
        && rawLength == that.rawLength
        && Arrays.equals(deflated, that.deflated);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(deflated) + crc;
  }

  @Override
  public String toString() {
    return "DeflatedChunk[" + deflated.length + " bytes for " + rawLength + "]";
  }
}
