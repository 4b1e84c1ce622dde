package io.github.kubestashmetrics.metrics.internal.calculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 84 cases of upstream's calculator tests ({@code expectations.json}): the fields each upstream
 * test really asserts, computed through dispatch on the object's own apiVersion/kind (as an
 * expression calls them) and directly with the calculator the upstream test builds. Skipped when
 * the reference data beside the project is absent.
 */
class UpstreamExpectationsTest {

  private static final ResourceCalculators CALCULATORS = ResourceCalculators.standalone();
  private static final List<String> RESOURCES = List.of("cpu", "memory", "storage");

  /** One case per entry, named by its file; a single skipping case when the data is absent. */
  static Stream<Arguments> cases() {
    Optional<Path> dir = CalculatorReference.directory();
    if (dir.isEmpty()) {
      return Stream.of(Arguments.of(Named.of("reference data absent", null)));
    }
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode entry : CalculatorReference.json(dir.get().resolve("expectations.json"))) {
      String file = entry.get("file").asText();
      JsonNode object = CalculatorReference.yaml(dir.get().resolve(file));
      cases.add(Arguments.of(Named.of(file, new Case(entry, object))));
    }
    return cases.stream();
  }

  /** An expectation entry and its object. */
  record Case(JsonNode entry, JsonNode object) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void assertedFieldsEqualThroughDispatch(Case c) {
    assumeTrue(c != null, "reference data absent");
    String dispatch = c.entry().get("dispatch").asText();
    if (!dispatch.equals("ok")) {
      String message = dispatch.substring("error: ".length());
      List<CalculatorResult> results =
          List.of(
              CALCULATORS.replicas(c.object()),
              CALCULATORS.mode(c.object()),
              CALCULATORS.usesTls(c.object()),
              CALCULATORS.totalLimits(c.object(), "cpu"),
              CALCULATORS.totalRequests(c.object(), "memory"),
              CALCULATORS.appLimits(c.object(), "storage"),
              CALCULATORS.appRequests(c.object(), "cpu"));
      assertThat(results)
          .as("every function on an object whose apiVersion does not dispatch")
          .allSatisfy(
              r ->
                  assertThat(r)
                      .isEqualTo(
                          new CalculatorResult.Failure(CalculatorError.NO_CALCULATOR, message)));
      return;
    }
    for (String field : asserted(c)) {
      switch (field) {
        case "replicas":
          assertThat(CALCULATORS.replicas(c.object()))
              .as(field)
              .isEqualTo(new CalculatorResult.Value(c.entry().get("replicas").longValue()));
          break;
        case "mode":
          assertThat(CALCULATORS.mode(c.object()))
              .as(field)
              .isEqualTo(new CalculatorResult.Value(c.entry().get("mode").textValue()));
          break;
        default:
          for (String resource : RESOURCES) {
            assertThat(throughDispatch(field, c.object(), resource))
                .as(field + "." + resource)
                .isEqualTo(new CalculatorResult.Value(expected(c, field, resource)));
          }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void assertedFieldsEqualWithTheTestsOwnCalculator(Case c) {
    assumeTrue(c != null, "reference data absent");
    JsonNode which = c.entry().get("test_calculator");
    String[] groupVersion = which.get("apiVersion").asText().split("/");
    Calculator calculator =
        groupVersion.length == 1
            ? CALCULATORS.calculatorFor("", groupVersion[0], which.get("kind").asText())
            : CALCULATORS.calculatorFor(
                groupVersion[0], groupVersion[1], which.get("kind").asText());
    assertThat(calculator).as("calculator of " + which).isNotNull();
    for (String field : asserted(c)) {
      switch (field) {
        case "replicas":
          assertThat(calculator.replicas(c.object()))
              .as(field)
              .isEqualTo(c.entry().get("replicas").longValue());
          break;
        case "mode":
          assertThat(calculator.mode(c.object()))
              .as(field)
              .isEqualTo(c.entry().get("mode").textValue());
          break;
        default:
          View view = field.endsWith("limits") ? View.LIMITS : View.REQUESTS;
          ResourceList milli =
              field.startsWith("total")
                  ? calculator.totalMilli(c.object(), view)
                  : calculator.appMilli(c.object(), view);
          for (String resource : RESOURCES) {
            assertThat(ResourceCalculators.asDouble(resource, milli.amount(resource)))
                .as(field + "." + resource)
                .isEqualTo(expected(c, field, resource));
          }
      }
    }
  }

  private static List<String> asserted(Case c) {
    List<String> fields = new ArrayList<>();
    c.entry().get("asserted").forEach(f -> fields.add(f.asText()));
    assertThat(fields).as("asserted fields").isNotEmpty();
    return fields;
  }

  /** The wanted value of e.g. {@code total.limits}, {@code cpu}, as a double. */
  private static Double expected(Case c, String field, String resource) {
    String[] parts = field.split("\\.");
    JsonNode value = c.entry().get(parts[0]).get(parts[1]).get(resource);
    return value == null ? 0.0 : value.doubleValue();
  }

  private static CalculatorResult throughDispatch(String field, JsonNode object, String resource) {
    switch (field) {
      case "total.limits":
        return CALCULATORS.totalLimits(object, resource);
      case "total.requests":
        return CALCULATORS.totalRequests(object, resource);
      case "app.limits":
        return CALCULATORS.appLimits(object, resource);
      case "app.requests":
        return CALCULATORS.appRequests(object, resource);
      default:
        throw new IllegalArgumentException(field);
    }
  }
}
