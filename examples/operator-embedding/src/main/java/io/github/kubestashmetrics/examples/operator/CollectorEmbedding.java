package io.github.kubestashmetrics.examples.operator;

import io.github.kubestashmetrics.metrics.KubeStashMetricsCollector;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Embedding way 1, collect on scrape: the library's collector on the operator's own client_java
 * registry, mapping whatever the informers hold at each scrape. Mapping errors go to the operator's
 * listener (e.g. its log) and to the gauge {@code kubestash_metrics_mapping_errors} on the same
 * registry.
 */
public final class CollectorEmbedding {

  private final PrometheusRegistry registry;

  /** Registers the KubeStash families on {@code registry}, read from {@code informers}. */
  public CollectorEmbedding(
      PrometheusRegistry registry,
      KubeStashRawInformers informers,
      Consumer<MappingError> onMappingError) {
    this.registry = registry;
    registry.register(
        KubeStashMetricsCollector.builder(informers::objects)
            .onMappingError(onMappingError)
            .mappingErrorMetric(true)
            .build());
  }

  /** What the operator's {@code /metrics} endpoint serves: the registry in Prometheus text. */
  public String scrapeText() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
