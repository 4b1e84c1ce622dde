package io.github.kubestashmetrics.metrics.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * All 50 upstream MetricsConfigurations (KubeStash's six, 44 of KubeDB, KubeVault, Sidekick and
 * Stash) compile with every one of their 275 metrics accepted, the 96 that call KubeDB's resource
 * calculator functions (97 calls: HanaDB's mode metric calls one in each of its two states)
 * included; and each of the 104 test objects of kmodules/resource-metrics, rendered through every
 * configuration that targets its group and kind, gives the values its upstream test asserts ({@code
 * resource-calculators/expectations.json}), or the documented error where the upstream registry
 * does not dispatch its apiVersion. Skipped without {@code ../shared}.
 */
public class UpstreamConfigurationsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every upstream configuration file, or a skipped test when the reference data is absent. */
  public static List<Path> upstreamFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String sub : List.of("metricsconfigurations", "metricsconfigurations-ecosystem")) {
      Path dir = reference().resolve(sub);
      assumeTrue(Files.isDirectory(dir), dir + " is absent");
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  private static Path reference() {
    String shared = System.getProperty("kubestash.shared.dir");
    assumeTrue(shared != null, "kubestash.shared.dir is not set");
    Path reference = Path.of(shared, "reference");
    assumeTrue(Files.isDirectory(reference), reference + " is absent");
    return reference;
  }

  public static MetricsConfiguration read(Path file) throws IOException {
    return YAML.readValue(file.toFile(), MetricsConfiguration.class);
  }

  @Test
  void everyMetricOfTheFiftyReferenceConfigurationsIsAccepted() throws IOException {
    List<Path> files = upstreamFiles();
    assertThat(files).hasSize(50);
    int declared = 0;
    int callingCalculators = 0;
    int calls = 0;
    List<MetricsConfiguration> configurations = new ArrayList<>();
    for (Path file : files) {
      for (JsonNode metric : YAML.readTree(file.toFile()).at("/spec/metrics")) {
        declared++;
        int before = calls;
        for (String expression : expressions(metric)) {
          calls += CALCULATOR_CALL.matcher(expression).find() ? 1 : 0;
        }
        callingCalculators += calls > before ? 1 : 0;
      }
      configurations.add(read(file));
    }
    List<CompiledConfiguration> accepted = new ArrayList<>();
    List<ConfigurationProblem> problems = new ArrayList<>();
    for (MetricsConfiguration configuration : configurations) {
      CompiledConfigurations one =
          MetricsConfigurationCompiler.compile(
              SourcedConfiguration.ofCluster(configuration), EngineOptions.DEFAULT);
      accepted.addAll(one.configurations());
      problems.addAll(one.problems());
    }

    assertThat(problems).isEmpty();
    assertThat(accepted).hasSize(50);
    assertThat(declared).isEqualTo(275);
    assertThat(accepted.stream().mapToInt(c -> c.metrics().size()).sum()).isEqualTo(275);
    assertThat(callingCalculators).isEqualTo(96);
    assertThat(calls).isEqualTo(97);
  }

  private static final Pattern CALCULATOR_CALL =
      Pattern.compile(
          "\\b(resource_replicas|resource_mode|resource_uses_tls|(total|app)_resource_"
              + "(requests|limits))\\s*\\(");

  private static final Pattern AMOUNT =
      Pattern.compile("(total|app)_resource_(requests|limits)\\(obj, resourceType\\)");

  private static final Pattern MODE =
      Pattern.compile("int\\(resource_mode\\(obj\\) == '([A-Za-z]+)'\\)");

  @Test
  void calculatorTestObjectsRenderTheirExpectedValuesThroughEveryConfigurationOfTheirKind()
      throws IOException {
    Path calculators = reference().resolve("resource-calculators");
    assumeTrue(Files.isDirectory(calculators), calculators + " is absent");
    Map<String, JsonNode> expectations = new HashMap<>();
    for (JsonNode entry : JSON.readTree(calculators.resolve("expectations.json").toFile())) {
      expectations.put(entry.path("file").asText(), entry);
    }
    List<Path> objects;
    try (Stream<Path> walk = Files.walk(calculators.resolve("testdata"))) {
      objects = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(objects).hasSize(104);

    // Each configuration by group and kind, compiled alone, with its raw metrics.
    Map<String, List<JsonNode>> rawByTarget = new HashMap<>();
    Map<JsonNode, CompiledConfiguration> compiledByRaw = new HashMap<>();
    for (Path file : upstreamFiles()) {
      JsonNode raw = YAML.readTree(file.toFile());
      String target =
          groupOf(raw.at("/spec/targetRef/apiVersion").asText())
              + "/"
              + raw.at("/spec/targetRef/kind").asText();
      rawByTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(raw);
      CompiledConfigurations compiled =
          MetricsConfigurationCompiler.compile(
              SourcedConfiguration.ofCluster(read(file)), EngineOptions.DEFAULT);
      assertThat(compiled.problems()).isEmpty();
      compiledByRaw.put(raw, compiled.configurations().get(0));
    }

    int compared = 0;
    int dispatchErrors = 0;
    int objectsRendered = 0;
    for (Path path : objects) {
      String file = calculators.relativize(path).toString().replace('\\', '/');
      JsonNode object = YAML.readTree(path.toFile());
      String target =
          groupOf(object.path("apiVersion").asText()) + "/" + object.path("kind").asText();
      JsonNode expected = expectations.get(file);
      List<JsonNode> configurations = rawByTarget.getOrDefault(target, List.of());
      if (!configurations.isEmpty()) {
        objectsRendered++;
      }
      for (JsonNode raw : configurations) {
        CompiledConfiguration compiled = compiledByRaw.get(raw);
        for (JsonNode metric : raw.at("/spec/metrics")) {
          List<String> expressions = expressions(metric);
          if (expressions.stream().noneMatch(e -> CALCULATOR_CALL.matcher(e).find())) {
            continue;
          }
          CompiledMetric rendered = metricNamed(compiled, metric.path("name").asText());
          MetricRows rows = new MetricRows();
          String reason = rendered.render(object, rows);
          String where =
              file + " through " + raw.at("/metadata/name").asText() + " " + rendered.name();
          if (expected == null) {
            // No upstream assertion (OpsRequests, extra objects): a value or a counted error.
            assertThat(reason)
                .as(where)
                .isIn(
                    null,
                    MappingError.NO_CALCULATOR,
                    MappingError.CALCULATOR_ERROR,
                    MappingError.REFERENCED_OBJECT_UNAVAILABLE);
            continue;
          }
          if (!expected.path("dispatch").asText().equals("ok")) {
            assertThat(reason).as(where).isEqualTo(MappingError.NO_CALCULATOR);
            assertThat(rows.size()).as(where).isZero();
            dispatchErrors++;
            continue;
          }
          assertThat(reason).as(where).isNull();
          assertThat(rows.size()).as(where).isEqualTo(expressions.size());
          for (int i = 0; i < expressions.size(); i++) {
            Double want = expectedValue(expected, expressions.get(i), metric);
            if (want == null) {
              continue; // a field upstream's test does not assert
            }
            double got = rows.isInteger(i) ? rows.integer(i) : rows.decimal(i);
            assertThat(got).as(where + " = " + expressions.get(i)).isEqualTo(want);
            compared++;
          }
        }
      }
    }
    // 36 of the 104 objects are of a kind one of the 50 configurations targets.
    assertThat(List.of(objectsRendered, compared, dispatchErrors)).isEqualTo(List.of(36, 165, 6));
  }

  /**
   * Every case of {@code expectations.json} called as Panopticon calls it: the expression functions
   * on the object (so through dispatch on its own apiVersion and kind), each asserted field equal,
   * and a file whose apiVersion does not dispatch gives {@code no_calculator} for every function.
   */
  @Test
  void everyUpstreamCalculatorCaseGivesItsAssertedFieldsThroughTheExpressionFunctions()
      throws Exception {
    Path calculators = reference().resolve("resource-calculators");
    assumeTrue(Files.isDirectory(calculators), calculators + " is absent");
    List<String> names = List.of("obj", "type");
    int cases = 0;
    int compared = 0;
    for (JsonNode entry : JSON.readTree(calculators.resolve("expectations.json").toFile())) {
      cases++;
      String file = entry.path("file").asText();
      JsonNode object = YAML.readTree(calculators.resolve(file).toFile());
      Set<String> asserted = new java.util.HashSet<>();
      entry.path("asserted").forEach(a -> asserted.add(a.asText()));
      boolean dispatches = entry.path("dispatch").asText().equals("ok");
      Map<String, Object> calls = new java.util.LinkedHashMap<>();
      calls.put(
          "resource_replicas(obj)",
          asserted.contains("replicas") ? entry.path("replicas").asDouble() : null);
      calls.put(
          "resource_mode(obj)", asserted.contains("mode") ? entry.path("mode").asText() : null);
      for (String view : List.of("total", "app")) {
        for (String kind : List.of("requests", "limits")) {
          for (String resource : List.of("cpu", "memory", "storage")) {
            JsonNode want = entry.path(view).path(kind).path(resource);
            calls.put(
                view + "_resource_" + kind + "(obj, '" + resource + "')",
                asserted.contains(view + "." + kind) && want.isNumber() ? want.asDouble() : null);
          }
        }
      }
      for (Map.Entry<String, Object> call : calls.entrySet()) {
        Expression expression =
            ExpressionParser.parse(call.getKey(), names).expression().orElseThrow();
        String where = file + ": " + call.getKey();
        if (!dispatches) {
          try {
            expression.evaluate(new Object[] {object, null});
            throw new AssertionError(where + " must not dispatch");
          } catch (EvaluationException e) {
            assertThat(e.reason()).as(where).isEqualTo(MappingError.NO_CALCULATOR);
          }
          continue;
        }
        Object got = expression.evaluate(new Object[] {object, null});
        if (call.getValue() == null) {
          continue;
        }
        if (call.getValue() instanceof String mode) {
          assertThat(got).as(where).isEqualTo(mode);
        } else {
          assertThat(((Number) got).doubleValue()).as(where).isEqualTo(call.getValue());
        }
        compared++;
      }
    }
    assertThat(cases).isEqualTo(84);
    assertThat(compared).isGreaterThan(700);
  }

  /**
   * The value upstream's test asserts for this metric's expression, or null when it asserts none.
   */
  private static Double expectedValue(JsonNode expected, String expression, JsonNode metric) {
    Set<String> asserted = new java.util.HashSet<>();
    expected.path("asserted").forEach(a -> asserted.add(a.asText()));
    if (expression.equals("resource_replicas(obj)")) {
      return asserted.contains("replicas") ? expected.path("replicas").asDouble() : null;
    }
    Matcher mode = MODE.matcher(expression);
    if (mode.matches()) {
      if (!asserted.contains("mode")) {
        return null;
      }
      return expected.path("mode").asText().equals(mode.group(1)) ? 1.0 : 0.0;
    }
    Matcher amount = AMOUNT.matcher(expression);
    assertThat(amount.matches()).as("a calculator call of a known shape: " + expression).isTrue();
    String view = amount.group(1) + "." + amount.group(2);
    if (!asserted.contains(view)) {
      return null;
    }
    String resource = null;
    for (JsonNode param : metric.path("params")) {
      if (param.path("key").asText().equals("resourceType")) {
        resource = param.path("value").asText();
      }
    }
    JsonNode value = expected.path(amount.group(1)).path(amount.group(2)).path(resource);
    assertThat(value.isNumber())
        .as(view + "." + resource + " in " + expected.path("file"))
        .isTrue();
    return value.asDouble();
  }

  /** The metric's value expressions: its metricValue's, or each state's in order. */
  private static List<String> expressions(JsonNode metric) {
    List<String> expressions = new ArrayList<>();
    if (metric.has("states")) {
      for (JsonNode state : metric.at("/states/values")) {
        expressions.add(state.at("/metricValue/valueFromExpression").asText(""));
      }
    } else {
      expressions.add(metric.at("/metricValue/valueFromExpression").asText(""));
    }
    return expressions;
  }

  private static CompiledMetric metricNamed(CompiledConfiguration compiled, String name) {
    String family = CompiledConfiguration.prefixOf(compiled.apiVersion(), compiled.kind()) + name;
    for (CompiledMetric metric : compiled.metrics()) {
      if (metric.name().equals(family)) {
        return metric;
      }
    }
    throw new AssertionError("no compiled metric " + name + " in " + compiled.name());
  }

  private static String groupOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
