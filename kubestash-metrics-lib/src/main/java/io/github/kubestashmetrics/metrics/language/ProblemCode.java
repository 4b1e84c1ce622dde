package io.github.kubestashmetrics.metrics.language;

import java.util.Locale;

/**
 * What is wrong with a MetricsConfiguration, as a closed set: tools and tests classify a {@link
 * ConfigurationProblem} by its code, never by its wording. The {@link #code()} text (the constant's
 * name in lower case, e.g. {@code expression_syntax}) is stable and is what {@code validate
 * --output json} prints.
 */
public enum ProblemCode {
  /** A document or file that cannot be read as a MetricsConfiguration at all. */
  UNREADABLE_DOCUMENT,
  /** A document of another kind where a MetricsConfiguration was expected. */
  NOT_A_METRICS_CONFIGURATION,
  /** The configuration has no {@code spec}. */
  NO_SPEC,
  /** {@code spec.targetRef} lacks its {@code apiVersion} or {@code kind}. */
  TARGET_MISSING,
  /** {@code spec.targetRef} gives an invalid API version, family prefix or kind label. */
  TARGET_INVALID,
  /** The API serves no such target kind (its CRD is not installed), so nothing of it is served. */
  TARGET_NOT_SERVED,
  /** {@code spec.metrics} is empty. */
  NO_METRICS,
  /** An entry of a list (a metric, a label) that is empty. */
  EMPTY_ENTRY,
  /** A required field is missing (a name, HELP, a key, a value source, a state's label value). */
  MISSING_FIELD,
  /** A family or label name that Prometheus does not allow. */
  INVALID_NAME,
  /** A label, parameter or state declared twice, or a label that is already a label. */
  DUPLICATE_NAME,
  /** A metric {@code type} other than {@code gauge}, the only type for objects. */
  UNSUPPORTED_METRIC_TYPE,
  /** A {@code field.type} other than Integer, DateTime, String or Array. */
  INVALID_FIELD_TYPE,
  /** A path that does not parse. */
  PATH_SYNTAX,
  /** A path that reads array elements ({@code [*]}) where it may not. */
  ARRAY_PATH,
  /** A constant value that is not a finite number. */
  INVALID_VALUE,
  /** An expression that does not parse. */
  EXPRESSION_SYNTAX,
  /** An expression that uses a feature of the language this engine does not support. */
  EXPRESSION_UNSUPPORTED,
  /** An expression that calls a function this engine does not have. */
  UNKNOWN_FUNCTION,
  /** A function called with a wrong number of arguments. */
  FUNCTION_ARITY,
  /** An expression whose types can never evaluate (e.g. {@code 'a' + 1}). */
  EXPRESSION_TYPE,
  /** An expression that names a parameter the metric does not declare. */
  UNKNOWN_PARAMETER,
  /** A family declared twice in one configuration: the first declaration is kept. */
  DUPLICATE_FAMILY,
  /** A family another, older configuration defines: see {@code ConfigurationPlan}. */
  FAMILY_CONFLICT,
  /** A path that the target CRD's schema does not have, or with a type it cannot hold. */
  SCHEMA_MISMATCH;

  /** The stable text of this code, e.g. {@code expression_syntax}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
