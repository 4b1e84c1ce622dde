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
    if (node.isNull()) {
      return BigDecimal.ZERO;
    }
    if (node.isNumber()) {
      BigDecimal value = node.decimalValue();
      if (Math.abs((long) value.precision() - value.scale()) > MAX_EXPONENT) {
        throw CalculationException.malformed("failed to parse " + where + ": out of range");
      }
      return value;
    }
    if (node.isTextual()) {
      BigDecimal value = parse(node.textValue());
      if (value == null) {
        throw CalculationException.malformed(
            "failed to parse "
                + where
                + ": quantities must match the regular expression "
                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got "
                + bounded(node.textValue()));
      }
      return value;
    }
    throw CalculationException.malformed(
        "failed to parse " + where + ": " + ObjectFields.describe(node) + ", expected a quantity");
  }

  /** The exact value of a quantity text, or null when the text is not a quantity. */
  static BigDecimal parse(String text) {
    String s = text.strip();
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return null;
    }
    int i = 0;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      i++;
    }
    int numberStart = i;
    int digits = 0;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return null;
    }
    String number = s.substring(numberStart, i);
    BigDecimal value =
        new BigDecimal(number.endsWith(".") ? number.substring(0, number.length() - 1) : number);
    if (s.charAt(0) == '-') {
      value = value.negate();
    }
    BigDecimal factor = factor(s.substring(i));
    return factor == null ? null : value.multiply(factor);
  }

  /**
   * The value rounded up to a whole number of thousandths, in thousandths (Kubernetes' MilliValue).
   */
  static BigDecimal ceilMilli(BigDecimal value) {
    return value.movePointRight(3).setScale(0, RoundingMode.CEILING);
  }

  private static BigDecimal factor(String suffix) {
    switch (suffix) {
      case "":
        return BigDecimal.ONE;
      case "n":
        return BigDecimal.ONE.scaleByPowerOfTen(-9);
      case "u":
        return BigDecimal.ONE.scaleByPowerOfTen(-6);
      case "m":
        return BigDecimal.ONE.scaleByPowerOfTen(-3);
      case "k":
        return BigDecimal.ONE.scaleByPowerOfTen(3);
      case "M":
        return BigDecimal.ONE.scaleByPowerOfTen(6);
      case "G":
        return BigDecimal.ONE.scaleByPowerOfTen(9);
      case "T":
        return BigDecimal.ONE.scaleByPowerOfTen(12);
      case "P":
        return BigDecimal.ONE.scaleByPowerOfTen(15);
      case "E":
        return BigDecimal.ONE.scaleByPowerOfTen(18);
      case "Ki":
        return BigDecimal.valueOf(1L << 10);
      case "Mi":
        return BigDecimal.valueOf(1L << 20);
      case "Gi":
        return BigDecimal.valueOf(1L << 30);
      case "Ti":
        return BigDecimal.valueOf(1L << 40);
      case "Pi":
        return BigDecimal.valueOf(1L << 50);
      case "Ei":
        return BigDecimal.valueOf(1L << 60);
      default:
        return exponent(suffix);
    }
  }

  /** {@code e}/{@code E}, an optional sign and at least one digit; null for anything else. */
  private static BigDecimal exponent(String suffix) {
    if (suffix.length() < 2 || (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E')) {
      return null;
    }
    int i = 1;
    boolean negative = false;
    if (suffix.charAt(i) == '+' || suffix.charAt(i) == '-') {
      negative = suffix.charAt(i) == '-';
      i++;
    }
    if (i == suffix.length()) {
      return null;
    }
    int exponent = 0;
    for (; i < suffix.length(); i++) {
      if (!isDigit(suffix.charAt(i))) {
        return null;
      }
      exponent = exponent * 10 + (suffix.charAt(i) - '0');
      if (exponent > MAX_EXPONENT) {
        return null;
      }
    }
    return BigDecimal.ONE.scaleByPowerOfTen(negative ? -exponent : exponent);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String bounded(String text) {
    return text.length() > 40 ? "'" + text.substring(0, 40) + "…'" : "'" + text + "'";
  }
}
