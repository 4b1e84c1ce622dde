package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.ExpositionFormat;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What {@link MetricsHttpServer} writes as the body of {@code /metrics}: the {@link MetricStore} in
 * the exporter; a fixed buffer in the scale harness, which measures the server's own cost with it.
 */
interface ExpositionSource {

  /** Writes one complete exposition in this format. */
  void write(ExpositionFormat format, OutputStream out) throws IOException;

  /**
   * Whether writing gathers the body from many pieces, so that the server overlaps it with sending
   * ({@link GatheringPipe}); a source that writes one ready buffer gains nothing from that.
   */
  default boolean gathers() {
    return true;
  }
}
