package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** How expression values compare and print: equality without coercion, {@code nil} as text. */
final class ExpressionValues {

  /** 1 and 0 boxed once: {@code int(phase == 'Ready')} is most of what configurations compute. */
  static final Double ONE = 1.0;

  static final Double ZERO = 0.0;

  private ExpressionValues() {}

  /**
   * Equality without coercion: numbers by value, strings (and {@link Expression#NIL}, which is the
   * string {@code nil}) by text, booleans by value, JSON objects and arrays structurally; values of
   * different types are never equal.
   */
  static boolean valuesEqual(Object l, Object r) {
    if (l instanceof Number a && r instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    if (isText(l) && isText(r)) {
      return text(l).equals(text(r));
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

  /** Source text of a number literal that parses back to exactly this double. */
  static String numberText(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).toPlainString();
  }
}
