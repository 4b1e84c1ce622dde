package io.github.kubestashmetrics.metrics.internal.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.OptionalDouble;

/**
 * Go duration text ({@code 7.534461497s}, {@code 1m5.2s}, {@code 2h0m0s}, {@code 300ms}) as
 * seconds, following Go's {@code time.ParseDuration} exactly: the sum is computed in whole
 * nanoseconds with Go's truncation of fractions, and overflow beyond int64 nanoseconds is invalid.
 */
public final class GoDuration {

  private static final long NANOSECOND = 1L;
  private static final long MICROSECOND = 1_000L;
  private static final long MILLISECOND = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  /** 1<<63 as an unsigned 64-bit value, Go's bound for the magnitude of a duration. */
  private static final long TWO_POW_63 = Long.MIN_VALUE;

  private GoDuration() {}

  /**
   * Seconds of a Go duration, or empty when the text is not one. Accepts an optional leading {@code
   * +} or {@code -}, {@code 0} alone, and any sequence of decimal numbers (optionally with a
   * fraction) each followed by a unit: {@code ns}, {@code us}, {@code µs} (U+00B5), {@code μs}
   * (U+03BC), {@code ms}, {@code s}, {@code m}, {@code h}.
   */
  public static OptionalDouble parseSeconds(String text) {
    if (text == null) {
      return OptionalDouble.empty();
    }
    String s = text;
    int pos = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      pos = 1;
    }
    if (s.length() - pos == 1 && s.charAt(pos) == '0') {
      return OptionalDouble.of(0.0);
    }
    if (pos == s.length()) {
      return OptionalDouble.empty();
    }
    long total = 0; // unsigned
    while (pos < s.length()) {
      char first = s.charAt(pos);
      if (!(first == '.' || isDigit(first))) {
        return OptionalDouble.empty();
      }
      // Integer part, with Go's leadingInt overflow rule.
      int start = pos;
      long v = 0; // unsigned
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_POW_63, 10)) > 0) {
          return OptionalDouble.empty();
        }
        v = v * 10 + (s.charAt(pos) - '0');
        if (Long.compareUnsigned(v, TWO_POW_63) > 0) {
          return OptionalDouble.empty();
        }
        pos++;
      }
      boolean digitsBefore = pos != start;
      // Fraction, with Go's leadingFraction rule: digits past the precision are consumed but
      // ignored.
      long fraction = 0; // unsigned
      double scale = 1;
      boolean digitsAfter = false;
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        int fractionStart = pos;
        boolean overflow = false;
        while (pos < s.length() && isDigit(s.charAt(pos))) {
          char c = s.charAt(pos++);
          if (overflow) {
            continue;
          }
          if (Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0) {
            overflow = true;
            continue;
          }
          long next = fraction * 10 + (c - '0');
          if (Long.compareUnsigned(next, TWO_POW_63) > 0) {
            overflow = true;
            continue;
          }
          fraction = next;
          scale *= 10;
        }
        digitsAfter = pos != fractionStart;
      }
      if (!digitsBefore && !digitsAfter) {
        return OptionalDouble.empty();
      }
      int unitStart = pos;
      while (pos < s.length() && !(s.charAt(pos) == '.' || isDigit(s.charAt(pos)))) {
        pos++;
      }
      if (unitStart == pos) {
        return OptionalDouble.empty();
      }
      long unit = unit(s, unitStart, pos);
      if (unit == 0) {
        return OptionalDouble.empty();
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_POW_63, unit)) > 0) {
        return OptionalDouble.empty();
      }
      v *= unit;
      if (fraction != 0) {
        // Go computes this in float64 and truncates; doing the same keeps results identical.
        v += (long) (unsignedToDouble(fraction) * ((double) unit / scale));
        if (Long.compareUnsigned(v, TWO_POW_63) > 0) {
          return OptionalDouble.empty();
        }
      }
      total += v;
      if (Long.compareUnsigned(total, TWO_POW_63) > 0) {
        return OptionalDouble.empty();
      }
    }
    if (!negative && total == TWO_POW_63) {
      return OptionalDouble.empty();
    }
    BigDecimal nanos = new BigDecimal(new BigInteger(Long.toUnsignedString(total)));
    double seconds = nanos.movePointLeft(9).doubleValue();
    return OptionalDouble.of(negative && total != 0 ? -seconds : seconds);
  }

  private static long unit(String s, int from, int to) {
    switch (s.substring(from, to)) {
      case "ns":
        return NANOSECOND;
      case "us":
      case "\u00b5s":
      case "\u03bcs":
        return MICROSECOND;
      case "ms":
        return MILLISECOND;
      case "s":
        return SECOND;
      case "m":
        return MINUTE;
      case "h":
        return HOUR;
      default:
        return 0;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static double unsignedToDouble(long value) {
    return value >= 0 ? (double) value : ((double) (value >>> 1)) * 2.0;
  }
}
