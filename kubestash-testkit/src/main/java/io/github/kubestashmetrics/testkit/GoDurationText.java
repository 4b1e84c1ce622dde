package io.github.kubestashmetrics.testkit;

import java.math.BigInteger;

/** Writes a duration exactly as Go's {@code time.Duration.String()} does, which KubeStash uses. */
final class GoDurationText {

  private GoDurationText() {}

  /** Go's text for {@code nanos} nanoseconds, e.g. {@code 1m5s}, {@code 2h0m0s}, {@code 300ms}. */
  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    // Long.MIN_VALUE has no positive long; Go prints it from its unsigned form, so do we.
    BigInteger magnitude = BigInteger.valueOf(nanos).abs();
    if (magnitude.compareTo(BigInteger.valueOf(1_000_000_000L)) < 0) {
      long u = magnitude.longValueExact();
      if (u < 1_000) {
        return sign + u + "ns";
      }
      if (u < 1_000_000) {
        return sign + withFraction(u, 3) + "µs";
      }
      return sign + withFraction(u, 6) + "ms";
    }
    BigInteger[] secondsAndNanos = magnitude.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
    long totalSeconds = secondsAndNanos[0].longValueExact();
    long fraction = secondsAndNanos[1].longValueExact();
    StringBuilder out = new StringBuilder(sign);
    long hours = totalSeconds / 3600;
    long minutes = totalSeconds / 60 % 60;
    long seconds = totalSeconds % 60;
    if (hours > 0) {
      out.append(hours).append('h').append(minutes).append('m');
    } else if (minutes > 0) {
      out.append(minutes).append('m');
    }
    out.append(withFraction(seconds * 1_000_000_000L + fraction, 9)).append('s');
    return out.toString();
  }

  /** {@code value / 10^digits} with the fraction's trailing zeros (and a bare dot) dropped. */
  private static String withFraction(long value, int digits) {
    long scale = (long) Math.pow(10, digits);
    long whole = value / scale;
    long fraction = value % scale;
    if (fraction == 0) {
      return Long.toString(whole);
    }
    String fractionText = String.format("%0" + digits + "d", fraction).replaceAll("0+$", "");
    return whole + "." + fractionText;
  }
}
