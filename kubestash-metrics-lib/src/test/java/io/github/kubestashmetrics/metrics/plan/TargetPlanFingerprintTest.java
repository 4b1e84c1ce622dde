package io.github.kubestashmetrics.metrics.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TargetPlan#fingerprint()} changes when any component of what a target renders changes:
 * every row of the table edits one component of one configuration, and the edited configuration
 * still compiles cleanly (so the change is in what renders, not a rejection).
 */
class TargetPlanFingerprintTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final String BASE =
      """
      metadata: {name: widgets, labels: {team: a}, resourceVersion: "1"}
      spec:
        targetRef: {apiVersion: x.example.com/v1, kind: Widget}
        commonLabels: [{key: owner, valuePath: .spec.owner}]
        metrics:
        - name: items
          help: Items
          type: gauge
          field: {path: .spec.items, type: Array}
          labels: [{key: item, valuePath: '.spec.items[*].name'}]
          params: [{key: n, valuePath: '.spec.items[*].n'}]
          states:
            labelKey: size
            values:
            - {labelValue: big, metricValue: {valueFromExpression: 'int(n > 2)'}}
        - name: count
          help: Count
          type: gauge
          field: {path: .spec.count, type: Integer}
          metricValue: {valueFromPath: .spec.count}
      """;

  /** One component edited: what, the text replaced, its replacement. */
  static Stream<Arguments> components() {
    return Stream.of(
        Arguments.of("HELP text", "help: Count", "help: Counted"),
        Arguments.of("label key", "key: item", "key: element"),
        Arguments.of("label path", "'.spec.items[*].name'", "'.spec.items[*].id'"),
        Arguments.of("label source kind", "valuePath: '.spec.items[*].name'", "value: fixed"),
        Arguments.of("common label key", "key: owner", "key: team"),
        Arguments.of("common label path", "valuePath: .spec.owner", "valuePath: .spec.team"),
        Arguments.of("parameter source kind", "valuePath: '.spec.items[*].n'", "value: '3'"),
        Arguments.of("parameter path", "'.spec.items[*].n'", "'.spec.items[*].size'"),
        Arguments.of("states label key", "labelKey: size", "labelKey: bucket"),
        Arguments.of("state value", "labelValue: big", "labelValue: large"),
        Arguments.of("expression", "'int(n > 2)'", "'int(n >= 2)'"),
        Arguments.of(
            "value kind", "metricValue: {valueFromPath: .spec.count}", "metricValue: {value: 1}"),
        Arguments.of("value path", "valueFromPath: .spec.count}", "valueFromPath: .spec.total}"),
        Arguments.of("field type", "type: Integer}", "type: String}"),
        Arguments.of("field path", "path: .spec.count,", "path: .spec.total,"),
        Arguments.of("family name", "name: count", "name: total"),
        Arguments.of("target version", "x.example.com/v1", "x.example.com/v2"));
  }

  private static TargetPlan planOf(String yaml) throws Exception {
    ConfigurationPlan plan =
        ConfigurationPlan.of(List.of(YAML.readValue(yaml, MetricsConfiguration.class)));
    assertThat(plan.problems()).as(yaml).isEmpty();
    assertThat(plan.targets()).hasSize(1);
    return plan.targets().get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("components")
  void changingOneComponentChangesTheFingerprint(String component, String from, String to)
      throws Exception {
    assertThat(BASE).as(component).containsOnlyOnce(from);
    String base = planOf(BASE).fingerprint();
    assertThat(planOf(BASE.replace(from, to)).fingerprint()).as(component).isNotEqualTo(base);
  }

  /** What does not change rendering leaves the fingerprint alone. */
  static Stream<Arguments> metadata() {
    return Stream.of(
        Arguments.of("name", "name: widgets,", "name: gadgets,"),
        Arguments.of("labels", "team: a", "team: b"),
        Arguments.of("resourceVersion", "resourceVersion: \"1\"", "resourceVersion: \"2\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("metadata")
  void changingMetadataKeepsTheFingerprint(String component, String from, String to)
      throws Exception {
    assertThat(BASE).as(component).containsOnlyOnce(from);
    assertThat(planOf(BASE.replace(from, to)).fingerprint())
        .as(component)
        .isEqualTo(planOf(BASE).fingerprint());
  }
}
