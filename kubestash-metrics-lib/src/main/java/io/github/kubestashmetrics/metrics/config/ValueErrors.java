package io.github.kubestashmetrics.metrics.config;

import io.github.kubestashmetrics.metrics.MappingError;
import java.util.Set;

/**
 * Why an object's metric has no series: the engine's names for {@link MappingError}'s reasons, so a
 * configured family reports exactly what a typed family reports (one vocabulary, defined there).
 */
public final class ValueErrors {

  private ValueErrors() {}

  public static final String UNPARSEABLE_SIZE = MappingError.UNPARSEABLE_SIZE;
  public static final String UNPARSEABLE_DURATION = MappingError.UNPARSEABLE_DURATION;
  public static final String UNPARSEABLE_TIMESTAMP = MappingError.UNPARSEABLE_TIMESTAMP;
  public static final String WRONG_JSON_TYPE = MappingError.WRONG_JSON_TYPE;

  /** An expression that fails on this object's values: a type error, a non-finite result. */
  public static final String UNEVALUABLE_EXPRESSION = MappingError.UNEVALUABLE_EXPRESSION;

  /** The metric would give this object more series than the per-metric limit. */
  public static final String SERIES_LIMIT = MappingError.SERIES_LIMIT;

  /** Every reason the engine reports. */
  public static final Set<String> ALL = MappingError.REASONS;
}
