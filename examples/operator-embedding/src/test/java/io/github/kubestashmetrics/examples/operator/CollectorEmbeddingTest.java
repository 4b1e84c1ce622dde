package io.github.kubestashmetrics.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.KubeStashMetrics;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.MetricsAssert;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The operator's collector over raw informers, against the testkit's mock API server. */
class CollectorEmbeddingTest {

  @RegisterExtension static final KubeStashMockServer server = new KubeStashMockServer();

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String REPOSITORY = "storage_kubestash_com_repository_";

  @Test
  void everyObjectTheInformersHoldIsScrapedWithOurNamesAndLabels() throws Exception {
    server.create(
        KubeStashFixtures.repository("demo", "gcs-demo-repo")
            .appRef("apps", "StatefulSet", "sample-sts", "demo")
            .path("/demo/data")
            .phase("Ready")
            .integrity(true)
            .size("12.222 MiB")
            .snapshotCount(7)
            .build());
    server.create(new KubeStashGenerators(42).backupSessionFixture().phase("Failed").build());
    List<MappingError> errors = new CopyOnWriteArrayList<>();

    try (KubeStashRawInformers informers = new KubeStashRawInformers(server.client())) {
      informers.awaitSynced(30, TimeUnit.SECONDS);
      CollectorEmbedding metrics =
          new CollectorEmbedding(new PrometheusRegistry(), informers, errors::add);

      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(metrics.scrapeText())
                  .isValid()
                  // Exact: every label the series carries.
                  .hasSeries(
                      REPOSITORY + "size_bytes",
                      Map.of(
                          "repository", "gcs-demo-repo",
                          "namespace", "demo",
                          "invoker_kind", "Repository",
                          "invoker_name", "gcs-demo-repo",
                          "target_kind", "StatefulSet",
                          "target_name", "sample-sts",
                          "target_namespace", "demo"),
                      12_815_695)
                  // Subset: only the labels this test is about.
                  .hasSeriesWith(
                      REPOSITORY + "snapshot_count_total", Map.of("repository", "gcs-demo-repo"), 7)
                  .hasSeriesWith(
                      REPOSITORY + "info", Map.of("path", "/demo/data", "phase", "Ready"), 1)
                  .hasSeriesWith(
                      "core_kubestash_com_backupsession_phase", Map.of("phase", "Failed"), 1)
                  .hasSeriesWith(
                      "core_kubestash_com_backupsession_phase", Map.of("phase", "Running"), 0)
                  .hasNoFamily("kubestash_metrics_mapping_errors"));
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void aBadlyTypedObjectCostsOnlyTheFamilyThatReadsItAndReachesTheOperator() throws Exception {
    MappingError expected = RawObjects.createBadlyTypedRepository(server, "demo", "hand-edited");
    List<MappingError> errors = new CopyOnWriteArrayList<>();

    try (KubeStashRawInformers informers = new KubeStashRawInformers(server.client())) {
      informers.awaitSynced(30, TimeUnit.SECONDS);
      CollectorEmbedding metrics =
          new CollectorEmbedding(new PrometheusRegistry(), informers, errors::add);

      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(metrics.scrapeText())
                  .hasSeries(
                      "kubestash_metrics_mapping_errors",
                      Map.of("family", expected.family(), "reason", expected.reason()),
                      1)
                  .hasSeriesWith(
                      REPOSITORY + "info", Map.of("repository", "hand-edited", "phase", "Ready"), 1)
                  .hasNoSeriesWith(
                      REPOSITORY + "snapshot_count_total", Map.of("repository", "hand-edited")));
      assertThat(errors).contains(expected).containsOnly(expected);
    }
  }

  static Stream<Long> generatedObjects() {
    return KubeStashGenerators.seeds("collectorOverRawInformersMatchesTheLibrarysText", 20);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("generatedObjects")
  void collectorOverRawInformersHasTheSeriesOfTheLibrarysTextOfTypedObjects(long seed)
      throws Exception {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    List<HasMetadata> created = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : List.of(generators.anyKind(), generators.anyKind())) {
      created.add(server.create(generators.valid(kind)));
    }
    String expected = KubeStashMetrics.toText(created, ExpositionFormat.TEXT_0_0_4);

    try (KubeStashRawInformers informers = new KubeStashRawInformers(server.client())) {
      informers.awaitSynced(30, TimeUnit.SECONDS);
      CollectorEmbedding collector =
          new CollectorEmbedding(new PrometheusRegistry(), informers, error -> {});
      TextEmbedding text = new TextEmbedding(informers);
      Eventually.passes(
          PATIENCE,
          () -> {
            MetricsAssert.assertThat(collector.scrapeText()).hasSameSeriesAs(expected);
            MetricsAssert.assertThat(text.scrape(ExpositionFormat.TEXT_0_0_4).text())
                .hasSameSeriesAs(expected);
          });
    }
  }
}
