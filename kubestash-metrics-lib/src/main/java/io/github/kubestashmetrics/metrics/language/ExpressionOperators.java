package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.github.kubestashmetrics.metrics.language.Expression.BinaryOperator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each binary operator that evaluates both sides does, with govaluate's type checks: numbers
 * for arithmetic, bitwise and shifts (as int64 / uint64, the way Go converts a float64 on amd64);
 * two numbers or two texts for ordering; text and a pattern for {@code =~}, matched anywhere with
 * RE2 semantics in linear time (re2j), so a hostile pattern cannot hang a scrape; a list or JSON
 * array for {@code in}.
 */
final class ExpressionOperators {

  private static final int PATTERN_CACHE_LIMIT = 512;

  /**
   * Compiled patterns by source, the least recently used dropped beyond {@value
   * #PATTERN_CACHE_LIMIT}: a pattern compiles once, not per object.
   */
  private static final Map<String, Pattern> PATTERNS =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
              return size() > PATTERN_CACHE_LIMIT;
            }
          });

  private ExpressionOperators() {}

  static Object apply(BinaryOperator operator, Object l, Object r) throws EvaluationException {
    switch (operator) {
      case EQ:
        return ExpressionValues.valuesEqual(l, r);
      case NE:
        return !ExpressionValues.valuesEqual(l, r);
      case LT:
      case LE:
      case GT:
      case GE:
        return compare(operator, l, r);
      case MATCH:
      case NOT_MATCH:
        {
          if (!ExpressionValues.isText(l) || !ExpressionValues.isText(r)) {
            throw EvaluationException.of(operator.symbol() + " needs a text and a pattern text");
          }
          boolean found =
              pattern(ExpressionValues.text(r)).matcher(ExpressionValues.text(l)).find();
          return operator == BinaryOperator.MATCH ? found : !found;
        }
      case IN:
        return in(l, r);
      case ADD:
        if (ExpressionValues.isText(l) || ExpressionValues.isText(r)) {
          return ExpressionValues.goText(l) + ExpressionValues.goText(r);
        }
        break;
      default:
        break;
    }
    if (!(l instanceof Number a) || !(r instanceof Number b)) {
      throw EvaluationException.of(operator.symbol() + " needs two numbers");
    }
    double x = a.doubleValue();
    double y = b.doubleValue();
    switch (operator) {
      case ADD:
        return x + y;
      case SUB:
        return x - y;
      case MUL:
        return x * y;
      case DIV:
        return x / y;
      case MOD:
        return x % y; // Go's math.Mod: same sign rule and special cases
      case POW:
        return power(x, y);
      case BIT_AND:
        return (double) (ExpressionValues.toInt64(x) & ExpressionValues.toInt64(y));
      case BIT_OR:
        return (double) (ExpressionValues.toInt64(x) | ExpressionValues.toInt64(y));
      case BIT_XOR:
        return (double) (ExpressionValues.toInt64(x) ^ ExpressionValues.toInt64(y));
      case SHIFT_LEFT:
      case SHIFT_RIGHT:
        {
          long value = ExpressionValues.toUint64(x);
          long count = ExpressionValues.toUint64(y);
          if (count < 0 || count >= 64) {
            return 0.0; // Go: shifting a uint64 by 64 or more gives 0
          }
          long shifted = operator == BinaryOperator.SHIFT_LEFT ? value << count : value >>> count;
          return ExpressionValues.unsignedToDouble(shifted);
        }
      default:
        throw new IllegalStateException("short-circuit operator " + operator);
    }
  }

  private static Object compare(BinaryOperator operator, Object l, Object r)
      throws EvaluationException {
    if (l instanceof Number a && r instanceof Number b) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      return switch (operator) {
        case LT -> x < y;
        case LE -> x <= y;
        case GT -> x > y;
        default -> x >= y;
      };
    }
    if (ExpressionValues.isText(l) && ExpressionValues.isText(r)) {
      int c = ExpressionValues.compareText(ExpressionValues.text(l), ExpressionValues.text(r));
      return switch (operator) {
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        default -> c >= 0;
      };
    }
    throw EvaluationException.of(operator.symbol() + " needs two numbers or two strings");
  }

  private static Object in(Object l, Object r) throws EvaluationException {
    if (r instanceof List<?> list) {
      for (Object element : list) {
        if (ExpressionValues.interfaceEqual(l, element)) {
          return true;
        }
      }
      return false;
    }
    if (r instanceof JsonNode array && array.isArray()) {
      for (JsonNode element : array) {
        if (ExpressionValues.interfaceEqual(l, element)) {
          return true;
        }
      }
      return false;
    }
    throw EvaluationException.of("in needs a list on its right, such as (a, b)");
  }

  /** Go's math.Pow where it differs from Java's: 1 to any power and -1 to ±Inf are 1. */
  private static double power(double x, double y) {
    if (x == 1 || (x == -1 && Double.isInfinite(y))) {
      return 1.0;
    }
    return Math.pow(x, y);
  }

  /** The compiled RE2 pattern; an invalid one is an evaluation error (a bad pattern text). */
  static Pattern pattern(String source) throws EvaluationException {
    Pattern cached = PATTERNS.get(source);
    if (cached != null) {
      return cached;
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(source);
    } catch (PatternSyntaxException e) {
      throw EvaluationException.of("not an RE2 pattern: " + e.getDescription());
    }
    PATTERNS.put(source, compiled);
    return compiled;
  }

  /** Why this text is not an RE2 pattern, or null when it is one. */
  static String patternProblem(String source) {
    try {
      Pattern.compile(source);
      return null;
    } catch (PatternSyntaxException e) {
      return e.getDescription();
    }
  }
}
