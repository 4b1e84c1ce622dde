package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ConfiguredApi.apply;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.createCrd;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.createMetricsConfigurationCrd;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.widget;
import static io.github.kubestashmetrics.exporter.ConfiguredApi.widgetConfiguration;
import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cluster mode reports each rejected metric as a Warning Event on its MetricsConfiguration: once
 * per problem per version of the configuration, however often the exporter re-plans.
 */
class ConfigurationEventsIT {

  @RegisterExtension final KubeStashMockServer api = new KubeStashMockServer();

  /** The widget configuration with two metrics the engine rejects. */
  private static String withTwoBadMetrics(String help) {
    return widgetConfiguration("widgets", help)
        + """
          - name: odd
            help: "not a type"
            type: summary
            metricValue:
              value: 1
          - name: computed
            help: "an unknown function"
            type: gauge
            metricValue:
              valueFromExpression: "noSuchFunction(1)"
        """;
  }

  private List<Event> events(KubernetesClient client) {
    return client
        .v1()
        .events()
        .inNamespace(ConfigurationEvents.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .filter(e -> e.getInvolvedObject() != null)
        .filter(e -> "MetricsConfiguration".equals(e.getInvolvedObject().getKind()))
        .toList();
  }

  @Test
  void eachRejectedMetricIsOneWarningEventPerConfigurationVersion() throws Exception {
    KubernetesClient client = api.client();
    createMetricsConfigurationCrd(client);
    createCrd(client, ConfiguredApi.WIDGETS);
    apply(client, widget("shop", "w1", "red", 3));
    apply(client, withTwoBadMetrics("Desired replicas"));
    try (ExporterUnderTest exporter =
        ExporterUnderTest.start(
            api.url(),
            ExporterConfig.defaults()
                .withMetricsConfig(MetricsConfigSource.CLUSTER_OBJECTS, Duration.ofMillis(200)))) {
      await("two events", () -> events(client).size() == 2);
      String uid =
          client
              .genericKubernetesResources(ClusterConfigurations.RESOURCE)
              .withName("widgets")
              .get()
              .getMetadata()
              .getUid();
      for (Event event : events(client)) {
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo(ConfigurationEvents.REASON);
        assertThat(event.getInvolvedObject().getName()).isEqualTo("widgets");
        assertThat(event.getInvolvedObject().getUid()).isEqualTo(uid);
        assertThat(event.getMessage()).startsWith("spec.metrics[");
      }
      // Re-plans (objects change) report nothing new.
      for (int i = 0; i < 5; i++) {
        apply(client, widget("shop", "w" + (i + 2), "blue", i));
      }
      await("objects watched", () -> exporter.scrape().contains("widget=\"w6\""));
      Thread.sleep(1000);
      assertThat(events(client)).hasSize(2);
      // A new version of the configuration: its two problems are reported again, once.
      apply(client, withTwoBadMetrics("Replicas wanted"));
      await("four events", () -> events(client).size() == 4);
      Thread.sleep(1000);
      assertThat(events(client)).hasSize(4);
    }
  }
}
