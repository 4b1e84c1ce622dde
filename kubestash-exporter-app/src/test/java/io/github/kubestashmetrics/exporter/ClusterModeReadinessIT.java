package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * In cluster mode {@code /readyz} turns 200 only once the configurations listed at start have been
 * planned as a whole and every target they name has synced — never on a plan made from the part of
 * the initial list whose notifications had arrived (which once made the exporter ready, with no
 * target tracked, 0.1 s after start, before any object was listed).
 */
class ClusterModeReadinessIT {

  @RegisterExtension
  static final KubeStashMockServer API =
      KubeStashMockServer.builder().metricsConfigurationCrd(true).build();

  @Test
  void firstReadyAnswerComesAfterEveryTargetOfTheListedConfigurationsHasSynced() throws Exception {
    new LiveObjects(API, 808).createEveryKind(20);
    for (MetricsConfiguration configuration : BuiltInConfigurations.standard()) {
      API.client().resource(configuration).create();
    }
    List<String> expected = new ArrayList<>();
    expected.add("MetricsConfiguration");
    KubeStashKinds.ALL.forEach(kind -> expected.add(kind.kind()));

    for (int start = 0; start < 5; start++) {
      try (ExporterUnderTest exporter =
          ExporterUnderTest.start(
              API.url(),
              ExporterConfig.defaults()
                  .withMetricsConfig(
                      MetricsConfigSource.CLUSTER_OBJECTS, Duration.ofMillis(200)))) {
        Map<String, Boolean> atFirstReady = null;
        long deadline = System.nanoTime() + ExporterUnderTest.PATIENCE.toNanos();
        while (atFirstReady == null && System.nanoTime() < deadline) {
          // One reading decides both, as Readiness.isReady() does: all tracked names synced.
          Map<String, Boolean> tracked = exporter.exporter().readiness().syncedByKind();
          if (!tracked.isEmpty() && !tracked.containsValue(false)) {
            atFirstReady = tracked;
          } else {
            Thread.sleep(1);
          }
        }
        assertThat(atFirstReady).as("start %d: ready within patience", start).isNotNull();
        assertThat(atFirstReady.keySet())
            .as("start %d: what readiness covered when it first said ready", start)
            .containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }
}
