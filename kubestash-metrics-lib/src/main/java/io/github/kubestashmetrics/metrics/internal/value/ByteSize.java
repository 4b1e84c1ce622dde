package io.github.kubestashmetrics.metrics.internal.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Size text as whole bytes. Accepts KubeStash's own form ({@code 12.222 MiB}: number, space, IEC
 * unit), the same without the space, SI units ({@code kB}, {@code MB}, … ×1000, also {@code k},
 * {@code M}, …), IEC units ({@code KiB} … {@code EiB}, also {@code Ki} … {@code Ei}, ×1024),
 * Kubernetes quantities ({@code 512Ki}, {@code 1Gi}, {@code 1k}, {@code 100}, {@code 1e3}) and
 * plain bytes ({@code 13 B}), with any letter case of the unit. Because case does not matter,
 * {@code m} is mega, never Kubernetes' milli (a fraction of a byte is not a size).
 *
 * <p>The number times the unit is computed exactly in decimal and then rounded down to whole bytes:
 * {@code 1.001 kB} is 1001, {@code 12.222 MiB} is 12815695.
 */
public final class ByteSize {

  /** Longer text is not a size; the bound also keeps BigDecimal work small. */
  private static final int MAX_LENGTH = 64;

  /** Exponents beyond this overflow a long for any non-zero number. */
  private static final int MAX_EXPONENT = 40;

  /** Numbers with at most this many digits are exact longs (the fast path). */
  private static final int MAX_LONG_DIGITS = 18;

  private static final long[] POWERS_OF_TEN = {
    1L,
    10L,
    100L,
    1_000L,
    10_000L,
    100_000L,
    1_000_000L,
    10_000_000L,
    100_000_000L,
    1_000_000_000L,
    10_000_000_000L,
    100_000_000_000L,
    1_000_000_000_000L,
    10_000_000_000_000L,
    100_000_000_000_000L,
    1_000_000_000_000_000L,
    10_000_000_000_000_000L,
    100_000_000_000_000_000L,
    1_000_000_000_000_000_000L
  };

  private ByteSize() {}

  /** Whole bytes of a size text, or empty when it is not a size, is negative or overflows. */
  public static OptionalLong parseBytes(String text) {
    if (text == null) {
      return OptionalLong.empty();
    }
    String s = text.strip();
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return OptionalLong.empty();
    }
    int pos = 0;
    if (s.charAt(0) == '+') {
      pos = 1;
    }
    int numberStart = pos;
    int digits = 0;
    while (pos < s.length() && isDigit(s.charAt(pos))) {
      pos++;
      digits++;
    }
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
        digits++;
      }
    }
    if (digits == 0) {
      return OptionalLong.empty();
    }
    String suffix = s.substring(pos);
    if (digits <= MAX_LONG_DIGITS && !isDecimalExponent(suffix)) {
      long unit = unitBytes(suffix.stripLeading().toLowerCase(Locale.ROOT));
      if (unit < 0) {
        return OptionalLong.empty();
      }
      long bytes = floorOfProduct(s, numberStart, pos, unit);
      if (bytes >= 0) {
        return OptionalLong.of(bytes);
      }
    }
    BigDecimal number = new BigDecimal(s.substring(numberStart, pos));
    int exponent = 0;
    BigDecimal unit;
    if (isDecimalExponent(suffix)) {
      exponent = Integer.parseInt(suffix.substring(1));
      unit = BigDecimal.ONE;
    } else {
      unit = unit(suffix.stripLeading().toLowerCase(Locale.ROOT));
      if (unit == null) {
        return OptionalLong.empty();
      }
    }
    if (number.signum() == 0) {
      return OptionalLong.of(0);
    }
    if (exponent > MAX_EXPONENT) {
      return OptionalLong.empty();
    }
    if (exponent < -MAX_EXPONENT) {
      return OptionalLong.of(0);
    }
    BigDecimal bytes =
        number.multiply(unit).scaleByPowerOfTen(exponent).setScale(0, RoundingMode.FLOOR);
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(bytes.longValueExact());
  }

  /** Kubernetes' decimal exponent: {@code e} or {@code E}, optional sign, at most four digits. */
  private static boolean isDecimalExponent(String suffix) {
    if (suffix.length() < 2 || (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E')) {
      return false;
    }
    int pos = 1;
    if (suffix.charAt(pos) == '+' || suffix.charAt(pos) == '-') {
      pos++;
    }
    int digits = suffix.length() - pos;
    if (digits < 1 || digits > 4) {
      return false;
    }
    for (int i = pos; i < suffix.length(); i++) {
      if (!isDigit(suffix.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The common case without BigDecimal: at most 18 digits, so the number is an exact {@code long}
   * mantissa {@code m} with {@code k} decimal places, and when {@code m · unit} fits a long, {@code
   * floor(m · unit / 10^k)} is exactly what the decimal arithmetic gives. -1 when it does not fit.
   */
  private static long floorOfProduct(String s, int from, int to, long unit) {
    long mantissa = 0;
    int places = 0;
    boolean fraction = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        fraction = true;
      } else {
        mantissa = mantissa * 10 + (c - '0');
        if (fraction) {
          places++;
        }
      }
    }
    if (mantissa > Long.MAX_VALUE / unit) {
      return -1;
    }
    return mantissa * unit / POWERS_OF_TEN[places];
  }

  /** The multiplier of a lower-cased unit, or null when it is not one. */
  private static BigDecimal unit(String unit) {
    long bytes = unitBytes(unit);
    return bytes < 0 ? null : BigDecimal.valueOf(bytes);
  }

  /** The multiplier of a lower-cased unit, or -1 when it is not one. */
  private static long unitBytes(String unit) {
    switch (unit) {
      case "":
      case "b":
        return 1L;
      case "k":
      case "kb":
        return 1_000L;
      case "m":
      case "mb":
        return 1_000_000L;
      case "g":
      case "gb":
        return 1_000_000_000L;
      case "t":
      case "tb":
        return 1_000_000_000_000L;
      case "p":
      case "pb":
        return 1_000_000_000_000_000L;
      case "e":
      case "eb":
        return 1_000_000_000_000_000_000L;
      case "ki":
      case "kib":
        return 1L << 10;
      case "mi":
      case "mib":
        return 1L << 20;
      case "gi":
      case "gib":
        return 1L << 30;
      case "ti":
      case "tib":
        return 1L << 40;
      case "pi":
      case "pib":
        return 1L << 50;
      case "ei":
      case "eib":
        return 1L << 60;
      default:
        return -1;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
