package io.github.kubestashmetrics.metrics.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.ExpositionWriter;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.language.TargetKind;
import io.github.kubestashmetrics.metrics.language.UpstreamConfigurationsTest;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link ConfigurationPlan}: grouping, conflicts, statuses and fingerprints, one example each. */
class ConfigurationPlanTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A configuration of {@code apiVersion}/{@code kind} with these metrics (YAML list items). */
  static MetricsConfiguration config(
      String name, String created, String apiVersion, String kind, String metricsYaml) {
    try {
      return YAML.readValue(
          "metadata: {name: "
              + name
              + (created == null ? "" : ", creationTimestamp: '" + created + "'")
              + ", resourceVersion: '1'}\nspec:\n  targetRef: {apiVersion: '"
              + apiVersion
              + "', kind: '"
              + kind
              + "'}\n  metrics:\n"
              + metricsYaml.indent(2),
          MetricsConfiguration.class);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static String gauge(String name) {
    return "- {name: "
        + name
        + ", help: '"
        + name
        + " help', type: gauge, metricValue: {value: 1}}";
  }

  private static List<String> families(MetricCatalogue catalogue) {
    return catalogue.families().stream().map(f -> f.name()).toList();
  }

  @Test
  void configurationsAreGroupedByTargetKindInGroupVersionKindOrder() {
    ConfigurationPlan plan =
        ConfigurationPlan.of(
            List.of(
                config("widgets-b", null, "x.example.com/v1", "Widget", gauge("b")),
                config("pods", null, "v1", "Pod", gauge("ready")),
                config("gadgets", null, "x.example.com/v1", "Gadget", gauge("info")),
                config("widgets-a", null, "x.example.com/v1", "Widget", gauge("a"))));

    assertThat(plan.problems()).isEmpty();
    assertThat(plan.targets())
        .extracting(TargetPlan::target)
        .containsExactly(
            new TargetKind("", "v1", "Pod"),
            new TargetKind("x.example.com", "v1", "Gadget"),
            new TargetKind("x.example.com", "v1", "Widget"));
    TargetPlan widgets = plan.targets().get(2);
    assertThat(widgets.configurationNames()).containsExactly("widgets-a", "widgets-b");
    assertThat(families(widgets.catalogue()))
        .containsExactly("x_example_com_widget_a", "x_example_com_widget_b");
    assertThat(families(plan.targets().get(0).catalogue())).containsExactly("pod_ready");
    assertThat(plan.targets().get(0).target().apiVersion()).isEqualTo("v1");
    assertThat(widgets.target().apiVersion()).isEqualTo("x.example.com/v1");
    assertThat(plan.configurations())
        .extracting(ConfigurationStatus::name)
        .containsExactly("gadgets", "pods", "widgets-a", "widgets-b");
  }

  @Test
  void configurationsOfOneKindMergeEachWithItsOwnCommonLabels() throws Exception {
    MetricsConfiguration withTeam =
        YAML.readValue(
            """
            metadata: {name: team}
            spec:
              targetRef: {apiVersion: x.example.com/v1, kind: Widget}
              commonLabels: [{key: team, valuePath: .spec.team}]
              metrics:
              - {name: info, help: h, type: gauge, metricValue: {value: 1}}
            """,
            MetricsConfiguration.class);
    MetricsConfiguration plain =
        config("plain", null, "x.example.com/v1", "Widget", gauge("replicas"));
    TargetPlan widgets = ConfigurationPlan.of(List.of(withTeam, plain)).targets().get(0);
    var object =
        JSON.readTree(
            """
            {"apiVersion": "x.example.com/v1", "kind": "Widget",
             "metadata": {"name": "w1", "namespace": "ns", "uid": "u1"},
             "spec": {"team": "blue"}}
            """);
    String text =
        ExpositionWriter.toText(
            widgets.catalogue(),
            List.of(widgets.catalogue().render(object)),
            ExpositionFormat.TEXT_0_0_4);
    assertThat(text)
        .contains("x_example_com_widget_replicas{widget=\"w1\",namespace=\"ns\"} 1\n")
        .contains("x_example_com_widget_info{widget=\"w1\",namespace=\"ns\",team=\"blue\"} 1\n");
    assertThat(text.indexOf("widget_replicas")).isLessThan(text.indexOf("widget_info"));
  }

  @Test
  void olderConfigurationWinsAFamilyWhateverTheInputOrder() {
    MetricsConfiguration older =
        config(
            "zeta-older",
            "2024-01-01T00:00:00Z",
            "x.example.com/v1",
            "Widget",
            gauge("info") + "\n" + gauge("size"));
    MetricsConfiguration newer =
        config(
            "alpha-newer",
            "2025-06-01T10:00:00+02:00",
            "x.example.com/v1",
            "Widget",
            gauge("phase") + "\n" + gauge("info"));
    for (List<MetricsConfiguration> input : List.of(List.of(older, newer), List.of(newer, older))) {
      ConfigurationPlan plan = ConfigurationPlan.of(input);
      ConfigurationStatus loser = plan.configurations().get(0);
      ConfigurationStatus winner = plan.configurations().get(1);
      assertThat(winner.name()).isEqualTo("zeta-older");
      assertThat(winner.activeFamilies())
          .containsExactly("x_example_com_widget_info", "x_example_com_widget_size");
      assertThat(winner.rejected()).isEmpty();
      assertThat(loser.name()).isEqualTo("alpha-newer");
      assertThat(loser.version()).isEqualTo("1");
      assertThat(loser.activeFamilies()).containsExactly("x_example_com_widget_phase");
      assertThat(loser.rejected())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.configuration()).isEqualTo("alpha-newer");
                assertThat(p.path()).isEqualTo("spec.metrics[1]");
                assertThat(p.family()).isEqualTo("x_example_com_widget_info");
                assertThat(p.reason()).contains("zeta-older");
              });
      assertThat(plan.problems()).isEqualTo(loser.rejected());
      // The loser's other metric still serves, after the winner's families (names order).
      assertThat(families(plan.targets().get(0).catalogue()))
          .containsExactly(
              "x_example_com_widget_phase",
              "x_example_com_widget_info",
              "x_example_com_widget_size");
    }
  }

  @Test
  void missingOrUnparseableTimestampCountsAsNewestAndATieGoesToTheFirstName() {
    String metric = gauge("info");
    MetricsConfiguration dated = config("z-dated", "2030-01-01T00:00:00Z", "v1", "Pod", metric);
    MetricsConfiguration undated = config("a-undated", null, "v1", "Pod", metric);
    MetricsConfiguration garbled = config("b-garbled", "yesterday", "v1", "Pod", metric);
    assertThat(winnerOf(List.of(undated, garbled, dated))).isEqualTo("z-dated");
    assertThat(winnerOf(List.of(garbled, undated))).isEqualTo("a-undated");
    MetricsConfiguration sameTimeB = config("b", "2024-01-01T00:00:00Z", "v1", "Pod", metric);
    MetricsConfiguration sameTimeA = config("a", "2024-01-01T01:00:00+01:00", "v1", "Pod", metric);
    assertThat(winnerOf(List.of(sameTimeB, sameTimeA))).isEqualTo("a");
  }

  private static String winnerOf(List<MetricsConfiguration> configurations) {
    List<String> winners = new ArrayList<>();
    for (ConfigurationStatus status : ConfigurationPlan.of(configurations).configurations()) {
      if (!status.activeFamilies().isEmpty()) {
        winners.add(status.name());
      } else {
        assertThat(status.rejected())
            .singleElement()
            .extracting(p -> p.family())
            .isEqualTo("pod_info");
      }
    }
    assertThat(winners).hasSize(1);
    return winners.get(0);
  }

  @Test
  void familiesConflictAcrossTargetsToo() {
    // Two versions of one kind give the same family prefix; they are two targets of one exposition.
    MetricsConfiguration v1 =
        config("v1", "2024-01-01T00:00:00Z", "x.example.com/v1", "Widget", gauge("info"));
    MetricsConfiguration v2 =
        config(
            "v2",
            "2024-02-01T00:00:00Z",
            "x.example.com/v2",
            "Widget",
            gauge("info") + "\n" + gauge("new"));
    ConfigurationPlan plan = ConfigurationPlan.of(List.of(v2, v1));
    assertThat(plan.targets())
        .extracting(t -> t.target().version() + ":" + families(t.catalogue()))
        .containsExactly("v1:[x_example_com_widget_info]", "v2:[x_example_com_widget_new]");
    assertThat(plan.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("v1"));
  }

  @Test
  void configurationWithoutSurvivingMetricsHasNoTargetButAStatus() {
    MetricsConfiguration broken =
        config(
            "broken",
            null,
            "x.example.com/v1",
            "Widget",
            "- {name: bad, help: h, type: counter, metricValue: {value: 1}}");
    MetricsConfiguration noTarget = new MetricsConfiguration();
    ConfigurationPlan plan = ConfigurationPlan.of(Arrays.asList(broken, noTarget, null));
    assertThat(plan.targets()).isEmpty();
    assertThat(plan.configurations())
        .extracting(ConfigurationStatus::name, s -> s.target().kind(), s -> s.rejected().size())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("", "", 1),
            org.assertj.core.groups.Tuple.tuple("", "", 1),
            org.assertj.core.groups.Tuple.tuple("broken", "Widget", 1));
    assertThat(plan.problems()).hasSize(3);
  }

  @Test
  void kindsWhoseLabelCannotBeALabelAreRejectedWithTheirConfiguration() {
    for (String kind : List.of("Namespace", "1Thing", "__Hidden", "A:B")) {
      ConfigurationPlan plan =
          ConfigurationPlan.of(List.of(config("c", null, "x.example.com/v1", kind, gauge("info"))));
      assertThat(plan.targets()).as(kind).isEmpty();
      assertThat(plan.problems())
          .as(kind)
          .singleElement()
          .satisfies(p -> assertThat(p.path()).isEqualTo("spec.targetRef.kind"));
    }
    for (String apiVersion : List.of("/v1", "a/b/c", "x.example.com/", "a b/v1")) {
      ConfigurationPlan plan =
          ConfigurationPlan.of(List.of(config("c", null, apiVersion, "Widget", gauge("info"))));
      assertThat(plan.targets()).as(apiVersion).isEmpty();
      assertThat(plan.problems())
          .as(apiVersion)
          .singleElement()
          .satisfies(p -> assertThat(p.path()).isEqualTo("spec.targetRef.apiVersion"));
    }
  }

  @Test
  void metricCallingAKubeDbCalculatorIsRejectedAndReportedOnItsConfiguration() {
    MetricsConfiguration database =
        config(
            "mongodb",
            null,
            "kubedb.com/v1",
            "MongoDB",
            """
            - {name: cpu, help: h, type: gauge, params: [{key: obj, valuePath: .}],
               metricValue: {valueFromExpression: 'total_resource_requests(obj, "cpu")'}}
            - {name: replicas, help: h, type: gauge, field: {path: .spec.replicas, type: Integer},
               metricValue: {valueFromPath: .spec.replicas}}
            """);
    ConfigurationPlan plan = ConfigurationPlan.of(List.of(database));
    ConfigurationStatus status = plan.configurations().get(0);
    assertThat(status.activeFamilies()).containsExactly("kubedb_com_mongodb_replicas");
    assertThat(status.rejected())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.family()).isEqualTo("kubedb_com_mongodb_cpu");
              assertThat(p.reason()).contains("KubeDB's resource calculator functions");
            });
  }

  @Test
  void kubeStashsOwnSixConfigurationsGiveSixCleanTargets() {
    ConfigurationPlan plan = ConfigurationPlan.of(BuiltInConfigurations.standard());
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.targets()).hasSize(6);
    assertThat(plan.targets().stream().mapToInt(t -> t.catalogue().families().size()).sum())
        .isEqualTo(36);
    for (TargetPlan target : plan.targets()) {
      assertThat(target.catalogue().renders(target.target().apiVersion(), target.target().kind()))
          .isTrue();
    }
  }

  @Test
  void ecosystemConfigurationsPlanWithOnlyCalculatorMetricsRejected() throws IOException {
    String shared = System.getProperty("kubestash.shared.dir");
    assumeTrue(shared != null, "kubestash.shared.dir is not set");
    List<MetricsConfiguration> configurations = new ArrayList<>();
    for (String sub : List.of("metricsconfigurations", "metricsconfigurations-ecosystem")) {
      Path dir = Path.of(shared, "reference", sub);
      assumeTrue(Files.isDirectory(dir), dir + " is absent");
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
          configurations.add(UpstreamConfigurationsTest.read(file));
        }
      }
    }
    ConfigurationPlan plan = ConfigurationPlan.of(configurations);
    assertThat(plan.configurations()).hasSize(configurations.size());
    assertThat(plan.problems()).isNotEmpty();
    for (ConfigurationProblem problem : plan.problems()) {
      assertThat(problem.reason())
          .as(problem.toString())
          .contains("KubeDB's resource calculator functions");
    }
    long distinctTargets =
        configurations.stream()
            .map(
                c ->
                    TargetKind.of(
                        c.getSpec().getTargetRef().getApiVersion(),
                        c.getSpec().getTargetRef().getKind()))
            .distinct()
            .count();
    assertThat(plan.targets()).hasSize((int) distinctTargets);
    Collections.shuffle(configurations, new java.util.Random(7));
    assertThat(ConfigurationPlanPropertiesTest.summary(ConfigurationPlan.of(configurations)))
        .isEqualTo(ConfigurationPlanPropertiesTest.summary(plan));
  }

  @Test
  void fingerprintChangesOnlyForTheTargetWhoseMetricsChanged() {
    MetricsConfiguration a = config("a", null, "x.example.com/v1", "Widget", gauge("info"));
    MetricsConfiguration b = config("b", null, "x.example.com/v1", "Gadget", gauge("info"));
    Map<TargetKind, String> before = fingerprints(ConfigurationPlan.of(List.of(a, b)));

    // Reordered input: nothing changes.
    assertThat(fingerprints(ConfigurationPlan.of(List.of(b, a)))).isEqualTo(before);

    // Metadata only: labels, annotations, resourceVersion, even the name.
    MetricsConfiguration relabelled =
        config("a", null, "x.example.com/v1", "Widget", gauge("info"));
    relabelled.getMetadata().setLabels(Map.of("team", "blue"));
    relabelled.getMetadata().setAnnotations(Map.of("note", "x"));
    relabelled.getMetadata().setResourceVersion("99");
    relabelled.getMetadata().setCreationTimestamp("2020-01-01T00:00:00Z");
    assertThat(fingerprints(ConfigurationPlan.of(List.of(relabelled, b)))).isEqualTo(before);
    MetricsConfiguration renamed = config("a2", null, "x.example.com/v1", "Widget", gauge("info"));
    assertThat(fingerprints(ConfigurationPlan.of(List.of(renamed, b)))).isEqualTo(before);

    // A rejected metric added: nothing this target renders changes.
    MetricsConfiguration withBroken =
        config(
            "a",
            null,
            "x.example.com/v1",
            "Widget",
            gauge("info") + "\n- {name: bad, help: h, type: counter, metricValue: {value: 1}}");
    assertThat(fingerprints(ConfigurationPlan.of(List.of(withBroken, b)))).isEqualTo(before);

    // Edits to a: a's target changes, b's does not.
    for (String edited :
        List.of(
            "- {name: info, help: 'other help', type: gauge, metricValue: {value: 1}}",
            "- {name: info, help: 'info help', type: gauge, metricValue: {value: 2}}",
            "- {name: info2, help: 'info help', type: gauge, metricValue: {value: 1}}",
            "- {name: info, help: 'info help', type: gauge, labels: [{key: k, value: v}],"
                + " metricValue: {value: 1}}",
            gauge("info") + "\n" + gauge("more"))) {
      Map<TargetKind, String> after =
          fingerprints(
              ConfigurationPlan.of(
                  List.of(config("a", null, "x.example.com/v1", "Widget", edited), b)));
      assertThat(after.get(TargetKind.of("x.example.com/v1", "Widget")))
          .as(edited)
          .isNotEqualTo(before.get(TargetKind.of("x.example.com/v1", "Widget")));
      assertThat(after.get(TargetKind.of("x.example.com/v1", "Gadget")))
          .as(edited)
          .isEqualTo(before.get(TargetKind.of("x.example.com/v1", "Gadget")));
    }

    // Other options render differently: every fingerprint changes.
    Map<TargetKind, String> limited =
        fingerprints(ConfigurationPlan.of(List.of(a, b), new EngineOptions(5)));
    before.forEach((target, print) -> assertThat(limited.get(target)).isNotEqualTo(print));
  }

  @Test
  void parametersBoundToOtherPathsGiveAnotherFingerprint() {
    // Same expression text and same sources, but the names bind the other source.
    String first =
        "- {name: v, help: h, type: gauge, params: [{key: a, valuePath: .x}, {key: b, valuePath: .y}],"
            + " metricValue: {valueFromExpression: 'a'}}";
    String second =
        "- {name: v, help: h, type: gauge, params: [{key: b, valuePath: .x}, {key: a, valuePath: .y}],"
            + " metricValue: {valueFromExpression: 'a'}}";
    assertThat(fingerprints(ConfigurationPlan.of(List.of(config("c", null, "v1", "Pod", first)))))
        .isNotEqualTo(
            fingerprints(ConfigurationPlan.of(List.of(config("c", null, "v1", "Pod", second)))));
  }

  static Map<TargetKind, String> fingerprints(ConfigurationPlan plan) {
    Map<TargetKind, String> prints = new java.util.HashMap<>();
    for (TargetPlan target : plan.targets()) {
      prints.put(target.target(), target.fingerprint());
    }
    return prints;
  }
}
