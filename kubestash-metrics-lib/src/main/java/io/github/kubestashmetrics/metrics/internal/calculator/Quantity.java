package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Kubernetes resource quantities as exact decimals. The grammar is Kubernetes': an optional sign, a
 * number ({@code 5}, {@code 5.}, {@code .5}, {@code 5.25}), then one suffix: none, a decimal SI
 * suffix ({@code n u m k M G T P E}), a binary SI suffix ({@code Ki Mi Gi Ti Pi Ei}) or a decimal
 * exponent ({@code e3}, {@code E-2}; {@code E} alone is exa). Case matters: {@code m} is milli,
 * {@code M} mega, {@code K} nothing. A JSON number is its decimal value; a JSON null is zero (as
 * Kubernetes decodes it). Everything else is malformed.
 */
final class Quantity {

  /** Longer text is no quantity; the bound keeps the decimal work small. */
  private static final int MAX_LENGTH = 64;

  /** Exponents beyond this are refused (no real resource amount is near them). */
  private static final int MAX_EXPONENT = 60;

  private Quantity() {}

  /**
   * The exact value of a quantity node.
   *
   * @throws CalculationException when the node is not a quantity
   */
  static BigDecimal of(JsonNode node, String where) {
    BigDecimal value = valueOrNull(node);
    if (value == null) {
      throw malformed(node, where);
    }
    return value;
  }

  /**
   * The exact value of a quantity node, or null when it is not a quantity (then {@link #malformed}
   * says why); builds no text on success.
   */
  static BigDecimal valueOrNull(JsonNode node) {
    if (node.isNull()) {
      return BigDecimal.ZERO;
    }
    if (node.isNumber()) {
      BigDecimal value = node.decimalValue();
      return Math.abs((long) value.precision() - value.scale()) > MAX_EXPONENT ? null : value;
    }
    return node.isTextual() ? parse(node.textValue()) : null;
  }

  /** Why a node {@link #valueOrNull} refused is not a quantity, with where it was found. */
  static CalculationException malformed(JsonNode node, String where) {
    if (node.isNumber()) {
      return CalculationException.malformed("failed to parse " + where + ": out of range");
    }
    if (node.isTextual()) {
      return CalculationException.malformed(
          "failed to parse "
              + where
              + ": quantities must match the regular expression "
              + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got "
              + bounded(node.textValue()));
    }
    return CalculationException.malformed(
        "failed to parse " + where + ": " + ObjectFields.describe(node) + ", expected a quantity");
  }

