package io.github.kubestashmetrics.metrics.config;

import java.util.Set;

/**
 * Why an object's metric has no series, in the vocabulary of {@code
 * io.github.kubestashmetrics.metrics.MappingError} (the same strings; kept here so the engine does
 * not depend on the rendering package, which depends on it).
 */
public final class ValueErrors {

  private ValueErrors() {}

  public static final String UNPARSEABLE_SIZE = "unparseable_size";
  public static final String UNPARSEABLE_DURATION = "unparseable_duration";
  public static final String UNPARSEABLE_TIMESTAMP = "unparseable_timestamp";
  public static final String WRONG_JSON_TYPE = "wrong_json_type";

  /** An expression that fails on this object's values: a type error, a non-finite result. */
  public static final String UNEVALUABLE_EXPRESSION = "unevaluable_expression";

  /** The metric would give this object more series than the per-metric limit. */
  public static final String SERIES_LIMIT = "series_limit";

  /** Every reason the engine reports. */
  public static final Set<String> ALL =
      Set.of(
          UNPARSEABLE_SIZE,
          UNPARSEABLE_DURATION,
          UNPARSEABLE_TIMESTAMP,
          WRONG_JSON_TYPE,
          UNEVALUABLE_EXPRESSION,
          SERIES_LIMIT);
}
