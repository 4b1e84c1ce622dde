package io.github.kubestashmetrics.metrics.internal.calculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code expectations-extra.json}: upstream's {@code eval_test.go} value, the 20 merge checks of
 * {@code scale_test.go} (paths of the scaled object an OpsRequest builds) and, as a secondary
 * check, the model-derived results of the six functions on those OpsRequests. Also what happens
 * when the referenced database is not embedded: found through the lookup, or a failure.
 */
class OpsRequestExpectationsTest {

  private static final ResourceCalculators CALCULATORS = ResourceCalculators.standalone();

  static Stream<Arguments> scaleChecks() {
    return entries("ops_scale_test");
  }

  static Stream<Arguments> derivedResults() {
    return entries("derived_ops_dispatch");
  }

  private static Stream<Arguments> entries(String section) {
    Optional<Path> dir = CalculatorReference.directory();
    if (dir.isEmpty()) {
      return Stream.of(Arguments.of(Named.of("reference data absent", null)));
    }
    JsonNode extra = CalculatorReference.json(dir.get().resolve("expectations-extra.json"));
    JsonNode list = extra.get(section);
    if (list.has("entries")) {
      list = list.get("entries");
    }
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode entry : list) {
      String file = entry.get("file").asText();
      JsonNode object = CalculatorReference.yaml(dir.get().resolve(file));
      cases.add(Arguments.of(Named.of(file, new UpstreamExpectationsTest.Case(entry, object))));
    }
    return cases.stream();
  }

  @Test
  void evalTestValueThroughDispatch() {
    Optional<Path> dir = CalculatorReference.directory();
    assumeTrue(dir.isPresent(), "reference data absent");
    JsonNode eval =
        CalculatorReference.json(dir.get().resolve("expectations-extra.json"))
            .get("eval_test")
            .get(0);
    JsonNode object = CalculatorReference.yaml(dir.get().resolve(eval.get("file").asText()));
    assertThat(CALCULATORS.totalLimits(object, "memory"))
        .isEqualTo(new CalculatorResult.Value(eval.get("want").doubleValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scaleChecks")
  void scaledObjectHasTheOpsRequestsValues(UpstreamExpectationsTest.Case c) {
    assumeTrue(c != null, "reference data absent");
    JsonNode before = c.object().deepCopy();
    OpsRequestCalculator.Scaled scaled = new OpsRequestCalculator(null).scale(c.object());
    JsonNode reference = c.entry().get("referenced_object");
    assertThat(scaled.object().get("kind").asText()).isEqualTo(reference.get("kind").asText());
    for (Map.Entry<String, JsonNode> want :
        c.entry().get("want_paths_in_scaled_object").properties()) {
      JsonNode actual = ObjectFields.find(scaled.object(), ObjectFields.path(want.getKey()));
      assertSameValue(want.getKey(), want.getValue(), actual);
    }
    assertThat(c.object()).as("the OpsRequest itself is not modified").isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("derivedResults")
  void derivedResultsOfTheSixFunctions(UpstreamExpectationsTest.Case c) {
    assumeTrue(c != null, "reference data absent");
    JsonNode want = c.entry();
    JsonNode ops = c.object();
    assertThat(CALCULATORS.replicas(ops))
        .isEqualTo(new CalculatorResult.Value(want.get("replicas").longValue()));
    assertThat(CALCULATORS.mode(ops))
        .isEqualTo(new CalculatorResult.Value(want.get("mode").textValue()));
    for (String resource : List.of("cpu", "memory", "storage")) {
      assertThat(CALCULATORS.totalLimits(ops, resource))
          .as("total.limits." + resource)
          .isEqualTo(value(want, "total", "limits", resource));
      assertThat(CALCULATORS.totalRequests(ops, resource))
          .as("total.requests." + resource)
          .isEqualTo(value(want, "total", "requests", resource));
      assertThat(CALCULATORS.appLimits(ops, resource))
          .as("app.limits." + resource)
          .isEqualTo(value(want, "app", "limits", resource));
      assertThat(CALCULATORS.appRequests(ops, resource))
          .as("app.requests." + resource)
          .isEqualTo(value(want, "app", "requests", resource));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scaleChecks")
  void referenceByNameResolvesThroughTheLookupAndFailsStandalone(UpstreamExpectationsTest.Case c) {
    assumeTrue(c != null, "reference data absent");
    String refPath = c.entry().get("referenced_object").get("path").asText();
    String refKey = refPath.substring("spec.".length());
    JsonNode embedded = c.object().get("spec").get(refKey);
    ObjectNode byName = c.object().deepCopy();
    ((ObjectNode) byName.get("spec")).putObject(refKey).put("name", "db");
    ((ObjectNode) byName.get("metadata")).put("namespace", "demo");

    CalculatorResult standalone = CALCULATORS.mode(byName);
    assertThat(standalone).isInstanceOf(CalculatorResult.Failure.class);
    assertThat(((CalculatorResult.Failure) standalone).error())
        .isEqualTo(CalculatorError.REFERENCED_OBJECT_UNAVAILABLE);

    List<String> asked = new ArrayList<>();
    ResourceCalculators withLookup =
        ResourceCalculators.withReferencedObjects(
            (apiVersion, kind, namespace, name) -> {
              asked.add(apiVersion + " " + kind + " " + namespace + "/" + name);
              return Optional.of(embedded);
            });
    for (String resource : List.of("cpu", "memory", "storage")) {
      assertThat(withLookup.totalLimits(byName, resource))
          .isEqualTo(CALCULATORS.totalLimits(c.object(), resource));
      assertThat(withLookup.appRequests(byName, resource))
          .isEqualTo(CALCULATORS.appRequests(c.object(), resource));
    }
    assertThat(withLookup.replicas(byName)).isEqualTo(CALCULATORS.replicas(c.object()));
    String kind = c.entry().get("kind").asText().replace("OpsRequest", "");
    String version = ResourceCalculators.registered("kubedb.com/v1", kind) ? "v1" : "v1alpha2";
    assertThat(asked)
        .isNotEmpty()
        .allMatch(a -> a.equals("kubedb.com/" + version + " " + kind + " demo/db"));

    ResourceCalculators missing =
        ResourceCalculators.withReferencedObjects((a, k, n, name) -> Optional.empty());
    CalculatorResult failure = missing.replicas(byName);
    assertThat(failure).isInstanceOf(CalculatorResult.Failure.class);
    assertThat(((CalculatorResult.Failure) failure).error())
        .isEqualTo(CalculatorError.REFERENCED_OBJECT_UNAVAILABLE);
    assertThat(embedded)
        .as("the looked-up object is not modified")
        .isEqualTo(c.object().get("spec").get(refKey));
  }

  private static CalculatorResult value(JsonNode want, String sum, String view, String resource) {
    return new CalculatorResult.Value(want.get(sum).get(view).get(resource).doubleValue());
  }

  /** Integers equal; {@code {quantity, …}} leaves equal as quantities; objects field by field. */
  private static void assertSameValue(String path, JsonNode want, JsonNode actual) {
    assertThat(actual).as(path).isNotNull();
    if (want.isObject() && want.has("quantity")) {
      BigDecimal expected = Quantity.parse(want.get("quantity").asText());
      assertThat(Quantity.of(actual, path)).as(path).isEqualByComparingTo(expected);
    } else if (want.isObject()) {
      for (Map.Entry<String, JsonNode> field : want.properties()) {
        assertSameValue(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()));
      }
    } else {
      assertThat(actual.isIntegralNumber()).as(path + " is an integer").isTrue();
      assertThat(actual.longValue()).as(path).isEqualTo(want.longValue());
    }
  }
}
