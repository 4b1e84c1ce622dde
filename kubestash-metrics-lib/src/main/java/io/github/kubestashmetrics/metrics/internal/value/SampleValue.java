package io.github.kubestashmetrics.metrics.internal.value;

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

  /** Scaled values below this take the fast path (see {@link #fewFractionDigits}). */
  private static final double FAST_PATH_BOUND = 0x1p50;

  /** 10^0 … 10^22, every one an exact double. */
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private SampleValue() {}

  /** The exposition text of a value. */
  public static String format(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite sample value: " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < LONG_BOUND) {
      return Long.toString((long) value);
    }
    String fewDigits = fewFractionDigits(value);
    if (fewDigits != null) {
      return fewDigits;
    }
    return shortestByBigDecimal(value);
  }

  /**
   * The same text as {@link #shortestByBigDecimal} for the common case of a value with few decimal
   * places (durations such as {@code 46.139498297}), without BigDecimal: the first {@code k} for
   * which {@code m = round(value·10^k)} gives {@code m / 10^k == value} exactly. Both operands are
   * exact doubles ({@code |m| < 2^50}, {@code 10^k ≤ 10^22}), so the division is correctly rounded
   * and the test is exactly "the decimal m·10^-k reads back as value". With {@code |value·10^k| <
   * 2^50} the product's rounding error is below 1/8, while a candidate that reads back is within
   * 1/8 of the exact product; so {@code m} is the exact product rounded to the nearest integer, the
   * candidate BigDecimal's rounding finds at the same precision, and no shorter candidate exists.
   * Null when no {@code k} qualifies (the caller then takes the BigDecimal path).
   */
  static String fewFractionDigits(double value) {
    double magnitude = Math.abs(value);
    for (int k = 1; k < POWERS_OF_TEN.length; k++) {
      double scaled = magnitude * POWERS_OF_TEN[k];
      if (scaled >= FAST_PATH_BOUND) {
        return null;
      }
      long m = Math.round(scaled);
      if (m / POWERS_OF_TEN[k] == magnitude) {
        return plain(value < 0, m, k);
      }
    }
    return null;
  }

  /** {@code m·10^-k} as plain text, {@code k ≥ 1}, {@code m} not a multiple of 10. */
  private static String plain(boolean negative, long m, int k) {
    String digits = Long.toString(m);
    StringBuilder text = new StringBuilder(digits.length() + k + 3);
    if (negative) {
      text.append('-');
    }
    if (digits.length() <= k) {
      text.append("0.");
      for (int i = digits.length(); i < k; i++) {
        text.append('0');
      }
      text.append(digits);
    } else {
      text.append(digits, 0, digits.length() - k)
          .append('.')
          .append(digits, digits.length() - k, digits.length());
    }
    return text.toString();
  }

  /** The shortest round-tripping decimal by exact arithmetic: the definition, and the fallback. */
  static String shortestByBigDecimal(double value) {
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
