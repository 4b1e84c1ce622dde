package io.github.kubestashmetrics.metrics.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.language.TargetKind;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The module README's MetricsConfiguration-plan example, verbatim between the markers. */
class PlanEmbeddingTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void readmePlanExampleRuns() throws Exception {
    MetricsConfiguration widgets =
        YAML.readValue(
            """
            metadata: {name: widgets, resourceVersion: '7'}
            spec:
              targetRef: {apiVersion: x.example.com/v1, kind: Widget}
              metrics:
              - {name: replicas, help: Desired replicas, type: gauge,
                 field: {path: .spec.replicas, type: Integer},
                 metricValue: {valueFromPath: .spec.replicas}}
            """,
            MetricsConfiguration.class);
    List<MetricsConfiguration> configurations = new ArrayList<>(BuiltInConfigurations.standard());
    configurations.add(widgets);
    GenericKubernetesResource widget =
        YAML.readValue(
            """
            apiVersion: x.example.com/v1
            kind: Widget
            metadata: {name: w1, namespace: ns, uid: u1}
            spec: {replicas: 3}
            """,
            GenericKubernetesResource.class);
    List<GenericKubernetesResource> objects = List.of(widget);
    List<MetricsConfiguration> edited = new ArrayList<>(configurations);
    MetricsConfiguration widgetsV8 =
        YAML.readValue(YAML.writeValueAsString(widgets), MetricsConfiguration.class);
    widgetsV8.getSpec().getMetrics().get(0).setHelp("Replicas the user asked for");
    edited.set(edited.size() - 1, widgetsV8);
    List<String> logged = new ArrayList<>();
    Consumer<String> log = logged::add;
    // readme-example:start
    // Every MetricsConfiguration the cluster (or a directory) holds, planned as one exposition:
    // per target kind a catalogue; a family defined twice goes to the older configuration.
    ConfigurationPlan plan = ConfigurationPlan.of(configurations);
    for (ConfigurationStatus status : plan.configurations()) {
      status.rejected().forEach(problem -> log.accept(problem.toString())); // once per version
    }

    // One store per target kind, fed by an informer on that kind's objects.
    Map<TargetKind, MetricsStore> stores = new LinkedHashMap<>();
    for (TargetPlan target : plan.targets()) {
      stores.put(target.target(), new MetricsStore(target.catalogue()));
    }
    for (GenericKubernetesResource object : objects) {
      stores.get(TargetKind.of(object.getApiVersion(), object.getKind())).put(object);
    }

    // /metrics: every target's families as one exposition, one gzip member, no recompression.
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    MetricsStore.writeAll(
        List.copyOf(stores.values()),
        body,
        ExpositionFormat.OPENMETRICS_1_0_0,
        ContentEncoding.GZIP);

    // A configuration changed: only targets whose fingerprint changed need their objects again.
    ConfigurationPlan next = ConfigurationPlan.of(edited);
    List<TargetKind> relist = new ArrayList<>();
    for (TargetPlan target : next.targets()) {
      String before = plan.target(target.target()).map(TargetPlan::fingerprint).orElse("");
      if (!before.equals(target.fingerprint())) {
        relist.add(target.target()); // a new MetricsStore(target.catalogue()), then re-list
      }
    }
    // readme-example:end

    assertThat(logged).isEmpty();
    assertThat(plan.targets()).hasSize(7);
    assertThat(relist).containsExactly(TargetKind.of("x.example.com/v1", "Widget"));
    String text =
        new String(
            new GZIPInputStream(new ByteArrayInputStream(body.toByteArray())).readAllBytes(),
            StandardCharsets.UTF_8);
    assertThat(text)
        .isEqualTo(
            """
            # HELP x_example_com_widget_replicas Desired replicas
            # TYPE x_example_com_widget_replicas gauge
            x_example_com_widget_replicas{widget="w1",namespace="ns"} 3
            # EOF
            """);
  }
}
