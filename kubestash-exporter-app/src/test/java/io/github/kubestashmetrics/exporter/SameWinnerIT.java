package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ConfiguredApi.WIDGETS;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.apply;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.createCrd;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.createMetricsConfigurationCrd;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.widget;
import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.plan.ConfigurationPlan;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two configurations define one family: PATH mode (in both file orders) and cluster mode serve the
 * winner that {@code validate} and {@code render} name ({@code EngineCommandsTest}), because all of
 * them go through {@link ConfigurationPlan}.
 */
class SameWinnerIT {

  @RegisterExtension final KubeStashMockServer api = new KubeStashMockServer();

  @TempDir Path dir;

  private static final String SERVED_BY_AA =
      "example_com_widget_info{widget=\"w1\",namespace=\"shop\"} 2";
  private static final String SERVED_BY_ZZ =
      "example_com_widget_info{widget=\"w1\",namespace=\"shop\"} 1";

  @ParameterizedTest(name = "zz-config in the first file: {0}")
  @ValueSource(booleans = {true, false})
  void pathModeServesTheFirstNameWhateverTheFileOrder(boolean zzFirst) throws Exception {
    KubernetesClient client = api.client();
    createCrd(client, WIDGETS);
    apply(client, widget("shop", "w1", "red", 3));
    Files.writeString(
        dir.resolve("a.yaml"),
        EngineCommandsTest.widgetInfo(zzFirst ? "zz-config" : "aa-config", zzFirst ? 1 : 2));
    Files.writeString(
        dir.resolve("b.yaml"),
        EngineCommandsTest.widgetInfo(zzFirst ? "aa-config" : "zz-config", zzFirst ? 2 : 1));
    try (ExporterUnderTest exporter =
        ExporterUnderTest.start(
            api.url(),
            ExporterConfig.defaults()
                .withMetricsConfig(
                    MetricsConfigSource.files(List.of(dir)), Duration.ofMillis(200)))) {
      await("aa-config's value served", () -> exporter.scrape().contains(SERVED_BY_AA));
      assertThat(exporter.scrape()).doesNotContain(SERVED_BY_ZZ);
    }
  }

  @Test
  void clusterModeServesTheWinnerThePlanOfTheListedObjectsNames() throws Exception {
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    createCrd(client, WIDGETS);
    apply(client, widget("shop", "w1", "red", 3));
    apply(client, EngineCommandsTest.widgetInfo("zz-config", 1));
    apply(client, EngineCommandsTest.widgetInfo("aa-config", 2));
    List<MetricsConfiguration> listed =
        client.resources(MetricsConfiguration.class).list().getItems();
    String winner = ConfigurationPlan.of(listed, EngineOptions.DEFAULT).conflicts().get(0).winner();
    try (ExporterUnderTest exporter =
        ExporterUnderTest.start(
            api.url(),
            ExporterConfig.defaults()
                .withMetricsConfig(MetricsConfigSource.CLUSTER_OBJECTS, Duration.ofMillis(200)))) {
      String served = winner.equals("aa-config") ? SERVED_BY_AA : SERVED_BY_ZZ;
      await(winner + "'s value served", () -> exporter.scrape().contains(served));
      System.out.printf(
          "cluster mode: creationTimestamps %s, winner %s%n",
          listed.stream().map(c -> c.getMetadata().getCreationTimestamp()).toList(), winner);
    }
  }
}
