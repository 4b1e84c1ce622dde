package io.github.kubestashmetrics.metrics.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.metrics.MappingError;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compile-time rules and per-object rules of the engine, one example each. */
class MetricsConfigurationCompilerTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static MetricsConfiguration config(String name, String metricsYaml) throws Exception {
    return YAML.readValue(
        "metadata: {name: "
            + name
            + "}\nspec:\n  targetRef: {apiVersion: x.example.com/v1, kind: Widget}\n  metrics:\n"
            + metricsYaml.indent(2),
        MetricsConfiguration.class);
  }

  private static CompiledConfigurations compile(String metricsYaml, EngineOptions options)
      throws Exception {
    return MetricsConfigurationCompiler.compile(List.of(config("w", metricsYaml)), options);
  }

  private static List<String> render(CompiledMetric metric, String objectJson) throws Exception {
    JsonNode object = new ObjectMapper().readTree(objectJson);
    MetricRows rows = new MetricRows();
    String reason = metric.render(object, rows);
    List<String> out = new ArrayList<>();
    if (reason != null) {
      out.add("error " + reason);
    }
    for (int i = 0; i < rows.size(); i++) {
      out.add(
          String.join(",", List.of(rows.labels(i)).stream().map(String::valueOf).toList())
              + " "
              + rows.decimal(i));
    }
    return out;
  }

  private static CompiledMetric only(CompiledConfigurations compiled) {
    assertThat(compiled.problems()).isEmpty();
    return compiled.configurations().get(0).metrics().get(0);
  }

  @Test
  void familyNameIsGroupKindAndMetricAndDefaultLabelsComeFirst() throws Exception {
    CompiledConfigurations compiled =
        compile(
            "- {name: info, help: h, type: gauge, labels: [{key: a, value: x}],"
                + " metricValue: {value: 1}}",
            EngineOptions.DEFAULT);
    assertThat(only(compiled).name()).isEqualTo("x_example_com_widget_info");
    assertThat(compiled.configurations().get(0).commonLabelNames())
        .containsExactly("widget", "namespace");
  }

  @Test
  void metricCallingAKubeDbCalculatorIsRejectedAndTheOthersStillWork() throws Exception {
    CompiledConfigurations compiled =
        compile(
            """
            - {name: cpu, help: h, type: gauge, params: [{key: obj, valuePath: .}],
               metricValue: {valueFromExpression: 'resource_replicas(obj)'}}
            - {name: info, help: h, type: gauge, metricValue: {value: 1}}
            """,
            EngineOptions.DEFAULT);
    assertThat(compiled.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.family()).isEqualTo("x_example_com_widget_cpu");
              assertThat(p.path()).isEqualTo("spec.metrics[0]");
              assertThat(p.reason()).contains("resource_replicas").contains("calculator");
            });
    assertThat(compiled.metricCount()).isEqualTo(1);
  }

  @Test
  void badPathsUnknownParametersAndWrongTypesAreRejectedWithTheirPlace() throws Exception {
    CompiledConfigurations compiled =
        compile(
            """
            - {name: a, help: h, type: gauge, labels: [{key: l, valuePath: 'spec.x'}],
               metricValue: {value: 1}}
            - {name: b, help: h, type: gauge, metricValue: {valueFromExpression: 'int(p == 1)'}}
            - {name: c, help: h, type: counter, metricValue: {value: 1}}
            - {name: d, help: h, type: gauge, labels: [{key: l, valuePath: '.s[*].x'}],
               metricValue: {value: 1}}
            - {name: e, help: h, type: gauge, field: {path: .x, type: Float}, metricValue: {value: 1}}
            """,
            EngineOptions.DEFAULT);
    assertThat(compiled.problems())
        .extracting(ConfigurationProblem::family)
        .containsExactly(
            "x_example_com_widget_a",
            "x_example_com_widget_b",
            "x_example_com_widget_c",
            "x_example_com_widget_d",
            "x_example_com_widget_e");
    assertThat(compiled.problems().get(0).reason()).contains("labels[0]").contains("'.'");
    assertThat(compiled.problems().get(1).reason()).contains("unknown parameter 'p'");
    assertThat(compiled.problems().get(3).reason()).contains("not an Array");
  }

  @Test
  void aFamilyDefinedTwiceIsKeptTheFirstTime() throws Exception {
    String metric = "- {name: info, help: first, type: gauge, metricValue: {value: 1}}";
    CompiledConfigurations compiled =
        MetricsConfigurationCompiler.compile(
            List.of(config("one", metric), config("two", metric.replace("first", "second"))));
    assertThat(compiled.metricCount()).isEqualTo(1);
    assertThat(compiled.configurations().get(0).metrics().get(0).help()).isEqualTo("first");
    assertThat(compiled.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("already defined by one"));
  }

  @Test
  void constantValueWinsOverPathWhichWinsOverExpressionAndStatesWinOverAll() throws Exception {
    CompiledMetric metric =
        only(
            compile(
                """
                - {name: v, help: h, type: gauge, params: [{key: n, valuePath: .n}],
                   metricValue: {value: 7, valueFromPath: .n, valueFromExpression: 'n * 2'}}
                - {name: p, help: h, type: gauge, params: [{key: n, valuePath: .n}],
                   metricValue: {valueFromPath: .n, valueFromExpression: 'n * 2'}}
                - {name: s, help: h, type: gauge, params: [{key: n, valuePath: .n}],
                   metricValue: {value: 7},
                   states: {labelKey: st, values: [{labelValue: big, metricValue: {valueFromExpression: 'int(n > 2)'}}]}}
                """,
                EngineOptions.DEFAULT));
    assertThat(render(metric, "{\"n\": 3}")).containsExactly(" 7.0");
    CompiledConfigurations all =
        compile(
            """
            - {name: p, help: h, type: gauge, params: [{key: n, valuePath: .n}],
               metricValue: {valueFromPath: .n, valueFromExpression: 'n * 2'}}
            - {name: s, help: h, type: gauge, params: [{key: n, valuePath: .n}],
               metricValue: {value: 7},
               states: {labelKey: st, values: [{labelValue: big, metricValue: {valueFromExpression: 'int(n > 2)'}}]}}
            """,
            EngineOptions.DEFAULT);
    List<CompiledMetric> metrics = all.configurations().get(0).metrics();
    assertThat(render(metrics.get(0), "{\"n\": 3}")).containsExactly(" 3.0");
    assertThat(render(metrics.get(1), "{\"n\": 3}")).containsExactly("big 1.0");
  }

  @Test
  void integerFieldAbsentGivesNoSeriesAndAPercentGivesAnError() throws Exception {
    CompiledMetric metric =
        only(
            compile(
                "- {name: r, help: h, type: gauge, field: {path: .spec.replicas, type: Integer},"
                    + " metricValue: {valueFromPath: .spec.replicas}}",
                EngineOptions.DEFAULT));
    assertThat(render(metric, "{\"spec\": {}}")).isEmpty();
    assertThat(render(metric, "{\"spec\": {\"replicas\": 3}}")).containsExactly(" 3.0");
    assertThat(render(metric, "{\"spec\": {\"replicas\": \"50%\"}}"))
        .containsExactly("error wrong_json_type");
  }

  @Test
  void stateMetricOfAnObjectWithoutPhaseGivesEveryStateZero() throws Exception {
    CompiledMetric metric =
        only(
            compile(
                """
                - {name: phase, help: h, type: gauge, field: {path: .status.phase, type: String},
                   params: [{key: phase, valuePath: .status.phase}],
                   states: {labelKey: phase, values: [
                     {labelValue: A, metricValue: {valueFromExpression: "int(phase == 'A')"}},
                     {labelValue: B, metricValue: {valueFromExpression: "int(phase == 'B')"}}]}}
                """,
                EngineOptions.DEFAULT));
    assertThat(render(metric, "{}")).containsExactly("A 0.0", "B 0.0");
    assertThat(render(metric, "{\"status\": {\"phase\": \"B\"}}"))
        .containsExactly("A 0.0", "B 1.0");
  }

  @Test
  void metricBeyondTheSeriesLimitGivesNoSeriesAndAnError() throws Exception {
    String yaml =
        "- {name: items, help: h, type: gauge, field: {path: .items, type: Array},"
            + " labels: [{key: i, valuePath: '.items[*].n'}], metricValue: {value: 1}}";
    CompiledMetric limited = only(compile(yaml, new EngineOptions(3)));
    assertThat(render(limited, "{\"items\": [{\"n\":1},{\"n\":2},{\"n\":3}]}")).hasSize(3);
    assertThat(render(limited, "{\"items\": [{\"n\":1},{\"n\":2},{\"n\":3},{\"n\":4}]}"))
        .containsExactly("error series_limit");
  }

  @Test
  void missingValueGivesNoSeriesWithoutErrorWhileBadTextIsAnError() throws Exception {
    CompiledMetric metric =
        only(
            compile(
                "- {name: size, help: h, type: gauge, params: [{key: s, valuePath: .size}],"
                    + " metricValue: {valueFromExpression: 'bytes(s)'}}",
                EngineOptions.DEFAULT));
    assertThat(render(metric, "{}")).isEmpty();
    assertThat(render(metric, "{\"size\": \"1.5 KiB\"}")).containsExactly(" 1536.0");
    assertThat(render(metric, "{\"size\": \"lots\"}")).containsExactly("error unparseable_size");
    assertThat(render(metric, "{\"size\": {\"a\": 1}}")).containsExactly("error wrong_json_type");
  }

  @Test
  void everyEngineReasonIsAMappingErrorReason() {
    assertThat(io.github.kubestashmetrics.metrics.MappingError.REASONS)
        .containsAll(MappingError.REASONS);
  }
}
