package io.github.kubestashmetrics.metrics.internal.deflate;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one gzip member (RFC 1952) made of stored {@link DeflatedChunk}s without compressing
 * anything: the 10-byte header, the chunks end to end, an empty final block, and a trailer whose
 * CRC-32 is combined from the chunks' CRCs ({@link Crc32Combine}) and whose size is the sum of
 * their lengths modulo 2<sup>32</sup>. Any gzip decoder reads the result as one member.
 */
public final class GzipMember {

  /** ID1 ID2, CM = deflate, no flags, MTIME 0 (none), XFL 0, OS 255 (unknown). */
  private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

  /** A final fixed-Huffman block holding only its end code: BFINAL=1, BTYPE=01, EOB. */
  private static final byte[] FINAL_EMPTY_BLOCK = {3, 0};

  private final OutputStream out;
  private int crc;
  private long rawLength;
  private boolean finished;

  /** Starts a member on {@code out} by writing the gzip header. */
  public GzipMember(OutputStream out) throws IOException {
    this.out = out;
    out.write(HEADER);
  }

  /** Appends a chunk's deflate bytes, and its CRC and length to the trailer's. */
  public void append(DeflatedChunk chunk) throws IOException {
    if (finished) {
      throw new IllegalStateException("the member is finished");
    }
    if (chunk.rawLength() == 0) {
      return;
    }
    out.write(chunk.deflated());
    crc = Crc32Combine.combine(crc, chunk.crc(), chunk.rawLength());
    rawLength += chunk.rawLength();
  }

  /** Ends the deflate stream and writes the trailer; the stream itself is left open. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    out.write(FINAL_EMPTY_BLOCK);
    writeIntLittleEndian(crc);
    writeIntLittleEndian((int) rawLength); // ISIZE: the length modulo 2^32
  }

  /** Uncompressed bytes appended so far. */
  public long rawLength() {
    return rawLength;
  }

  private void writeIntLittleEndian(int value) throws IOException {
    out.write(
        new byte[] {
          (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)
        });
  }
}
