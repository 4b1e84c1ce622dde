package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How expression values compare and print, as govaluate's Go values do: equality is Go's {@code
 * reflect.DeepEqual} (no coercion), text compares by code point (Go compares UTF-8 bytes, the same
 * order), and {@link #goText} is Go's {@code %v} text, which {@code +} concatenates.
 */
final class ExpressionValues {

  /** 1 and 0 boxed once: {@code int(phase == 'Ready')} is most of what configurations compute. */
  static final Double ONE = 1.0;

  static final Double ZERO = 0.0;

  private static final double TWO_POW_63 = 0x1p63;

  private ExpressionValues() {}

  /**
   * Equality without coercion: numbers by value (NaN equals nothing), strings (and {@link
   * Expression#NIL}, which is the string {@code nil}) by text, booleans by value, {@code nil} only
   * {@code nil}, lists element by element, JSON objects and arrays structurally; values of
   * different types are never equal.
   */
  static boolean valuesEqual(Object l, Object r) {
    if (l instanceof Number a && r instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    if (isText(l) && isText(r)) {
      return text(l).equals(text(r));
    }
    if (l == null || r == null) {
      return l == r;
    }
    if (l instanceof List<?> a && r instanceof List<?> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!valuesEqual(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (l instanceof Boolean || l instanceof JsonNode) {
      return l.equals(r);
    }
    return false;
  }

  static boolean isText(Object value) {
    return value instanceof String || value == Expression.NIL;
  }

  static String text(Object value) {
    return value == Expression.NIL ? "nil" : (String) value;
  }

  /** Go's string order: by code point, which is the order of the UTF-8 bytes. */
  static int compareText(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /**
   * Go's {@code int64(x)} of a float64 on amd64: truncation toward zero; NaN and values out of
   * range give the "integer indefinite" value {@code -2^63}.
   */
  static long toInt64(double x) {
    if (Double.isNaN(x) || x >= TWO_POW_63 || x < -TWO_POW_63) {
      return Long.MIN_VALUE;
    }
    return (long) x;
  }

  /** Go's {@code uint64(x)} of a float64 on amd64, as 64 bits. */
  static long toUint64(double x) {
    if (x >= TWO_POW_63 && x < 2 * TWO_POW_63) {
      return ((long) (x - TWO_POW_63)) | Long.MIN_VALUE;
    }
    return toInt64(x);
  }

  /** Go's {@code float64(u)} of a uint64 held in 64 bits. */
  static double unsignedToDouble(long bits) {
    if (bits >= 0) {
      return bits;
    }
    return ((bits >>> 1) | (bits & 1)) * 2.0;
  }

  /** Source text of a number literal that parses back to exactly this double. */
  static String numberText(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).toPlainString();
  }

  /**
   * Go's {@code fmt} {@code %v} text of a value: a float64 in {@code %g} with the shortest digits
   * ({@code 3}, {@code 0.5}, {@code 1e+06}), an integer in decimal, {@code true}/{@code false},
   * {@code <nil>} for Go's nil, {@code nil} for a missing parameter (Panopticon's text for it), a
   * list as {@code [a b]}, a JSON object as Go prints a map ({@code map[k:v]}, keys sorted).
   */
  static String goText(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value == Expression.NIL) {
      return "nil";
    }
    if (value == null) {
      return "<nil>";
    }
    if (value instanceof Double d) {
      return goFloatText(d);
    }
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      for (Object element : list) {
        parts.add(goText(element));
      }
      return "[" + String.join(" ", parts) + "]";
    }
    if (value instanceof JsonNode node) {
      return goJsonText(node);
    }
    return String.valueOf(value);
  }

  private static String goJsonText(JsonNode node) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      keys.sort(ExpressionValues::compareText);
      List<String> parts = new ArrayList<>();
      for (String key : keys) {
        parts.add(key + ":" + goJsonText(node.get(key)));
      }
      return "map[" + String.join(" ", parts) + "]";
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        parts.add(goJsonText(it.next()));
      }
      return "[" + String.join(" ", parts) + "]";
    }
    if (node.isNull()) {
      return "<nil>";
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return Long.toString(node.longValue()); // Kubernetes' unstructured JSON: int64
    }
    if (node.isNumber()) {
      return goFloatText(node.doubleValue());
    }
    return node.asText();
  }

  /** Go's {@code strconv.FormatFloat(x, 'g', -1, 64)} with fmt's {@code %v} exponent rule. */
  static String goFloatText(double x) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "+Inf" : "-Inf";
    }
    if (x == 0) {
      return 1 / x < 0 ? "-0" : "0";
    }
    BigDecimal exact = new BigDecimal(x);
    BigDecimal shortest = exact;
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == x) {
        shortest = rounded;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    String digits = shortest.unscaledValue().abs().toString();
    int decimalPoint = digits.length() - shortest.scale(); // digits before the point
    int exponent = decimalPoint - 1;
    StringBuilder out = new StringBuilder();
    if (x < 0) {
      out.append('-');
    }
    if (exponent < -4 || exponent >= 6) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        out.append('0');
      }
      out.append(abs);
    } else if (decimalPoint <= 0) {
      out.append("0.").append("0".repeat(-decimalPoint)).append(digits);
    } else if (decimalPoint >= digits.length()) {
      out.append(digits).append("0".repeat(decimalPoint - digits.length()));
    } else {
      out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
    }
    return out.toString();
  }

  /** Go's comparison of two interface values, as {@code in} uses it (no coercion). */
  static boolean interfaceEqual(Object l, Object r) {
    if (r instanceof JsonNode node && !node.isContainerNode()) {
      r = CompiledMetric.parameterValue(node);
    }
    if (l instanceof List<?> || r instanceof List<?> || l instanceof Map<?, ?>) {
      return false;
    }
    return valuesEqual(l, r);
  }
}
