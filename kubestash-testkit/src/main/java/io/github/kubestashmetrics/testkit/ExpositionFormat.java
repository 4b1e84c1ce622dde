package io.github.kubestashmetrics.testkit;

/**
 * The two text formats {@link ExpositionParser} reads. A deliberate mirror of the library's {@code
 * io.github.kubestashmetrics.metrics.ExpositionFormat}: the testkit depends on the model only,
 * never on the library (so the library's own tests can use it), hence its own enum. The constants
 * have the library's names, so {@code ExpositionFormat.valueOf(libraryFormat.name())} maps one to
 * the other; the library's {@code ExpositionFormatMirrorTest} keeps the two in step.
 */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4 ({@code text/plain; version=0.0.4}). */
  TEXT_0_0_4,
  /** OpenMetrics text format 1.0.0 ({@code application/openmetrics-text; version=1.0.0}). */
  OPENMETRICS_1_0_0
}
