package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.MappingError;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.plan.ConfigurationStatus;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private final Counter configurationReadErrors;
  private final Counter configurationMappingErrors;
  private final Counter configurationSeriesCutOffs;

  /** Set in the MetricsConfiguration modes: their targets, stores and configurations. */
  private volatile TargetsView targets;

  /**
   * What the MetricsConfiguration modes ({@link ConfiguredTargets}) show in the self-metrics.
   * Target labels are the target's kind ({@code Kind.group} when two targets share a kind).
   */
  interface TargetsView {
    /** Each started target's label and the store it serves now, in serving order. */
    Map<String, MetricsStore> stores();

    /** Each started target's label and the number of series its store holds. */
    Map<String, Long> series();

    /** Every target's label, and whether it waits for its resource to be served by the API. */
    Map<String, Boolean> pending();

    /** The configurations of the current plan. */
    List<ConfigurationStatus> configurations();

    /** The configuration whose metric gives this family, if any. */
    Optional<String> ownerOf(String family);
  }

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
    configurationReadErrors =
        Counter.builder()
            .name("kubestash_exporter_configuration_read_errors")
            .help(
                "MetricsConfiguration objects or files that could not be read (each version"
                    + " once), by source; a file's last good configurations stay")
            .labelNames("source")
            .register(registry);
    configurationMappingErrors =
        Counter.builder()
            .name("kubestash_exporter_configuration_mapping_errors")
            .help("Values that could not be mapped to a series, by MetricsConfiguration and reason")
            .labelNames("configuration", "reason")
            .register(registry);
    configurationSeriesCutOffs =
        Counter.builder()
            .name("kubestash_exporter_configuration_series_limit_cutoffs")
            .help(
                "Times a metric of an object gave more series than the limit and gave none, by"
                    + " MetricsConfiguration")
            .labelNames("configuration")
            .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_objects")
        .help("Objects currently held in the metric store, by kind")
        .labelNames("kind")
        .callback(
            cb -> {
              TargetsView view = targets;
              if (view == null) {
                for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
                  cb.call(store.objectCount(kind.kind()), kind.kind());
                }
              } else {
                view.stores().forEach((label, s) -> cb.call(s.objectCount(), label));
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_store_bytes")
        .help(
            "Approximate bytes held by the metric store: compressed series, renderings not yet compressed, per-object bookkeeping")
        .callback(
            cb -> {
              TargetsView view = targets;
              cb.call(
                  view == null
                      ? store.retainedBytes()
                      : view.stores().values().stream()
                          .mapToLong(MetricsStore::retainedBytes)
                          .sum());
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_kind_synced")
        .help("1 when the informer of this kind has synced with the API server, else 0")
        .labelNames("kind")
        .callback(
            cb -> {
              for (var entry : readiness.syncedByKind().entrySet()) {
                cb.call(entry.getValue() ? 1 : 0, entry.getKey());
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
                cb.call(entry.getValue() ? 1 : 0, entry.getKey());
              }
            })
        .register(registry);
    JvmMetrics.builder().register(registry);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /**
   * Registers the self-metrics of the MetricsConfiguration modes, read from {@code view} at each
   * scrape of the telemetry port; from then on objects and store bytes are the targets' stores'.
   */
  void observe(TargetsView view) {
    targets = view;
    GaugeWithCallback.builder()
        .name("kubestash_exporter_configuration_metrics_active")
        .help("Metrics of this MetricsConfiguration that give series (the configuration's version)")
        .labelNames("configuration", "version")
        .callback(
            cb -> {
              for (var c : distinctByName(view.configurations())) {
                cb.call(c.activeFamilies().size(), c.name(), c.version());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_configuration_metrics_rejected")
        .help(
            "Metrics of this MetricsConfiguration that were rejected (each logged once per version"
                + " with its reason), or 1 when the whole configuration was")
        .labelNames("configuration", "version")
        .callback(
            cb -> {
              for (var c : distinctByName(view.configurations())) {
                cb.call(c.rejected().size(), c.name(), c.version());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_target_series")
        .help(
            "Series the store of this target kind holds (every configuration of the target"
                + " together)")
        .labelNames("kind")
        .callback(cb -> view.series().forEach((label, n) -> cb.call(n, label)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("kubestash_exporter_target_pending")
        .help(
            "1 while the API does not serve this target kind (CRD absent: re-checked every"
                + " --metrics-config-interval; it does not hold /readyz), 0 once it is watched")
        .labelNames("kind")
        .callback(cb -> view.pending().forEach((label, p) -> cb.call(p ? 1 : 0, label)))
        .register(registry);
  }

  private static List<ConfigurationStatus> distinctByName(List<ConfigurationStatus> all) {
    Map<String, ConfigurationStatus> byName = new LinkedHashMap<>();
    for (var c : all) {
      byName.putIfAbsent(c.name(), c);
    }
    return List.copyOf(byName.values());
  }

  void watchEvent(String kind, String type) {
    watchEvents.labelValues(kind, type).inc();
  }

  void mappingErrors(List<MappingError> errors) {
    TargetsView view = targets;
    for (MappingError error : errors) {
      mappingErrors.labelValues(error.family(), error.reason()).inc();
      if (view != null) {
        Optional<String> owner = view.ownerOf(error.family());
        if (owner.isPresent()) {
          configurationMappingErrors.labelValues(owner.get(), error.reason()).inc();
          if (MappingError.SERIES_LIMIT.equals(error.reason())) {
            configurationSeriesCutOffs.labelValues(owner.get()).inc();
          }
        }
      }
    }
  }

  void informerRestart(String kind) {
    informerRestarts.labelValues(kind).inc();
  }

  void configurationUnreadable(String source) {
    configurationReadErrors.labelValues(source).inc();
  }

  void scrape(double seconds, long bytes) {
    scrapeDuration.observe(seconds);
    scrapeBytes.inc(bytes);
  }

  void scrapeRejected() {
    scrapesRejected.inc();
  }
}
