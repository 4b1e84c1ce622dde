package io.github.kubestashmetrics.testkit;

/** The two text formats {@link ExpositionParser} reads. */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4 ({@code text/plain; version=0.0.4}). */
  PROMETHEUS_TEXT_0_0_4,
  /** OpenMetrics text format 1.0.0 ({@code application/openmetrics-text; version=1.0.0}). */
  OPENMETRICS_TEXT_1_0_0
}
