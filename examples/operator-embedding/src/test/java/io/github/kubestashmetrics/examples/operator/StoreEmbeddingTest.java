package io.github.kubestashmetrics.examples.operator;

import static io.github.kubestashmetrics.examples.operator.MetricsBody.identityText;
import static io.github.kubestashmetrics.examples.operator.MetricsBody.testkitFormat;
import static io.github.kubestashmetrics.examples.operator.MetricsBody.written;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.KubeStashMetrics;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.MetricsAssert;
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

/** The operator's store fed by raw informers' events, against the testkit's mock API server. */
class StoreEmbeddingTest {

  @RegisterExtension static final KubeStashMockServer server = new KubeStashMockServer();

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String REPOSITORY = "storage_kubestash_com_repository_";
  private static final String SESSION_PHASE = "core_kubestash_com_backupsession_phase";

  @Test
  void seriesAppearChangeAndDisappearWithTheObjects() throws Exception {
    Repository created =
        server.create(
            KubeStashFixtures.repository("demo", "gcs-demo-repo")
                .phase("Ready")
                .snapshotCount(7)
                .build());
    List<MappingError> errors = new CopyOnWriteArrayList<>();
    StoreEmbedding metrics = new StoreEmbedding(errors::add);

    try (KubeStashRawInformers informers = new KubeStashRawInformers(server.client(), metrics)) {
      informers.awaitSynced(30, TimeUnit.SECONDS);
      // Appear: from the initial list.
      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(identityText(metrics::write))
                  .isValid()
                  .hasSeriesWith(
                      REPOSITORY + "snapshot_count_total", Map.of("repository", "gcs-demo-repo"), 7)
                  .hasNoFamily(SESSION_PHASE));

      // Change: a status update and a new object, from the watch.
      Repository updated =
          KubeStashFixtures.repository("demo", "gcs-demo-repo")
              .phase("Ready")
              .snapshotCount(8)
              .build();
      updated.getMetadata().setUid(created.getMetadata().getUid()); // the same object
      server.updateStatus(updated);
      server.create(KubeStashFixtures.backupSession("demo", "nightly").phase("Succeeded").build());
      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(identityText(metrics::write))
                  .hasSeriesWith(
                      REPOSITORY + "snapshot_count_total", Map.of("repository", "gcs-demo-repo"), 8)
                  .familyCount(REPOSITORY + "snapshot_count_total", 1)
                  .hasSeriesWith(SESSION_PHASE, Map.of("phase", "Succeeded"), 1));

      // Disappear: the repository's every family goes, the session stays.
      assertThat(server.delete(updated)).isTrue();
      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(identityText(metrics::write))
                  .isValid()
                  .hasNoFamily(REPOSITORY + "snapshot_count_total")
                  .hasNoFamily(REPOSITORY + "info")
                  .hasSeriesWith(SESSION_PHASE, Map.of("phase", "Succeeded"), 1));
      assertThat(metrics.objectCount()).isEqualTo(1);
    }
    assertThat(errors).isEmpty();
  }

  @Test
  void aBadlyTypedObjectReachesTheOperatorOnceAndCostsOnlyItsFamily() throws Exception {
    MappingError expected = RawObjects.createBadlyTypedRepository(server, "demo", "hand-edited");
    List<MappingError> errors = new CopyOnWriteArrayList<>();
    StoreEmbedding metrics = new StoreEmbedding(errors::add);

    try (KubeStashRawInformers informers = new KubeStashRawInformers(server.client(), metrics)) {
      informers.awaitSynced(30, TimeUnit.SECONDS);
      Eventually.passes(
          PATIENCE,
          () ->
              MetricsAssert.assertThat(identityText(metrics::write))
                  .hasSeriesWith(
                      REPOSITORY + "info", Map.of("repository", "hand-edited", "phase", "Ready"), 1)
                  .hasNoFamily(REPOSITORY + "snapshot_count_total"));
      // Once per change of the object, not once per scrape.
      identityText(metrics::write);
      assertThat(errors).containsExactly(expected);
    }
  }

  static Stream<Long> generatedObjects() {
    return KubeStashGenerators.seeds("storeOverRawInformersMatchesTheLibrarysText", 20);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("generatedObjects")
  void storeOverRawInformersServesTheLibrarysTextInBothEncodings(long seed) throws Exception {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    List<HasMetadata> created = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : List.of(generators.anyKind(), generators.anyKind())) {
      created.add(server.create(generators.valid(kind)));
    }
    StoreEmbedding metrics = new StoreEmbedding(error -> {});

    try (KubeStashRawInformers informers = new KubeStashRawInformers(server.client(), metrics)) {
      informers.awaitSynced(30, TimeUnit.SECONDS);
      for (ExpositionFormat format : ExpositionFormat.values()) {
        String expected = KubeStashMetrics.toText(created, format);
        Eventually.passes(
            PATIENCE,
            () ->
                MetricsAssert.assertThat(
                        written(metrics::write, format, ContentEncoding.IDENTITY),
                        testkitFormat(format))
                    .isValid()
                    .hasSameSeriesAs(expected));
        // The gzip body is one standard gzip member holding exactly the identity body.
        assertThat(written(metrics::write, format, ContentEncoding.GZIP))
            .as("seed=%d %s gzip inflated", seed, format)
            .isEqualTo(written(metrics::write, format, ContentEncoding.IDENTITY));
      }
    }
  }
}
