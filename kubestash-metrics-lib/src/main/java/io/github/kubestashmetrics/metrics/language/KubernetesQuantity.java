package io.github.kubestashmetrics.metrics.language;

import java.math.BigDecimal;

/**
 * Kubernetes resource quantities ({@code 150m}, {@code 2}, {@code 1.5}, {@code 512Ki}, {@code 1e3})
 * as exact decimals, for {@code cpu_cores}.
 */
final class KubernetesQuantity {

  private KubernetesQuantity() {}

  /** The quantity's value, or null when the text is not a quantity. */
  static BigDecimal parse(String text) {
    String s = text.strip();
    int end = 0;
    if (end < s.length() && (s.charAt(end) == '+' || s.charAt(end) == '-')) {
      end++;
    }
    int digitsStart = end;
    while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
      end++;
    }
    if (end == digitsStart) {
      return null;
    }
    BigDecimal number;
    try {
      number = new BigDecimal(s.substring(0, end));
    } catch (NumberFormatException e) {
      return null;
    }
    String suffix = s.substring(end);
    BigDecimal factor = factor(suffix);
    return factor == null ? null : number.multiply(factor);
  }

  private static BigDecimal factor(String suffix) {
    switch (suffix) {
      case "":
        return BigDecimal.ONE;
      case "n":
        return new BigDecimal("1e-9");
      case "u":
        return new BigDecimal("1e-6");
      case "m":
        return new BigDecimal("1e-3");
      case "k":
        return new BigDecimal("1e3");
      case "M":
        return new BigDecimal("1e6");
      case "G":
        return new BigDecimal("1e9");
      case "T":
        return new BigDecimal("1e12");
      case "P":
        return new BigDecimal("1e15");
      case "E":
        return new BigDecimal("1e18");
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
        if ((suffix.startsWith("e") || suffix.startsWith("E")) && suffix.length() > 1) {
          try {
            int exponent = Integer.parseInt(suffix.substring(1));
            return Math.abs(exponent) > 30 ? null : BigDecimal.ONE.scaleByPowerOfTen(exponent);
          } catch (NumberFormatException e) {
            return null;
          }
        }
        return null;
    }
  }
}
