package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.metrics.internal.calculator.ReferencedObjects;
import io.github.kubestashmetrics.metrics.internal.calculator.ResourceCalculators;
import java.util.Optional;

/**
 * How compiled configurations render.
 *
 * @param seriesLimitPerMetric the most series one metric may give one object; beyond it that metric
 *     of that object gives none and counts a {@link
 *     io.github.kubestashmetrics.metrics.language.MappingError#SERIES_LIMIT} error, so one hostile
 *     array cannot flood a scrape
 * @param referencedObjects how the resource calculator functions of a KubeDB OpsRequest find the
 *     database object it names (from objects already held, never blocking), or null: then an
 *     OpsRequest that does not embed its database gives its calculator metrics no series and counts
 *     a {@link
 *     io.github.kubestashmetrics.metrics.language.MappingError#REFERENCED_OBJECT_UNAVAILABLE} error
 */
public record EngineOptions(int seriesLimitPerMetric, ReferencedObjects referencedObjects) {

  /**
   * 10,000 series per metric per object (far above any real object, far below a flood), no lookup
   * of referenced objects.
   */
  public static final EngineOptions DEFAULT = new EngineOptions(10_000);

  public EngineOptions {
    if (seriesLimitPerMetric < 1) {
      throw new IllegalArgumentException("seriesLimitPerMetric must be positive");
    }
  }

  /** These options without a lookup of referenced objects. */
  public EngineOptions(int seriesLimitPerMetric) {
    this(seriesLimitPerMetric, null);
  }

  /** The lookup of the objects OpsRequests name, when there is one. */
  public Optional<ReferencedObjects> referencedObjectsLookup() {
    return Optional.ofNullable(referencedObjects);
  }

  /** These options with this lookup of the objects OpsRequests name. */
  public EngineOptions withReferencedObjects(ReferencedObjects lookup) {
    return new EngineOptions(seriesLimitPerMetric, lookup);
  }

  /** The calculators the expression functions call: with the lookup when there is one. */
  ResourceCalculators resourceCalculators() {
    return referencedObjects == null
        ? ResourceCalculators.standalone()
        : ResourceCalculators.withReferencedObjects(referencedObjects);
  }
}
