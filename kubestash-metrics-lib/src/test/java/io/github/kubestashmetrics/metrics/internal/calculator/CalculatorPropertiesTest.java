package io.github.kubestashmetrics.metrics.internal.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.metrics.internal.calculator.CalculatorObjectGenerator.Options;
import io.github.kubestashmetrics.metrics.internal.calculator.KindShape.Topology;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of the specification over seeded generated objects of every registered kind (20 seeds
 * × 97 kinds per property; replay one with {@code -Dkubestash.replay=<seed>}).
 */
class CalculatorPropertiesTest {

  private static final ResourceCalculators CALCULATORS = ResourceCalculators.standalone();
  private static final List<String> RESOURCES = List.of("cpu", "memory", "storage");
  private static final int SEEDS = 20;

  /** Every registered kind × 20 seeds. */
  static Stream<Arguments> kindsAndSeeds() {
    List<Long> seeds = KubeStashGenerators.seeds("resourceCalculators", SEEDS).toList();
    List<Arguments> cases = new ArrayList<>();
    for (String gvk : CalculatorRegistryTest.specified()) {
      for (long seed : seeds) {
        cases.add(Arguments.of(gvk, seed));
      }
    }
    return cases.stream();
  }

  private static ObjectNode generate(String gvk, long seed, Options options) {
    return new CalculatorObjectGenerator(seed, options).object(gvk);
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void everyFunctionGivesAValueOfItsType(String gvk, long seed) {
    ObjectNode object = generate(gvk, seed, Options.DRAWN);
    assertThat(value(CALCULATORS.replicas(object), object)).isInstanceOf(Long.class);
    assertThat((Long) value(CALCULATORS.replicas(object), object)).isNotNegative();
    assertThat(value(CALCULATORS.mode(object), object)).isInstanceOf(String.class);
    assertThat(value(CALCULATORS.usesTls(object), object)).isInstanceOf(Boolean.class);
    for (String resource : RESOURCES) {
      for (CalculatorResult result : allResourceFunctions(object, resource)) {
        assertThat((Double) value(result, object)).isNotNegative().isFinite();
      }
    }
    for (String other : List.of("nvidia.com/gpu", "ephemeral-storage", "CPU")) {
      for (CalculatorResult result : allResourceFunctions(object, other)) {
        assertThat(result).as(other).isEqualTo(new CalculatorResult.Value(0.0));
      }
    }
    assertThat(CALCULATORS.totalLimits(object, 1))
        .isInstanceOf(CalculatorResult.Failure.class)
        .extracting(r -> ((CalculatorResult.Failure) r).error())
        .isEqualTo(CalculatorError.BAD_RESOURCE_TYPE);
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void totalIsAtLeastApp(String gvk, long seed) {
    ObjectNode object = generate(gvk, seed, Options.DRAWN);
    Calculator calculator = CALCULATORS.calculatorFor(object);
    for (View view : View.values()) {
      ResourceList total = calculator.totalMilli(object, view);
      ResourceList app = calculator.appMilli(object, view);
      for (String resource : RESOURCES) {
        assertThat(total.amount(resource))
            .as("%s %s of %s", view, resource, object)
            .isGreaterThanOrEqualTo(app.amount(resource));
      }
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void totalEqualsAppWithoutExporterSidecarsOrInitContainers(String gvk, long seed) {
    ObjectNode object = generate(gvk, seed, Options.DRAWN.bare());
    Calculator calculator = CALCULATORS.calculatorFor(object);
    boolean documentDbTwice =
        gvk.endsWith(" DocumentDB")
            && calculator.roles(object, View.LIMITS).containsKey(Role.SIDECAR);
    for (View view : View.values()) {
      ResourceList total = calculator.totalMilli(object, view);
      ResourceList app = calculator.appMilli(object, view);
      for (String resource : RESOURCES) {
        BigDecimal expected = app.amount(resource);
        if (documentDbTwice && !resource.equals("storage")) {
          // DocumentDB's "sidecar" is its own container again (quirk 3); its storage is not.
          expected =
              expected.add(
                  calculator.roles(object, view).get(Role.SIDECAR).milliTotal().amount(resource));
        }
        assertThat(total.amount(resource))
            .as("%s %s of %s", view, resource, object)
            .isEqualByComparingTo(expected);
      }
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void scalingReplicasScalesTheSums(String gvk, long seed) {
    ObjectNode base = generate(gvk, seed, Options.DRAWN.scaledBy(1));
    ObjectNode tripled = generate(gvk, seed, Options.DRAWN.scaledBy(3));
    Topology topology = KindShapes.BY_GVK.get(gvk).topology();
    boolean fixedPods =
        topology == Topology.WORKLOAD_FIXED
            || topology == Topology.CRONJOB
            || topology == Topology.POD;
    long factor = fixedPods ? 1 : 3;
    Calculator calculator = CALCULATORS.calculatorFor(base);
    assertThat(calculator.replicas(tripled)).isEqualTo(factor * calculator.replicas(base));
    BigDecimal n = BigDecimal.valueOf(factor);
    for (View view : View.values()) {
      for (String resource : RESOURCES) {
        assertThat(calculator.appMilli(tripled, view).amount(resource))
            .as("app %s %s", view, resource)
            .isEqualByComparingTo(calculator.appMilli(base, view).amount(resource).multiply(n));
        if (!gvk.endsWith(" Oracle")) { // the Oracle observer is one pod whatever the replicas
          assertThat(calculator.totalMilli(tripled, view).amount(resource))
              .as("total %s %s", view, resource)
              .isEqualByComparingTo(calculator.totalMilli(base, view).amount(resource).multiply(n));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void theSpellingOfAQuantityDoesNotChangeAnyResult(String gvk, long seed) {
    ObjectNode spelled = generate(gvk, seed, Options.DRAWN);
    ObjectNode plain = generate(gvk, seed, Options.DRAWN.canonicalQuantities());
    for (String resource : RESOURCES) {
      assertThat(allResourceFunctions(spelled, resource))
          .as(resource)
          .isEqualTo(allResourceFunctions(plain, resource));
    }
    assertThat(CALCULATORS.replicas(spelled)).isEqualTo(CALCULATORS.replicas(plain));
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void aMalformedQuantityGivesAnErrorNeverANumber(String gvk, long seed) {
    ObjectNode object = generate(gvk, seed, Options.DRAWN);
    ObjectNode broken = object.deepCopy();
    breakEveryResources(broken);
    for (String resource : RESOURCES) {
      List<CalculatorResult> before = allResourceFunctions(object, resource);
      List<CalculatorResult> after = allResourceFunctions(broken, resource);
      for (int i = 0; i < before.size(); i++) {
        CalculatorResult result = after.get(i);
        if (result instanceof CalculatorResult.Failure failure) {
          assertThat(failure.error()).isEqualTo(CalculatorError.MALFORMED_OBJECT);
        } else {
          // Nothing the kind reads was broken: only an object that reads no quantity at all.
          assertThat(result).isEqualTo(new CalculatorResult.Value(0.0));
          assertThat(before.get(i)).isEqualTo(new CalculatorResult.Value(0.0));
        }
      }
    }
    assertThat(CALCULATORS.replicas(broken)).isEqualTo(CALCULATORS.replicas(object));
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void aStringReplicaCountIsAnErrorNotANumber(String gvk, long seed) {
    ObjectNode object = generate(gvk, seed, Options.DRAWN.scaledBy(1));
    JsonNode spec = object.get("spec");
    Topology topology = KindShapes.BY_GVK.get(gvk).topology();
    if (topology == Topology.OPS) {
      spec =
          spec.has("proxyRef")
              ? spec.get("proxyRef").get("spec")
              : spec.get("databaseRef").get("spec");
    }
    long replicas = spec.get("replicas") == null ? 1 : spec.get("replicas").longValue();
    ((ObjectNode) spec).put("replicas", String.valueOf(replicas));
    CalculatorResult result = CALCULATORS.replicas(object);
    if (topology == Topology.SINGLE || topology == Topology.WORKLOAD) {
      assertThat(result)
          .isEqualTo(
              new CalculatorResult.Failure(
                  CalculatorError.MALFORMED_OBJECT, ((CalculatorResult.Failure) result).message()));
    } else if (result instanceof CalculatorResult.Failure failure) {
      assertThat(failure.error()).isEqualTo(CalculatorError.MALFORMED_OBJECT);
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void aCorruptedFieldGivesAResultNeverAnException(String gvk, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 5; round++) {
      ObjectNode object = generate(gvk, seed, Options.DRAWN);
      corrupt(object, random);
      List<CalculatorResult> results = new ArrayList<>();
      results.add(CALCULATORS.replicas(object));
      results.add(CALCULATORS.mode(object));
      results.add(CALCULATORS.usesTls(object));
      results.addAll(allResourceFunctions(object, "cpu"));
      results.addAll(allResourceFunctions(object, "memory"));
      assertThat(results).doesNotContainNull();
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void aRendersMemoChangesNoResultWhicheverObjectsItSees(String gvk, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<ObjectNode> objects = new ArrayList<>();
    objects.add(generate(gvk, seed, Options.DRAWN));
    objects.add(generate(gvk, seed, Options.DRAWN.scaledBy(3)));
    ObjectNode broken = objects.get(0).deepCopy();
    breakEveryResources(broken);
    objects.add(broken);
    for (int round = 0; round < 3; round++) {
      ObjectNode corrupted = generate(gvk, seed, Options.DRAWN);
      corrupt(corrupted, random);
      objects.add(corrupted);
    }
    CalculationMemo memo = new CalculationMemo();
    // Each object twice, the second pass after every other object replaced the memo's entry.
    for (int pass = 0; pass < 2; pass++) {
      for (ObjectNode object : objects) {
        for (String resource : List.of("storage", "cpu", "memory", "nvidia.com/gpu")) {
          List<CalculatorResult> alone = allResourceFunctions(object, resource);
          assertThat(allResourceFunctions(object, resource, memo))
              .as("%s of %s", resource, object)
              .containsExactly(alone.get(3), alone.get(0), alone.get(2), alone.get(1));
        }
        assertThat(CALCULATORS.totalRequests(object, 2, memo))
            .isEqualTo(CALCULATORS.totalRequests(object, 2));
      }
    }
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("kindsAndSeeds")
  void aSingleNodeKindsAppIsItsAppResourcesTimesItsPods(String gvk, long seed) {
    KindShape shape = KindShapes.BY_GVK.get(gvk);
    if (shape.topology() != Topology.SINGLE) {
      return;
    }
    ObjectNode object = generate(gvk, seed, Options.DRAWN);
    JsonNode spec = object.get("spec");
    JsonNode podSpec = spec.get("podTemplate").get("spec");
    JsonNode resources = podSpec.get("resources");
    if (shape.app() != null) {
      for (JsonNode container : podSpec.get("containers")) {
        if (container.get("name").asText().equals(shape.app())) {
          resources = container.get("resources");
        }
      }
    }
    long pods = spec.has("replicas") ? spec.get("replicas").longValue() : 1;
    JsonNode claim = spec.path("storage").path("resources");
    for (String resource : List.of("cpu", "memory")) {
      BigDecimal limit = firstQuantity(resources, resource, "limits", "requests");
      BigDecimal request = firstQuantity(resources, resource, "requests");
      assertThat(CALCULATORS.appLimits(object, resource))
          .as("limits fall back to requests")
          .isEqualTo(
              new CalculatorResult.Value(
                  ResourceCalculators.asDouble(
                      resource, Quantity.ceilMilli(limit).multiply(BigDecimal.valueOf(pods)))));
      assertThat(CALCULATORS.appRequests(object, resource))
          .as("requests never fall back to limits")
          .isEqualTo(
              new CalculatorResult.Value(
                  ResourceCalculators.asDouble(
                      resource, Quantity.ceilMilli(request).multiply(BigDecimal.valueOf(pods)))));
    }
    BigDecimal storage = firstQuantity(claim, "storage", "limits", "requests");
    assertThat(CALCULATORS.appLimits(object, "storage"))
        .isEqualTo(
            new CalculatorResult.Value(
                ResourceCalculators.asDouble(
                    "storage", Quantity.ceilMilli(storage).multiply(BigDecimal.valueOf(pods)))));
  }

  /** The quantity under the first of the maps that has the name, or zero. */
  private static BigDecimal firstQuantity(JsonNode resources, String name, String... maps) {
    for (String map : maps) {
      JsonNode value = resources.path(map).get(name);
      if (value != null) {
        return Quantity.of(value, map + "." + name);
      }
    }
    return BigDecimal.ZERO;
  }

  private static List<CalculatorResult> allResourceFunctions(JsonNode object, String resource) {
    return List.of(
        CALCULATORS.totalLimits(object, resource),
        CALCULATORS.totalRequests(object, resource),
        CALCULATORS.appLimits(object, resource),
        CALCULATORS.appRequests(object, resource));
  }

  private static List<CalculatorResult> allResourceFunctions(
      JsonNode object, String resource, CalculationMemo memo) {
    return List.of(
        CALCULATORS.appRequests(object, resource, memo),
        CALCULATORS.totalLimits(object, resource, memo),
        CALCULATORS.appLimits(object, resource, memo),
        CALCULATORS.totalRequests(object, resource, memo));
  }

  private static Object value(CalculatorResult result, JsonNode object) {
    assertThat(result).as("result for %s", object).isInstanceOf(CalculatorResult.Value.class);
    return ((CalculatorResult.Value) result).value();
  }

  /** Puts an unparsable cpu limit into every {@code resources} object of the tree. */
  private static void breakEveryResources(JsonNode node) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().equals("resources") && field.getValue().isObject()) {
          ((ObjectNode) field.getValue()).putObject("limits").put("cpu", "12x");
        } else {
          breakEveryResources(field.getValue());
        }
      }
    } else if (node.isArray()) {
      node.forEach(CalculatorPropertiesTest::breakEveryResources);
    }
  }

  /** Replaces one random value of the tree with a value of another JSON type. */
  private static void corrupt(ObjectNode root, SplittableRandom random) {
    List<JsonNode> parents = new ArrayList<>();
    collectContainers(root, parents);
    JsonNode parent = parents.get(random.nextInt(parents.size()));
    JsonNodeFactory json = JsonNodeFactory.instance;
    List<JsonNode> replacements =
        List.of(
            json.textNode("x"),
            json.numberNode(3.5),
            json.arrayNode().add(1),
            json.nullNode(),
            json.booleanNode(true),
            json.objectNode(),
            json.numberNode(-2));
    JsonNode replacement = replacements.get(random.nextInt(replacements.size()));
    if (parent.isObject() && parent.size() > 0) {
      List<String> keys = new ArrayList<>();
      parent.fieldNames().forEachRemaining(keys::add);
      ((ObjectNode) parent).set(keys.get(random.nextInt(keys.size())), replacement);
    } else if (parent.isArray() && parent.size() > 0) {
      ((ArrayNode) parent).set(random.nextInt(parent.size()), replacement);
    }
  }

  private static void collectContainers(JsonNode node, List<JsonNode> into) {
    if (node.isContainerNode()) {
      into.add(node);
      node.forEach(child -> collectContainers(child, into));
    }
  }
}
