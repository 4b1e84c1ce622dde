package io.github.kubestashmetrics.metrics.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.metrics.MappingError;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of paths over random JSON trees with missing steps, nulls, scalars and arrays
 * where objects were expected: a read agrees with a plain reference walk and never throws; a {@code
 * [*]} metric gives one series per distinct non-null element. Each case is named by its seed; rerun
 * one with {@code -Dkubestash.replay=<seed>}.
 */
class ObjectPathPropertiesTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> NAMES = List.of("a", "b", "c");

  static Stream<Long> reads() {
    return KubeStashGenerators.seeds("objectPathReads", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("reads")
  void readAgreesWithAReferenceWalk(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    JsonNode tree = randomNode(random, 4);
    List<String> steps = new ArrayList<>();
    int length = 1 + random.nextInt(4);
    for (int i = 0; i < length; i++) {
      steps.add(NAMES.get(random.nextInt(NAMES.size())));
    }
    String text = "." + String.join(".", steps);
    ObjectPath path = ObjectPath.parse(text).path().orElseThrow();

    JsonNode expected = tree;
    for (String step : steps) {
      if (expected == null || expected.isNull()) {
        expected = null;
        break;
      }
      if (!expected.isObject()) {
        expected = ObjectPath.MISMATCH;
        break;
      }
      expected = expected.get(step);
    }
    if (expected != null && expected.isNull()) {
      expected = null;
    }
    JsonNode actual = path.read(tree);
    String context = "seed=" + seed + " " + text + " in " + tree;
    if (expected == ObjectPath.MISMATCH || expected == null) {
      assertThat(actual).as(context).isSameAs(expected);
    } else {
      assertThat(actual).as(context).isEqualTo(expected);
    }
    assertThat(ObjectPath.parse(".").path().orElseThrow().read(tree))
        .as(context + ": the whole object")
        .isSameAs(tree.isNull() ? null : tree);
  }

  static Stream<Long> elements() {
    return KubeStashGenerators.seeds("objectPathElements", 1_000);
  }

  /**
   * An Array metric over {@code .spec.items} labelled by {@code .spec.items[*].name}: one series
   * per distinct label among non-null object elements; none for a missing, null or empty array; a
   * scalar element or a non-array is a wrong JSON type for the whole metric, never an exception.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("elements")
  void elementPathsGiveOneSeriesPerDistinctElement(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    ObjectNode object = NODES.objectNode();
    object.putObject("metadata").put("name", "x");
    ObjectNode spec = object.putObject("spec");
    String expectedReason = null;
    Set<String> expectedLabels = new LinkedHashSet<>();
    switch (random.nextInt(6)) {
      case 0 -> {} // no items
      case 1 -> spec.putNull("items");
      case 2 -> {
        spec.put("items", "scalar");
        expectedReason = MappingError.WRONG_JSON_TYPE;
      }
      case 3 -> {
        object.put("spec", random.nextBoolean() ? "scalar" : "[]");
        expectedReason = MappingError.WRONG_JSON_TYPE;
      }
      default -> {
        ArrayNode items = spec.putArray("items");
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
          switch (random.nextInt(6)) {
            case 0 -> items.addNull();
            case 1 -> {
              items.add(7);
              expectedReason = MappingError.WRONG_JSON_TYPE;
            }
            case 2 -> {
              items.addObject();
              expectedLabels.add("");
            }
            default -> {
              String name = "n" + random.nextInt(3);
              items.addObject().put("name", name);
              expectedLabels.add(name);
            }
          }
        }
      }
    }
    MetricsConfiguration configuration =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(
                """
                {"metadata":{"name":"t"},"spec":{"targetRef":{"apiVersion":"x.io/v1","kind":"T"},
                 "metrics":[{"name":"items","help":"h","type":"gauge",
                   "field":{"path":".spec.items","type":"Array"},
                   "labels":[{"key":"item","valuePath":".spec.items[*].name"}],
                   "metricValue":{"value":1}}]}}
                """,
                MetricsConfiguration.class);
    CompiledMetric metric =
        MetricsConfigurationCompiler.compile(List.of(configuration))
            .configurations()
            .get(0)
            .metrics()
            .get(0);
    MetricRows rows = new MetricRows();
    String reason = metric.render(object, rows);
    String context = "seed=" + seed + " " + object;
    assertThat(reason).as(context).isEqualTo(expectedReason);
    Set<String> labels = new LinkedHashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      String label = rows.labels(i)[0];
      labels.add(label == null ? "" : label);
    }
    assertThat(labels).as(context).isEqualTo(expectedReason == null ? expectedLabels : Set.of());
    assertThat(rows.size()).as(context).isEqualTo(labels.size());
  }

  private static JsonNode randomNode(SplittableRandom random, int depth) {
    int choice = depth <= 0 ? random.nextInt(4) : random.nextInt(8);
    switch (choice) {
      case 0:
        return NODES.nullNode();
      case 1:
        return NODES.textNode("t" + random.nextInt(3));
      case 2:
        return NODES.numberNode(random.nextInt(3));
      case 3:
        return NODES.booleanNode(random.nextBoolean());
      case 4:
        ArrayNode array = NODES.arrayNode();
        array.add(randomNode(random, depth - 1));
        return array;
      default:
        ObjectNode object = NODES.objectNode();
        for (String name : NAMES) {
          if (random.nextInt(3) > 0) {
            object.set(name, randomNode(random, depth - 1));
          }
        }
        return object;
    }
  }
}
