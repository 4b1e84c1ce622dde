package io.github.kubestashmetrics.metrics.internal.deflate;

/**
 * The CRC-32 of a concatenation from the CRC-32s of its parts, by zlib's {@code crc32_combine}
 * arithmetic: appending {@code n} zero bytes to a message is a linear map on its CRC over GF(2), a
 * 32x32 bit matrix; the matrices for 2<sup>k</sup> zero bytes are squared once here, so that one
 * combination costs at most one matrix-vector product per set bit of the length.
 *
 * <p>Invariant: {@code combine(crc(a), crc(b), b.length) == crc(a ++ b)} for the CRC-32 of {@link
 * java.util.zip.CRC32} (reflected polynomial {@code 0xEDB88320}).
 */
public final class Crc32Combine {

  /** The reflected CRC-32 polynomial. */
  private static final int POLYNOMIAL = 0xEDB88320;

  /**
   * {@code ZEROS[k]}: the operator that appends 2<sup>k</sup> zero bytes, as 32 columns (column
   * {@code i} is the image of bit {@code i}). Never modified after class initialisation.
   */
  private static final int[][] ZEROS = zeroOperators();

  private Crc32Combine() {}

  /**
   * The CRC-32 of {@code a ++ b} given {@code crcA}, the CRC-32 of {@code a}, and {@code crcB}, the
   * CRC-32 of {@code b}, which is {@code lengthB} bytes long ({@code lengthB >= 0}).
   */
  public static int combine(int crcA, int crcB, long lengthB) {
    if (lengthB < 0) {
      throw new IllegalArgumentException("negative length " + lengthB);
    }
    int crc = crcA;
    for (int k = 0; lengthB != 0; k++, lengthB >>>= 1) {
      if ((lengthB & 1) != 0) {
        crc = times(ZEROS[k], crc);
      }
    }
    return crc ^ crcB;
  }

  private static int[][] zeroOperators() {
    // The operator for one zero bit: shift right, folding the polynomial in for bit 0.
    int[] oneBit = new int[32];
    oneBit[0] = POLYNOMIAL;
    for (int i = 1; i < 32; i++) {
      oneBit[i] = 1 << (i - 1);
    }
    int[] eightBits = square(square(square(oneBit)));
    int[][] zeros = new int[63][];
    zeros[0] = eightBits;
    for (int k = 1; k < zeros.length; k++) {
      zeros[k] = square(zeros[k - 1]);
    }
    return zeros;
  }

  /** {@code matrix * vector} over GF(2). */
  private static int times(int[] matrix, int vector) {
    int sum = 0;
    for (int i = 0; vector != 0; i++, vector >>>= 1) {
      if ((vector & 1) != 0) {
        sum ^= matrix[i];
      }
    }
    return sum;
  }

  /** {@code matrix * matrix} over GF(2). */
  private static int[] square(int[] matrix) {
    int[] squared = new int[32];
    for (int i = 0; i < 32; i++) {
      squared[i] = times(matrix, matrix[i]);
    }
    return squared;
  }
}
