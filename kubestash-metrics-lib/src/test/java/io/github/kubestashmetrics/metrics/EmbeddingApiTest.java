package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.Series;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The embedding API, including the code the module README shows. */
class EmbeddingApiTest {

  /** The README's example, verbatim between the markers. */
  @Test
  void readmeExampleRuns() throws Exception {
    List<HasMetadata> informerCache = new ArrayList<>(GoldenFixtures.all());
    List<MappingError> logged = new ArrayList<>();
    Consumer<MappingError> log = logged::add;
    // readme-example:start
    // A store your informers' event handlers feed: each object is rendered once, when it changes.
    MetricsStore store = new MetricsStore(MetricCatalogue.standard());
    for (HasMetadata object : informerCache) {
      store.put(object); // onAdd, onUpdate: stored under its UID
    }
    store.remove(informerCache.get(0)); // onDelete

    // Your /metrics handler: gzip (what Prometheus asks for) straight from compressed blocks.
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    store.write(body, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.GZIP);

    // Or text for objects you already hold (e.g. from your own informers' caches), typed model
    // objects or GenericKubernetesResources alike, rendered now:
    String text = KubeStashMetrics.toText(informerCache, ExpositionFormat.TEXT_0_0_4);

    // The same, with what could not be mapped (each error cost one family of one object):
    ExpositionReport report = KubeStashMetrics.report(informerCache, ExpositionFormat.TEXT_0_0_4);
    report.errors().forEach(log);

    // Or a client_java collector on your own registry, rendering every object on every scrape:
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        KubeStashMetricsCollector.builder(() -> informerCache)
            .onMappingError(log) // once per error per scrape
            .mappingErrorMetric(true) // kubestash_metrics_mapping_errors{family,reason}
            .build());
    MetricSnapshots scraped = registry.scrape();
    // readme-example:end

    List<RenderedObject> kept = new ArrayList<>();
    for (HasMetadata object : informerCache.subList(1, informerCache.size())) {
      kept.add(MetricCatalogue.standard().render(object));
    }
    assertThat(
            new String(
                new java.util.zip.GZIPInputStream(
                        new java.io.ByteArrayInputStream(body.toByteArray()))
                    .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(
            ExpositionWriter.toText(
                MetricCatalogue.standard(), kept, ExpositionFormat.OPENMETRICS_1_0_0));
    assertThat(text).isEqualTo(textOf(GoldenFixtures.all())).isEqualTo(report.text());
    assertThat(scraped.size()).isEqualTo(36);
    assertThat(logged).isEmpty();
  }

  @Test
  void aRegistryScrapeHasTheSameSeriesAsOurWriter() throws Exception {
    List<HasMetadata> objects = new ArrayList<>(GoldenFixtures.all());
    objects.add(new ConfigMap()); // not ours: skipped by both
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(KubeStashMetrics.collector(() -> objects));
    ByteArrayOutputStream scrape = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(scrape, registry.scrape());

    // Both through the testkit's strict parser: client_java sorts labels and may print 1.7E9,
    // which Series (labels as a map, value as a double) does not see.
    Set<Series> fromRegistry =
        Set.copyOf(
            ExpositionParser.parsePrometheus(scrape.toString(StandardCharsets.UTF_8)).series());
    Set<Series> fromWriter =
        Set.copyOf(
            ExpositionParser.parsePrometheus(
                    KubeStashMetrics.toText(objects, ExpositionFormat.TEXT_0_0_4))
                .series());
    int seriesCount = 0;
    for (HasMetadata object : objects) {
      seriesCount += MetricCatalogue.standard().render(object).seriesCount();
    }
    assertThat(fromRegistry).isEqualTo(fromWriter).hasSize(seriesCount);
  }

  @Test
  void collectorKeepsOurNamesAndHelpExactly() {
    MetricSnapshots snapshots = new KubeStashMetricsCollector(() -> GoldenFixtures.all()).collect();
    List<String> names = new ArrayList<>();
    for (MetricSnapshot snapshot : snapshots) {
      assertThat(snapshot).isInstanceOf(GaugeSnapshot.class);
      FamilyDescriptor family =
          MetricCatalogue.standard()
              .family(snapshot.getMetadata().getPrometheusName())
              .orElseThrow();
      assertThat(snapshot.getMetadata().getHelp()).isEqualTo(family.help());
      names.add(snapshot.getMetadata().getPrometheusName());
    }
    assertThat(names)
        .contains(
            "storage_kubestash_com_repository_created",
            "storage_kubestash_com_repository_info",
            "storage_kubestash_com_repository_snapshot_count_total");
  }

  @Test
  void theSameObjectSuppliedTwiceDoesNotBreakTheScrape() {
    Repository repository = GoldenFixtures.fullRepository();
    Supplier<List<HasMetadata>> objects = () -> List.of(repository, repository);
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(new KubeStashMetricsCollector(objects));
    int points = 0;
    for (MetricSnapshot snapshot : registry.scrape()) {
      points += snapshot.getDataPoints().size();
    }
    assertThat(points).isEqualTo(MetricCatalogue.standard().render(repository).seriesCount());
  }

  @Test
  void anEmptyOrNullSupplyGivesNoFamilies() {
    assertThat(new KubeStashMetricsCollector(List::of).collect().size()).isZero();
    assertThat(new KubeStashMetricsCollector(() -> null).collect().size()).isZero();
    assertThat(new KubeStashMetricsCollector(List::of).getMetricFamilyDescriptors()).hasSize(36);
  }

  private static String textOf(List<HasMetadata> objects) {
    List<RenderedObject> rendered = new ArrayList<>();
    for (HasMetadata object : objects) {
      rendered.add(MetricCatalogue.standard().render(object));
    }
    return ExpositionWriter.toText(
        MetricCatalogue.standard(), rendered, ExpositionFormat.TEXT_0_0_4);
  }
}
