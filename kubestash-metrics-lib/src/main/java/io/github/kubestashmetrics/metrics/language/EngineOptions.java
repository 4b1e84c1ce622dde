package io.github.kubestashmetrics.metrics.language;

/**
 * How compiled configurations render.
 *
 * @param seriesLimitPerMetric the most series one metric may give one object; beyond it that metric
 *     of that object gives none and counts a {@link
 *     io.github.kubestashmetrics.metrics.MappingError#SERIES_LIMIT} error, so one hostile array
 *     cannot flood a scrape
 */
public record EngineOptions(int seriesLimitPerMetric) {

  /** 10,000 series per metric per object: far above any real object, far below a flood. */
  public static final EngineOptions DEFAULT = new EngineOptions(10_000);

  public EngineOptions {
    if (seriesLimitPerMetric < 1) {
      throw new IllegalArgumentException("seriesLimitPerMetric must be positive");
    }
  }
}
