package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.HostileCategory;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.Series;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every embedding entry point — {@link KubeStashMetrics#toText}, {@link KubeStashMetrics#report},
 * {@link KubeStashMetricsCollector} and {@link MetricsStore} — gives the same series for an object
 * whether it is a typed model object or a {@link GenericKubernetesResource} (what an informer on
 * raw objects holds), and mapping errors reach the embedder: through the collector's listener and
 * self-metric, through {@link KubeStashMetrics#report}, and through the {@link RenderedObject}
 * {@link MetricsStore#put(HasMetadata)} returns.
 */
class RawObjectEmbeddingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COUNT = "storage_kubestash_com_repository_snapshot_count_total";

  /** Hostile categories a typed object can hold (a wrong JSON type cannot be deserialised). */
  private static final List<HostileCategory> TYPEABLE =
      List.copyOf(EnumSet.complementOf(EnumSet.of(HostileCategory.WRONG_JSON_TYPES)));

  static Stream<Long> sameSeries() {
    return KubeStashGenerators.seeds("typedAndRawObjectsGiveTheSameSeries", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("sameSeries")
  void typedAndRawObjectsGiveTheSameSeriesAndErrorsEverywhere(long seed) throws Exception {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    List<ObjectNode> manifests = new ArrayList<>();
    int valid = 1 + (int) Math.floorMod(seed, 4L);
    for (int i = 0; i < valid; i++) {
      manifests.add(generators.anyValidManifest());
    }
    manifests.add(
        generators
            .hostile(TYPEABLE.get((int) Math.floorMod(seed >>> 8, (long) TYPEABLE.size())))
            .manifest());
    List<HasMetadata> typed = new ArrayList<>();
    List<HasMetadata> raw = new ArrayList<>();
    for (ObjectNode manifest : manifests) {
      typed.add(TypedManifests.read(manifest));
      raw.add(JSON.treeToValue(manifest, GenericKubernetesResource.class));
    }

    ExpositionReport typedReport = KubeStashMetrics.report(typed, ExpositionFormat.TEXT_0_0_4);
    ExpositionReport rawReport = KubeStashMetrics.report(raw, ExpositionFormat.TEXT_0_0_4);
    assertThat(rawReport.text()).as("seed=%d toText", seed).isEqualTo(typedReport.text());
    assertThat(KubeStashMetrics.toText(raw, ExpositionFormat.TEXT_0_0_4))
        .isEqualTo(typedReport.text());
    assertThat(rawReport.errors())
        .as("seed=%d report errors", seed)
        .isEqualTo(typedReport.errors());
    assertThat(rawReport.seriesCount()).isEqualTo(typedReport.seriesCount());

    List<MappingError> typedHeard = new ArrayList<>();
    List<MappingError> rawHeard = new ArrayList<>();
    MetricSnapshots typedScrape = collector(typed, typedHeard).collect();
    MetricSnapshots rawScrape = collector(raw, rawHeard).collect();
    Set<String> fromText = seriesOf(typedReport.text());
    assertThat(seriesOf(typedScrape)).as("seed=%d typed collector", seed).isEqualTo(fromText);
    assertThat(seriesOf(rawScrape)).as("seed=%d raw collector", seed).isEqualTo(fromText);
    assertThat(rawHeard).as("seed=%d raw listener", seed).isEqualTo(typedReport.errors());
    assertThat(typedHeard).as("seed=%d typed listener", seed).isEqualTo(typedReport.errors());
    assertThat(errorGauge(rawScrape)).isEqualTo(countByFamilyAndReason(typedReport.errors()));

    // The store, fed the same objects one by one as an informer's handlers would.
    MetricsStore typedStore = new MetricsStore(MetricCatalogue.standard());
    MetricsStore rawStore = new MetricsStore(MetricCatalogue.standard());
    List<MappingError> typedStored = new ArrayList<>();
    List<MappingError> rawStored = new ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      typedStored.addAll(typedStore.put(typed.get(i)).errors());
      rawStored.addAll(rawStore.put(raw.get(i)).errors());
    }
    assertThat(rawStored).as("seed=%d raw store errors", seed).isEqualTo(typedReport.errors());
    assertThat(typedStored).as("seed=%d typed store errors", seed).isEqualTo(typedReport.errors());
    for (ExpositionFormat format : ExpositionFormat.values()) {
      String expected = KubeStashMetrics.toText(typed, format);
      for (ContentEncoding encoding : ContentEncoding.values()) {
        assertThat(written(typedStore, format, encoding))
            .as("seed=%d typed store %s %s", seed, format, encoding)
            .isEqualTo(expected);
        assertThat(written(rawStore, format, encoding))
            .as("seed=%d raw store %s %s", seed, format, encoding)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void aBadlyTypedRawObjectReportsItsMappingErrorAndKeepsItsOtherFamilies() throws Exception {
    ObjectNode manifest = LenientReadingTest.repositoryManifest();
    ((ObjectNode) manifest.path("status")).put("snapshotCount", "seven");
    GenericKubernetesResource repository =
        JSON.treeToValue(manifest, GenericKubernetesResource.class);
    MappingError expected =
        new MappingError(
            COUNT, "Repository", "demo", "gcs-demo-repo", MappingError.WRONG_JSON_TYPE);

    List<MappingError> heard = new ArrayList<>();
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(
        KubeStashMetricsCollector.builder(() -> List.of(repository))
            .onMappingError(heard::add)
            .mappingErrorMetric(true)
            .build());
    MetricSnapshots scrape = registry.scrape();

    assertThat(heard).containsExactly(expected);
    assertThat(errorGauge(scrape))
        .isEqualTo(Map.of(COUNT + " " + MappingError.WRONG_JSON_TYPE, 1.0));
    assertThat(seriesOf(scrape))
        .anyMatch(s -> s.startsWith("storage_kubestash_com_repository_info{"))
        .noneMatch(s -> s.startsWith(COUNT));

    ExpositionReport report =
        KubeStashMetrics.report(List.of(repository), ExpositionFormat.TEXT_0_0_4);
    assertThat(report.errors()).containsExactly(expected);
    assertThat(seriesOf(report.text())).isEqualTo(seriesOf(scrape));

    MetricsStore store = new MetricsStore(MetricCatalogue.standard());
    assertThat(store.put(repository).errors()).containsExactly(expected);
    for (ContentEncoding encoding : ContentEncoding.values()) {
      assertThat(written(store, ExpositionFormat.TEXT_0_0_4, encoding))
          .as("store %s", encoding)
          .isEqualTo(report.text());
    }
  }

  @Test
  void withoutErrorsTheSelfMetricIsAbsentButDescribed() {
    KubeStashMetricsCollector collector =
        KubeStashMetricsCollector.builder(() -> new ArrayList<>(GoldenFixtures.all()))
            .mappingErrorMetric(true)
            .build();
    assertThat(errorGauge(collector.collect())).isEmpty();
    assertThat(collector.getMetricFamilyDescriptors())
        .hasSize(37)
        .anyMatch(
            d ->
                d.getMetadata()
                    .getPrometheusName()
                    .equals(KubeStashMetricsCollector.MAPPING_ERRORS_FAMILY));
    assertThat(new KubeStashMetricsCollector(List::of).getMetricFamilyDescriptors()).hasSize(36);
  }

  private static KubeStashMetricsCollector collector(
      List<HasMetadata> objects, List<MappingError> heard) {
    return KubeStashMetricsCollector.builder(() -> objects)
        .onMappingError(heard::add)
        .mappingErrorMetric(true)
        .build();
  }

  /** What the store writes, gzip inflated: the exposition text. */
  private static String written(
      MetricsStore store, ExpositionFormat format, ContentEncoding encoding) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long length = store.write(out, format, encoding);
    byte[] text = out.toByteArray();
    if (encoding == ContentEncoding.GZIP) {
      try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(text))) {
        text = gzip.readAllBytes();
      }
    }
    assertThat(length).as("returned length").isEqualTo(text.length);
    return new String(text, StandardCharsets.UTF_8);
  }

  /** The series of our families as {@code name{sorted labels} value}. */
  private static Set<String> seriesOf(MetricSnapshots snapshots) {
    Set<String> series = new TreeSet<>();
    for (MetricSnapshot snapshot : snapshots) {
      String name = snapshot.getMetadata().getPrometheusName();
      if (name.equals(KubeStashMetricsCollector.MAPPING_ERRORS_FAMILY)) {
        continue;
      }
      for (DataPointSnapshot point : snapshot.getDataPoints()) {
        Map<String, String> labels = new TreeMap<>();
        for (Label label : point.getLabels()) {
          labels.put(label.getName(), label.getValue());
        }
        series.add(name + labels + " " + ((GaugeSnapshot.GaugeDataPointSnapshot) point).getValue());
      }
    }
    return series;
  }

  private static Set<String> seriesOf(String text) {
    Set<String> series = new TreeSet<>();
    for (Series s : ExpositionParser.parsePrometheus(text).series()) {
      series.add(s.name() + new TreeMap<>(s.labels()) + " " + s.value());
    }
    return series;
  }

  private static Map<String, Double> errorGauge(MetricSnapshots snapshots) {
    Map<String, Double> values = new TreeMap<>();
    for (MetricSnapshot snapshot : snapshots) {
      if (snapshot
          .getMetadata()
          .getPrometheusName()
          .equals(KubeStashMetricsCollector.MAPPING_ERRORS_FAMILY)) {
        for (GaugeSnapshot.GaugeDataPointSnapshot point :
            ((GaugeSnapshot) snapshot).getDataPoints()) {
          values.put(
              point.getLabels().get("family") + " " + point.getLabels().get("reason"),
              point.getValue());
        }
      }
    }
    return values;
  }

  private static Map<String, Double> countByFamilyAndReason(List<MappingError> errors) {
    Map<String, Double> counts = new TreeMap<>();
    for (MappingError error : errors) {
      counts.merge(error.family() + " " + error.reason(), 1.0, Double::sum);
    }
    return counts;
  }
}
