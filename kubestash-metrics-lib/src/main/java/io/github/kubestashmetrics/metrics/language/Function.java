package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.metrics.MappingError;
import io.github.kubestashmetrics.metrics.internal.value.ByteSize;
import io.github.kubestashmetrics.metrics.internal.value.GoDuration;
import io.github.kubestashmetrics.metrics.internal.value.Rfc3339;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The functions expressions may call. Value functions ({@code bytes}, {@code toSecond}, {@code
 * unix}, {@code cpu_cores}) given {@link Expression#NIL} (a missing value) return {@link
 * Function#ABSENT}: the series is left out and no error is counted (CONTRACT rules 6-8).
 */
public enum Function {
  /** {@code int(x)}: a boolean as 1/0, a number truncated toward zero. */
  INT("int", 1, 1),
  /** {@code bytes(size)}: size text (CONTRACT rule 8) as whole bytes. */
  BYTES("bytes", 1, 1),
  /** {@code toSecond(duration)}: Go duration text (rule 7) as seconds. */
  TO_SECOND("toSecond", 1, 1),
  /** {@code unix(time)}: RFC 3339 text (rule 6) as Unix seconds. */
  UNIX("unix", 1, 1),
  /** {@code cpu_cores(cpu)}: a Kubernetes CPU quantity ({@code 150m}, {@code 2}) as cores. */
  CPU_CORES("cpu_cores", 1, 1),
  /**
   * {@code percentage(percent, total[, roundUp])}: {@code "25%"} of total, rounded down (up when
   * roundUp is true), as Kubernetes scales an int-or-percent; a number percent is itself.
   */
  PERCENTAGE("percentage", 2, 3);

  /** Marker result of a value function given a missing value: no series, no error. */
  public static final Object ABSENT = new Object();

  /**
   * KubeDB's resource calculator functions: out of scope for this engine, so a metric that calls
   * one is rejected with this reason.
   */
  public static final Set<String> KUBEDB_CALCULATORS =
      Set.of(
          "total_resource_requests", "total_resource_limits", "resource_replicas", "resource_mode");

  private final String sourceName;
  private final int minArguments;
  private final int maxArguments;

  Function(String sourceName, int minArguments, int maxArguments) {
    this.sourceName = sourceName;
    this.minArguments = minArguments;
    this.maxArguments = maxArguments;
  }

  /** The name expressions call it by. */
  public String sourceName() {
    return sourceName;
  }

  public int minArguments() {
    return minArguments;
  }

  public int maxArguments() {
    return maxArguments;
  }

  /** The function an expression calls by this name. */
  public static Optional<Function> named(String name) {
    for (Function f : values()) {
      if (f.sourceName.equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  Object apply(Object[] args) throws EvaluationException {
    switch (this) {
      case INT:
        if (args[0] instanceof Boolean b) {
          return b ? ExpressionValues.ONE : ExpressionValues.ZERO;
        }
        if (args[0] instanceof Long l) {
          return l;
        }
        if (args[0] instanceof Double d) {
          return (double) (long) d.doubleValue();
        }
        throw EvaluationException.of("int needs a boolean or a number");
      case BYTES:
        {
          if (args[0] == Expression.NIL) {
            return ABSENT;
          }
          String text = textArgument(args[0]);
          OptionalLong bytes = ByteSize.parseBytes(text);
          if (bytes.isEmpty()) {
            throw EvaluationException.of("not a size", MappingError.UNPARSEABLE_SIZE);
          }
          return bytes.getAsLong();
        }
      case TO_SECOND:
        return parsed(args[0], GoDuration::parseSeconds, MappingError.UNPARSEABLE_DURATION);
      case UNIX:
        return parsed(args[0], Rfc3339::parseEpochSeconds, MappingError.UNPARSEABLE_TIMESTAMP);
      case CPU_CORES:
        {
          if (args[0] == Expression.NIL) {
            return ABSENT;
          }
          if (args[0] instanceof Number n) {
            return n.doubleValue();
          }
          BigDecimal cores = KubernetesQuantity.parse(textArgument(args[0]));
          if (cores == null) {
            throw EvaluationException.of("not a CPU quantity");
          }
          return cores.doubleValue();
        }
      default:
        return percentage(args);
    }
  }

  private static Object percentage(Object[] args) throws EvaluationException {
    if (!(args[1] instanceof Number total)) {
      throw EvaluationException.of("percentage needs a number total");
    }
    boolean roundUp = false;
    if (args.length == 3) {
      if (!(args[2] instanceof Boolean b)) {
        throw EvaluationException.of("percentage's roundUp is a boolean");
      }
      roundUp = b;
    }
    if (args[0] instanceof Number n) {
      return n.doubleValue();
    }
    if (!(args[0] instanceof String text) || !text.endsWith("%")) {
      throw EvaluationException.of("percentage needs a number or a percent text");
    }
    BigDecimal percent;
    try {
      percent = new BigDecimal(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      throw EvaluationException.of("not a percent text");
    }
    BigDecimal scaled =
        percent.multiply(BigDecimal.valueOf(total.doubleValue())).divide(BigDecimal.valueOf(100));
    return scaled.setScale(0, roundUp ? RoundingMode.CEILING : RoundingMode.FLOOR).doubleValue();
  }

  private interface TextParser {
    OptionalDouble parse(String text);
  }

  private static Object parsed(Object arg, TextParser parser, String reason)
      throws EvaluationException {
    if (arg == Expression.NIL) {
      return ABSENT;
    }
    OptionalDouble value = parser.parse(textArgument(arg));
    if (value.isEmpty()) {
      throw EvaluationException.of("cannot parse the text", reason);
    }
    return value.getAsDouble();
  }

  /**
   * Text of a value function's argument: a string as is; a number as its plain decimal text (so
   * {@code bytes(1234)} is 1234, while {@code toSecond(65)} lacks a unit, as the typed model reads
   * a number in a text field); an object or array is the wrong JSON type.
   */
  private static String textArgument(Object arg) throws EvaluationException {
    if (arg instanceof String s) {
      return s;
    }
    if (arg instanceof Double d) {
      return ExpressionValues.numberText(d);
    }
    if (arg instanceof Long l) {
      return Long.toString(l);
    }
    throw EvaluationException.of(
        arg instanceof JsonNode ? "an object or array is not text" : "not text",
        MappingError.WRONG_JSON_TYPE);
  }
}