  /**
   * The exact value of a quantity text, or null when the text is not a quantity. A number of at
   * most 18 digits is read into a long (the common case: no intermediate text or decimal
   * arithmetic); a longer one through {@link BigDecimal}'s own parser. Both give the same value.
   */
  static BigDecimal parse(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return null;
    }
    int i = 0;
    boolean negative = s.charAt(0) == '-';
    if (negative || s.charAt(0) == '+') {
      i++;
    }
    int numberStart = i;
    int digits = 0;
    int fractionDigits = 0;
    long unscaled = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      unscaled = digits < 18 ? unscaled * 10 + (s.charAt(i) - '0') : unscaled;
      i++;
      digits++;
    }
    int numberEnd = i;
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      numberEnd = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        unscaled = digits < 18 ? unscaled * 10 + (s.charAt(i) - '0') : unscaled;
        i++;
        digits++;
        fractionDigits++;
      }
      numberEnd = fractionDigits == 0 ? numberEnd - 1 : i;
    }
    if (digits == 0) {
      return null;
    }
    int shift = binaryShiftOfSuffix(s, i);
    if (digits <= 18 && shift > 0 && Long.numberOfLeadingZeros(unscaled) > shift) {
      // The common {@code 512Mi}: the product of the digits and the power of two fits a long.
      return BigDecimal.valueOf(
          negative ? -(unscaled << shift) : unscaled << shift, fractionDigits);
    }
    BigDecimal value;
    if (digits <= 18) {
      value = BigDecimal.valueOf(negative ? -unscaled : unscaled, fractionDigits);
    } else {
      value = new BigDecimal(s.substring(numberStart, numberEnd));
      value = negative ? value.negate() : value;
    }
    return scaled(value, s, i);
  }

  /** The value times the factor of the suffix starting at {@code from}; null for no suffix. */
  private static BigDecimal scaled(BigDecimal value, String s, int from) {
    int length = s.length() - from;
    if (length == 0) {
      return value;
    }
    char first = s.charAt(from);
    if (length == 1) {
      int power = decimalPower(first);
      return power == NO_POWER ? null : value.scaleByPowerOfTen(power);
    }
    if (length == 2 && s.charAt(from + 1) == 'i') {
      int shift = binaryShift(first);
      return shift == 0 ? null : value.multiply(BINARY[shift / 10]);
    }
    int power = exponent(s, from);
    return power == NO_POWER ? null : value.scaleByPowerOfTen(power);
  }

  /** The power of two of a binary suffix ({@code Ki} ... {@code Ei}) starting at from; else 0. */
  private static int binaryShiftOfSuffix(String s, int from) {
    return s.length() - from == 2 && s.charAt(from + 1) == 'i' ? binaryShift(s.charAt(from)) : 0;
  }

  private static final int NO_POWER = Integer.MIN_VALUE;

  /** 2^0, 2^10, ..., 2^60. */
  private static final BigDecimal[] BINARY = {
    BigDecimal.ONE,
    BigDecimal.valueOf(1L << 10),
    BigDecimal.valueOf(1L << 20),
    BigDecimal.valueOf(1L << 30),
    BigDecimal.valueOf(1L << 40),
    BigDecimal.valueOf(1L << 50),
    BigDecimal.valueOf(1L << 60)
  };

  private static int decimalPower(char suffix) {
    switch (suffix) {
      case 'n':
        return -9;
      case 'u':
        return -6;
      case 'm':
        return -3;
      case 'k':
        return 3;
      case 'M':
        return 6;
      case 'G':
        return 9;
      case 'T':
        return 12;
      case 'P':
        return 15;
      case 'E':
        return 18;
      default:
        return NO_POWER;
    }
  }

  /** The power of two of a binary suffix's letter ({@code K} 10 ... {@code E} 60); 0 for none. */
  private static int binaryShift(char letter) {
    switch (letter) {
      case 'K':
        return 10;
      case 'M':
        return 20;
      case 'G':
        return 30;
      case 'T':
        return 40;
      case 'P':
        return 50;
      case 'E':
        return 60;
      default:
        return 0;
    }
  }

  /**
   * The value rounded up to a whole number of thousandths, in thousandths (Kubernetes' MilliValue).
   */
  static BigDecimal ceilMilli(BigDecimal value) {
    return value.movePointRight(3).setScale(0, RoundingMode.CEILING);
  }

  /**
   * The power of ten of an exponent suffix at {@code from}: {@code e}/{@code E}, an optional sign
   * and at least one digit; {@link #NO_POWER} for anything else.
   */
  private static int exponent(String s, int from) {
    if (s.length() - from < 2 || (s.charAt(from) != 'e' && s.charAt(from) != 'E')) {
      return NO_POWER;
    }
    int i = from + 1;
    boolean negative = false;
    if (s.charAt(i) == '+' || s.charAt(i) == '-') {
      negative = s.charAt(i) == '-';
      i++;
    }
    if (i == s.length()) {
      return NO_POWER;
    }
    int exponent = 0;
    for (; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return NO_POWER;
      }
      exponent = exponent * 10 + (s.charAt(i) - '0');
      if (exponent > MAX_EXPONENT) {
        return NO_POWER;
      }
    }
    return negative ? -exponent : exponent;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String bounded(String text) {
    return text.length() > 40 ? "'" + text.substring(0, 40) + "…'" : "'" + text + "'";
  }
}
