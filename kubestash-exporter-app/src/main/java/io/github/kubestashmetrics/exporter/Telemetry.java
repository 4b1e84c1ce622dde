package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.MappingError;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The exporter's own metrics, served on the telemetry port (never mixed into {@code /metrics}, so
 * the KubeStash families stay exactly the contract's).
 */
@Singleton
public final class Telemetry {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter watchEvents;
  private final Counter mappingErrors;
  private final Counter informerRestarts;
  private final Histogram scrapeDuration;
  private final Counter scrapeBytes;
  private final Counter scrapesRejected;

  @Inject
  public Telemetry(MetricsStore store, Readiness readiness) {
    watchEvents =
        Counter.builder()
            .name("kubestash_exporter_watch_events")
            .help("Watch events received, by kind and event type")
            .labelNames("kind", "type")
            .register(registry);
    mappingErrors =
        Counter.builder()
            .name("kubestash_exporter_mapping_errors")
            .help("Values that could not be mapped to a series, by family and reason")
            .labelNames("family", "reason")
            .register(registry);
    informerRestarts =
        Counter.builder()
            .name("kubestash_exporter_informer_restarts")
            .help("Times an informer's list or watch failed and was retried, by kind")
            .labelNames("kind")
            .register(registry);
    scrapeDuration =
        Histogram.builder()
            .name("kubestash_exporter_scrape_duration_seconds")
            .help("Time to serve one /metrics response")
            .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    scrapeBytes =
        Counter.builder()
            .name("kubestash_exporter_scrape_bytes")
            .help("Uncompressed bytes served on /metrics")
            .register(registry);
    scrapesRejected =
        Counter.builder()
            .name("kubestash_exporter_scrapes_rejected")
            .help("Scrapes answered 503 because too many were already being served")
            .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_objects")
        .help("Objects currently held in the metric store, by kind")
        .labelNames("kind")
        .callback(
            cb -> {
              for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
                cb.call(store.objectCount(kind.kind()), kind.kind());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_store_bytes")
        .help(
            "Approximate bytes held by the metric store: compressed series, renderings not yet compressed, per-object bookkeeping")
        .callback(cb -> cb.call(store.retainedBytes()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_kind_synced")
        .help("1 when the informer of this kind has synced with the API server, else 0")
        .labelNames("kind")
        .callback(
            cb -> {
              for (var entry : readiness.syncedByKind().entrySet()) {
                cb.call(entry.getValue() ? 1 : 0, entry.getKey().kind());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_kind_watching")
        .help(
            "1 while every informer of this kind has an open watch on the API server; 0 while one"
                + " re-lists or cannot reach it, when the kind's series are the last state seen")
        .labelNames("kind")
        .callback(
            cb -> {
              for (var entry : readiness.watchingByKind().entrySet()) {
                cb.call(entry.getValue() ? 1 : 0, entry.getKey().kind());
              }
            })
        .register(registry);
    JvmMetrics.builder().register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  void watchEvent(KubeStashKinds.Kind<?> kind, String type) {
    watchEvents.labelValues(kind.kind(), type).inc();
  }

  void mappingErrors(List<MappingError> errors) {
    for (MappingError error : errors) {
      mappingErrors.labelValues(error.family(), error.reason()).inc();
    }
  }

  void informerRestart(KubeStashKinds.Kind<?> kind) {
    informerRestarts.labelValues(kind.kind()).inc();
  }

  void scrape(double seconds, long bytes) {
    scrapeDuration.observe(seconds);
    scrapeBytes.inc(bytes);
  }

  void scrapeRejected() {
    scrapesRejected.inc();
  }
}
