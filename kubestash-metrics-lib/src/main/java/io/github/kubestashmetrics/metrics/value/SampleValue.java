package io.github.kubestashmetrics.metrics.value;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Sample values as exposition text. Integral values print as plain integers ({@code 1701931080},
 * {@code 1}, {@code 0}: no exponent, no {@code .0}); other values print as plain decimals with the
 * fewest significant digits that read back as the same double ({@code 65.2}, {@code 0.0000000015}),
 * so output is identical on every JDK. NaN and infinities are never produced by this library and
 * are rejected.
 */
public final class SampleValue {

  /** 2^63 as a double: integral values below it in magnitude fit a long. */
  private static final double LONG_BOUND = 0x1p63;

  private SampleValue() {}

  /** The exposition text of a value. */
  public static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite sample value: " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < LONG_BOUND) {
      return Long.toString((long) value);
    }
    BigDecimal exact = new BigDecimal(value);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal rounded = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == value) {
        return plain(rounded);
      }
    }
    return plain(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  /** The exposition text of an integral value. */
  public static String format(long value) {
    return Long.toString(value);
  }

  private static String plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
  }
}
