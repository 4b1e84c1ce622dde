package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MetricsStore;
import java.io.IOException;
import java.io.OutputStream;

/**
 * What {@link MetricsHttpServer} writes as the body of {@code /metrics}: the {@link MetricsStore}
 * in the exporter; prebuilt buffers or on-the-fly compression in the scale harness, which measures
 * the server's own cost and today's alternatives with them.
 */
@FunctionalInterface
public interface ExpositionSource {

  /**
   * Writes one complete exposition in this format and encoding (for {@link ContentEncoding#GZIP},
   * one gzip member) and returns its uncompressed length.
   */
  long write(ExpositionFormat format, ContentEncoding encoding, OutputStream out)
      throws IOException;

  /**
   * Whether writing in this encoding gathers or inflates the body from many pieces, so that the
   * server overlaps it with sending ({@link GatheringPipe}); a source that writes ready bytes gains
   * nothing from that. By default only identity bodies are gathered.
   */
  default boolean gathers(ContentEncoding encoding) {
    return encoding == ContentEncoding.IDENTITY;
  }

  /** The store's writes: gzip assembled from its compressed blocks, identity inflated from them. */
  static ExpositionSource of(MetricsStore store) {
    return (format, encoding, out) -> store.write(out, format, encoding);
  }
}
