package io.github.kubestashmetrics.metrics.language;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.metrics.internal.calculator.CalculationMemo;
import io.github.kubestashmetrics.metrics.internal.calculator.CalculatorResult;
import io.github.kubestashmetrics.metrics.internal.calculator.ResourceCalculators;
import io.github.kubestashmetrics.metrics.internal.value.ByteSize;
import io.github.kubestashmetrics.metrics.internal.value.GoDuration;
import io.github.kubestashmetrics.metrics.internal.value.Rfc3339;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The functions expressions may call. Value functions ({@code bytes}, {@code toSecond}, {@code
 * unix}, {@code cpu_cores}) given {@link Expression#NIL} (a missing value) return {@link
 * Function#ABSENT}: the series is left out and no error is counted (CONTRACT rules 6-8).
 */
enum Function {
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
  PERCENTAGE("percentage", 2, 3),
  /** {@code resource_replicas(obj)}: the pods of the object's app roles (an integer). */
  RESOURCE_REPLICAS("resource_replicas", 1, 1),
  /** {@code resource_mode(obj)}: the database mode text ({@code ""} for workloads). */
  RESOURCE_MODE("resource_mode", 1, 1),
  /** {@code resource_uses_tls(obj)}: whether the object configures TLS. */
  RESOURCE_USES_TLS("resource_uses_tls", 1, 1),
  /** {@code total_resource_requests(obj, type)}: requests of every runtime container. */
  TOTAL_RESOURCE_REQUESTS("total_resource_requests", 2, 2),
  /**
   * {@code total_resource_limits(obj, type)}: limits (else requests) of every runtime container.
   */
  TOTAL_RESOURCE_LIMITS("total_resource_limits", 2, 2),
  /** {@code app_resource_requests(obj, type)}: requests of the app containers. */
  APP_RESOURCE_REQUESTS("app_resource_requests", 2, 2),
  /** {@code app_resource_limits(obj, type)}: limits (else requests) of the app containers. */
  APP_RESOURCE_LIMITS("app_resource_limits", 2, 2);

  /** Marker result of a value function given a missing value: no series, no error. */
  public static final Object ABSENT = new Object();

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

  /** Whether this is one of KubeDB's resource calculator functions (they read the whole object). */
  public boolean isResourceCalculator() {
    return ordinal() >= RESOURCE_REPLICAS.ordinal();
  }

  Object apply(Object[] args, ResourceCalculators calculators, CalculationMemo memo)
      throws EvaluationException {
    if (isResourceCalculator()) {
      return calculate(args, calculators, memo);
    }
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

  /**
   * Kubernetes' int-or-percent scaling ({@code GetScaledValueFromIntOrPercent}): a number is
   * itself; {@code "<integer>%"} is {@code total * percent / 100} in float64, rounded down, or up
   * when roundUp is true. A percent that is not an integer ({@code "12.5%"}) is an error, as in
   * Kubernetes. roundUp is a boolean, or the text {@code true}/{@code false} a parameter gives; an
   * absent parameter is false.
   */
  private static Object percentage(Object[] args) throws EvaluationException {
    if (!(args[1] instanceof Number total)) {
      throw EvaluationException.of("percentage needs a number total");
    }
    boolean roundUp = false;
    if (args.length == 3) {
      Object flag = args[2];
      if (flag instanceof Boolean b) {
        roundUp = b;
      } else if ("true".equals(flag)) {
        roundUp = true;
      } else if (!("false".equals(flag) || flag == Expression.NIL)) {
        throw EvaluationException.of("percentage's roundUp is a boolean, 'true' or 'false'");
      }
    }
    if (args[0] instanceof Number n) {
      return n.doubleValue();
    }
    if (!(args[0] instanceof String text) || !text.endsWith("%")) {
      throw EvaluationException.of("percentage needs a number or a percent text");
    }
    String digits = text.substring(0, text.length() - 1);
    if (!INTEGER.matcher(digits).matches()) {
      throw EvaluationException.of("the percent is not an integer");
    }
    double percent;
    try {
      percent = Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
    } catch (NumberFormatException e) {
      throw EvaluationException.of("the percent is out of range");
    }
    double scaled = total.doubleValue() * percent / 100;
    return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  }

  /** Go's {@code strconv.Atoi} syntax: an optional sign and decimal digits. */
  private static final java.util.regex.Pattern INTEGER =
      java.util.regex.Pattern.compile("[+-]?[0-9]+");

  /**
   * A calculator's answer: its value ({@link Long} replicas, {@link String} mode, {@link Boolean}
   * TLS, {@link Double} amounts), or its failure as the mapping error of its kind. The resource
   * sums come from {@code memo} when an earlier call of the same render computed them.
   */
  private Object calculate(Object[] args, ResourceCalculators calculators, CalculationMemo memo)
      throws EvaluationException {
    if (!(args[0] instanceof JsonNode object) || !object.isObject()) {
      throw EvaluationException.of(
          sourceName + " needs the object (a parameter with valuePath: .)",
          MappingError.CALCULATOR_ERROR);
    }
    CalculatorResult result =
        switch (this) {
          case RESOURCE_REPLICAS -> calculators.replicas(object);
          case RESOURCE_MODE -> calculators.mode(object);
          case RESOURCE_USES_TLS -> calculators.usesTls(object);
          case TOTAL_RESOURCE_REQUESTS -> calculators.totalRequests(object, args[1], memo);
          case TOTAL_RESOURCE_LIMITS -> calculators.totalLimits(object, args[1], memo);
          case APP_RESOURCE_REQUESTS -> calculators.appRequests(object, args[1], memo);
          default -> calculators.appLimits(object, args[1], memo);
        };
    if (result instanceof CalculatorResult.Value value) {
      return value.value();
    }
    CalculatorResult.Failure failure = (CalculatorResult.Failure) result;
    String reason =
        switch (failure.error()) {
          case NO_CALCULATOR -> MappingError.NO_CALCULATOR;
          case REFERENCED_OBJECT_UNAVAILABLE -> MappingError.REFERENCED_OBJECT_UNAVAILABLE;
          default -> MappingError.CALCULATOR_ERROR;
        };
    throw EvaluationException.of(sourceName + ": " + failure.message(), reason);
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
