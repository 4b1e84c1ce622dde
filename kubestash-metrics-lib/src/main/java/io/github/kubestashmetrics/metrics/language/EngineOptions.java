package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.metrics.internal.calculator.ResourceCalculators;

/**
 * How compiled configurations render.
 *
 * <p>The resource calculator functions run without a lookup of other objects: an OpsRequest that
 * does not embed the database object it names gives its calculator metrics no series and counts a
 * {@link MappingError#REFERENCED_OBJECT_UNAVAILABLE} error (the calculators can take a lookup; the
 * engine does not offer one yet, so the public API carries no internal type).
 *
 * @param seriesLimitPerMetric the most series one metric may give one object; beyond it that metric
 *     of that object gives none and counts a {@link MappingError#SERIES_LIMIT} error, so one
 *     hostile array cannot flood a scrape
 */
public record EngineOptions(int seriesLimitPerMetric) {

  /** 10,000 series per metric per object: far above any real object, far below a flood. */
  public static final EngineOptions DEFAULT = new EngineOptions(10_000);

  private static final ResourceCalculators CALCULATORS = ResourceCalculators.standalone();

  public EngineOptions {
    if (seriesLimitPerMetric < 1) {
      throw new IllegalArgumentException("seriesLimitPerMetric must be positive");
    }
  }

  /** The calculators the expression functions call. */
  ResourceCalculators resourceCalculators() {
    return CALCULATORS;
  }
}
