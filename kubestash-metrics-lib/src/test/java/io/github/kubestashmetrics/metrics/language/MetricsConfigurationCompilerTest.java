package io.github.kubestashmetrics.metrics.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
    return MetricsConfigurationCompiler.compile(
        config("w", metricsYaml), ConfigurationOrigin.file("w.yaml", 0, -1, "v1"), options);
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
  void anUnknownFunctionIsAProblemWithItsCodeFullPathAndOrigin() throws Exception {
    CompiledConfigurations compiled =
        compile(
            """
            - {name: cpu, help: h, type: gauge, params: [{key: obj, valuePath: .}],
               metricValue: {valueFromExpression: 'no_such_function(obj)'}}
            - {name: info, help: h, type: gauge, metricValue: {value: 1}}
            """,
            EngineOptions.DEFAULT);
    assertThat(compiled.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ProblemCode.UNKNOWN_FUNCTION);
              assertThat(p.family()).isEqualTo("x_example_com_widget_cpu");
              assertThat(p.path()).isEqualTo("spec.metrics[0].metricValue.valueFromExpression");
              assertThat(p.origin()).isEqualTo(ConfigurationOrigin.file("w.yaml", 0, -1, "v1"));
              assertThat(p.reason()).contains("no_such_function");
            });
    assertThat(compiled.metricCount()).isEqualTo(1);
  }

  @Test
  void calculatorMetricGivesItsValueOrACountedErrorAndTheOthersStillWork() throws Exception {
    CompiledConfigurations compiled =
        compile(
            """
            - {name: replicas, help: h, type: gauge, params: [{key: obj, valuePath: .}],
               metricValue: {valueFromExpression: 'resource_replicas(obj)'}}
            - {name: cpu, help: h, type: gauge,
               params: [{key: obj, valuePath: .}, {key: resourceType, value: cpu}],
               metricValue: {valueFromExpression: 'total_resource_requests(obj, resourceType)'}}
            - {name: info, help: h, type: gauge, metricValue: {value: 1}}
            """,
            EngineOptions.DEFAULT);
    assertThat(compiled.problems()).isEmpty();
    List<CompiledMetric> metrics = compiled.configurations().get(0).metrics();
    JsonNode deployment =
        YAML.readTree(
            """
            apiVersion: apps/v1
            kind: Deployment
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: app
                    resources: {requests: {cpu: 250m}}
            """);
    MetricRows rows = new MetricRows();
    assertThat(metrics.get(0).render(deployment, rows)).isNull();
    assertThat(metrics.get(1).render(deployment, rows)).isNull();
    assertThat(rows.size()).isEqualTo(2);
    assertThat(rows.integer(0)).isEqualTo(3);
    assertThat(rows.decimal(1)).isEqualTo(0.75);
    // A kind no calculator is registered for: no series and its own reason, never an exception;
    // the object's other metrics stay.
    JsonNode widget = YAML.readTree("{apiVersion: x.example.com/v1, kind: Widget, spec: {}}");
    rows = new MetricRows();
    assertThat(metrics.get(0).render(widget, rows)).isEqualTo(MappingError.NO_CALCULATOR);
    assertThat(metrics.get(1).render(widget, rows)).isEqualTo(MappingError.NO_CALCULATOR);
    assertThat(metrics.get(2).render(widget, rows)).isNull();
    assertThat(rows.size()).isEqualTo(1);
    // A malformed quantity: the calculator's error, not a wrong number.
    JsonNode malformed = YAML.readTree(deployment.toString().replace("\"250m\"", "\"a lot\""));
    rows = new MetricRows();
    assertThat(metrics.get(1).render(malformed, rows)).isEqualTo(MappingError.CALCULATOR_ERROR);
    assertThat(rows.size()).isZero();
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
        .extracting(ConfigurationProblem::code, ConfigurationProblem::path)
        .containsExactly(
            tuple(ProblemCode.PATH_SYNTAX, "spec.metrics[0].labels[0].valuePath"),
            tuple(ProblemCode.UNKNOWN_PARAMETER, "spec.metrics[1].metricValue.valueFromExpression"),
            tuple(ProblemCode.UNSUPPORTED_METRIC_TYPE, "spec.metrics[2].type"),
            tuple(ProblemCode.ARRAY_PATH, "spec.metrics[3].labels[0].valuePath"),
            tuple(ProblemCode.INVALID_FIELD_TYPE, "spec.metrics[4].field.type"));
    assertThat(compiled.problems())
        .extracting(ConfigurationProblem::family)
        .containsExactly(
            "x_example_com_widget_a",
            "x_example_com_widget_b",
            "x_example_com_widget_c",
            "x_example_com_widget_d",
            "x_example_com_widget_e");
  }

  @Test
  void everyProblemOfAMetricAndEveryBadCommonLabelIsReportedNotOnlyTheFirst() throws Exception {
    CompiledConfigurations metric =
        compile(
            "- {name: m, type: counter, labels: [{key: '1x', value: a}, {key: ok, valuePath: x}],"
                + " metricValue: {value: 1}}",
            EngineOptions.DEFAULT);
    assertThat(metric.problems())
        .extracting(ConfigurationProblem::code, ConfigurationProblem::path)
        .containsExactly(
            tuple(ProblemCode.MISSING_FIELD, "spec.metrics[0].help"),
            tuple(ProblemCode.UNSUPPORTED_METRIC_TYPE, "spec.metrics[0].type"),
            tuple(ProblemCode.INVALID_NAME, "spec.metrics[0].labels[0].key"),
            tuple(ProblemCode.PATH_SYNTAX, "spec.metrics[0].labels[1].valuePath"));
    MetricsConfiguration configuration =
        YAML.readValue(
            """
            metadata: {name: c}
            spec:
              targetRef: {apiVersion: x.example.com/v1, kind: Widget}
              commonLabels: [{key: '__x', value: a}, {key: ok, valuePath: '.a[*].b'}]
              metrics: [{name: m, help: h, type: gauge, metricValue: {value: 1}}]
            """,
            MetricsConfiguration.class);
    CompiledConfigurations common =
        MetricsConfigurationCompiler.compile(
            configuration, ConfigurationOrigin.cluster("c", "7"), EngineOptions.DEFAULT);
    assertThat(common.configurations()).isEmpty();
    assertThat(common.problems())
        .extracting(ConfigurationProblem::code, ConfigurationProblem::path)
        .containsExactly(
            tuple(ProblemCode.INVALID_NAME, "spec.commonLabels[0].key"),
            tuple(ProblemCode.ARRAY_PATH, "spec.commonLabels[1].valuePath"));
  }

  @Test
  void aFamilyDeclaredTwiceInOneConfigurationIsKeptTheFirstTime() throws Exception {
    CompiledConfigurations compiled =
        compile(
            """
            - {name: info, help: first, type: gauge, metricValue: {value: 1}}
            - {name: info, help: second, type: gauge, metricValue: {value: 2}}
            """,
            EngineOptions.DEFAULT);
    assertThat(compiled.metricCount()).isEqualTo(1);
    assertThat(compiled.configurations().get(0).metrics().get(0).help()).isEqualTo("first");
    assertThat(compiled.problems())
        .extracting(ConfigurationProblem::code, ConfigurationProblem::path)
        .containsExactly(tuple(ProblemCode.DUPLICATE_FAMILY, "spec.metrics[1].name"));
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

  /**
   * Every mapping error reason, each from the engine case that gives it: the table covers {@link
   * MappingError#REASONS} exactly, so a reason the engine can no longer give, or a new reason
   * without its case here, fails.
   */
  @Test
  void everyMappingErrorReasonComesFromItsEngineCase() throws Exception {
    String[][] cases = {
      {"valueFromPath: .v", "{\"v\": {\"a\": 1}}", MappingError.WRONG_JSON_TYPE},
      {"valueFromExpression: 'bytes(v)'", "{\"v\": \"lots\"}", MappingError.UNPARSEABLE_SIZE},
      {
        "valueFromExpression: 'toSecond(v)'", "{\"v\": \"soon\"}", MappingError.UNPARSEABLE_DURATION
      },
      {
        "valueFromExpression: 'unix(v)'",
        "{\"v\": \"yesterday\"}",
        MappingError.UNPARSEABLE_TIMESTAMP
      },
      {
        "valueFromExpression: 'cpu_cores(v)'",
        "{\"v\": \"many\"}",
        MappingError.UNEVALUABLE_EXPRESSION
      },
      {
        "valueFromExpression: 'resource_replicas(v)'",
        "{\"v\": {\"apiVersion\": \"x.example.com/v1\", \"kind\": \"Widget\"}}",
        MappingError.NO_CALCULATOR
      },
      {
        "valueFromExpression: 'resource_replicas(v)'",
        "{\"v\": {\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\","
            + " \"spec\": {\"replicas\": \"three\"}}}",
        MappingError.CALCULATOR_ERROR
      },
      {
        "valueFromExpression: 'resource_replicas(v)'",
        "{\"v\": {\"apiVersion\": \"ops.kubedb.com/v1alpha1\", \"kind\": \"MongoDBOpsRequest\","
            + " \"metadata\": {\"name\": \"scale\", \"namespace\": \"db\"},"
            + " \"spec\": {\"type\": \"HorizontalScaling\", \"databaseRef\": {\"name\": \"mg\"}}}}",
        MappingError.REFERENCED_OBJECT_UNAVAILABLE
      },
    };
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (String[] row : cases) {
      CompiledMetric metric =
          only(
              compile(
                  "- {name: m, help: h, type: gauge, params: [{key: v, valuePath: .v}],"
                      + " metricValue: {"
                      + row[0]
                      + "}}",
                  EngineOptions.DEFAULT));
      assertThat(render(metric, row[1])).as(row[0]).containsExactly("error " + row[2]);
      seen.add(row[2]);
    }
    String limited =
        "- {name: items, help: h, type: gauge, field: {path: .items, type: Array},"
            + " labels: [{key: i, valuePath: '.items[*].n'}], metricValue: {value: 1}}";
    assertThat(
            render(
                only(compile(limited, new EngineOptions(1))), "{\"items\": [{\"n\":1},{\"n\":2}]}"))
        .containsExactly("error " + MappingError.SERIES_LIMIT);
    seen.add(MappingError.SERIES_LIMIT);
    assertThat(seen).isEqualTo(new java.util.TreeSet<>(MappingError.REASONS));
  }
}
