package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.internal.value.LabelText;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.Series;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CONTRACT rule 10: a label value is text. Every label path of every kind is given a value of every
 * JSON type (strings, booleans, integers, decimals, objects, arrays, empty ones, null); the object
 * read from JSON must give exactly the series of the same object read strictly with the declared
 * type, whose label then carries {@link LabelText}'s text of the JSON value. No label value ever
 * costs a family, except where the same path is also a family's sample value or state.
 */
class LabelsReadAnyJsonTypeTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  /** Reads only what the schema declares: no scalar coercion, so it finds a field's type. */
  private static final ObjectMapper STRICT =
      JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();

  private static final long SEED = 20_261_130L;

  /** The JSON values every label path is given, and the label text each must give. */
  private static final Map<String, JsonNode> VALUES = new LinkedHashMap<>();

  static {
    VALUES.put("string", NODES.textNode("yes"));
    VALUES.put("numeric string", NODES.textNode("007"));
    VALUES.put("true", NODES.booleanNode(true));
    VALUES.put("false", NODES.booleanNode(false));
    VALUES.put("zero", NODES.numberNode(0));
    VALUES.put("negative", NODES.numberNode(-7));
    VALUES.put("long", NODES.numberNode(12_345_678_901L));
    VALUES.put("decimal", NODES.numberNode(2.5));
    ObjectNode object = NODES.objectNode();
    object.put("z", 1);
    object.putArray("a").add(true).addNull().add("x\"y");
    VALUES.put("object", object);
    ArrayNode array = NODES.arrayNode();
    array.add(1).add("two").addObject().put("k", "v");
    VALUES.put("array", array);
    VALUES.put("empty object", NODES.objectNode());
    VALUES.put("empty array", NODES.arrayNode());
    VALUES.put("empty string", NODES.textNode(""));
    VALUES.put("null", NODES.nullNode());
  }

  static Stream<Arguments> labelPathsAndValues() {
    List<Arguments> cases = new ArrayList<>();
    for (FamilyTable<?> table : tables()) {
      for (String path : table.labelPaths()) {
        for (Map.Entry<String, JsonNode> value : VALUES.entrySet()) {
          cases.add(
              Arguments.of(
                  table.kind().kind()
                      + " "
                      + path
                      + " = "
                      + value.getKey()
                      + " (seed "
                      + SEED
                      + ")",
                  table,
                  path,
                  value.getValue()));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labelPathsAndValues")
  void aLabelOfAnyJsonTypeIsItsTextAndCostsNoFamily(
      String name, FamilyTable<?> table, String path, JsonNode value) throws Exception {
    ObjectNode base = new KubeStashGenerators(SEED).validManifest(table.kind());
    Declared declared = declaredType(base, table.kind(), path);

    // The typed reading with two values of the declared type: the labels that differ are the
    // labels this path feeds.
    List<Series> first = typedSeries(with(base, path, declared.first()), table.kind());
    List<Series> second = typedSeries(with(base, path, declared.second()), table.kind());
    String firstText = LabelText.of(declared.first());
    Set<String> fed = fedLabels(first, second);
    assertThat(fed).as(name + ": the base object gives a series with this label").isNotEmpty();

    // What the JSON of any type must give: the typed series, with its text in those labels.
    String text = LabelText.of(value);
    Set<Series> expected = new HashSet<>();
    for (Series series : first) {
      if (isStateOf(series.name(), path)) {
        continue; // the path is this family's state too: the strict rule applies there
      }
      Map<String, String> labels = new LinkedHashMap<>(series.labels());
      for (String label : fed) {
        if (firstText.equals(labels.get(label))) {
          if (text == null || text.isEmpty()) {
            labels.remove(label);
          } else {
            labels.put(label, text);
          }
        }
      }
      expected.add(new Series(series.name(), labels, series.value()));
    }

    RenderedObject rendered = CATALOGUE.render(with(base, path, value));
    Set<Series> actual = new HashSet<>(seriesOf(rendered));
    actual.removeIf(s -> isStateOf(s.name(), path));

    assertThat(actual).as(name).isEqualTo(expected);
    assertThat(rendered.errors())
        .as(name + ": no family lost to a label's JSON type")
        .allSatisfy(e -> assertThat(isStateOf(e.family(), path)).as(e.toString()).isTrue());
  }

  @Test
  void labelTextOfEachJsonType() {
    assertThat(LabelText.of(NODES.textNode("yes"))).isEqualTo("yes");
    assertThat(LabelText.of(NODES.booleanNode(true))).isEqualTo("true");
    assertThat(LabelText.of(NODES.numberNode(0))).isEqualTo("0");
    assertThat(LabelText.of(NODES.numberNode(2.5))).isEqualTo("2.5");
    assertThat(LabelText.of(VALUES.get("object")))
        .isEqualTo("{\"z\":1,\"a\":[true,null,\"x\\\"y\"]}");
    assertThat(LabelText.of(VALUES.get("array"))).isEqualTo("[1,\"two\",{\"k\":\"v\"}]");
    assertThat(LabelText.of(NODES.nullNode())).isNull();
    assertThat(LabelText.of(null)).isNull();
    assertThat(LabelText.of(NODES.missingNode())).isNull();
  }

  @Test
  void theIssuesTwoExamplesKeepTheirFamilies() throws Exception {
    ObjectNode storage = new KubeStashGenerators(SEED).validManifest(KubeStashKinds.BACKUP_STORAGE);
    ((ObjectNode) storage.path("spec")).put("default", "yes").put("deletionPolicy", 0);
    RenderedObject rendered = CATALOGUE.render(storage);
    assertThat(rendered.errors()).isEmpty();
    assertThat(seriesOf(rendered))
        .anySatisfy(
            s ->
                assertThat(s.labels())
                    .containsEntry("default", "yes")
                    .containsEntry("deletionPolicy", "0"));
  }

  /**
   * The contract's one overlap of a label path with a strict one: {@code .status.phase} is a label
   * of some families and the state of the kind's {@code _phase} family (rule 5, strict). Written
   * out here rather than asked of the tables, whose notion of strict paths is under test.
   */
  private static boolean isStateOf(String family, String path) {
    return family.endsWith("_phase") && path.equals(".status.phase");
  }

  private record Declared(JsonNode first, JsonNode second) {}

  /** Two values of the type the schema declares at this path (string, boolean or integer). */
  private static Declared declaredType(ObjectNode base, KubeStashKinds.Kind<?> kind, String path) {
    List<Declared> candidates =
        List.of(
            new Declared(NODES.textNode("label-text-one"), NODES.textNode("label-text-two")),
            new Declared(NODES.booleanNode(true), NODES.booleanNode(false)),
            new Declared(NODES.numberNode(424_242), NODES.numberNode(434_343)));
    for (Declared candidate : candidates) {
      try {
        STRICT.treeToValue(with(base, path, candidate.first()), kind.type());
        return candidate;
      } catch (Exception rejected) {
        // not this type
      }
    }
    throw new AssertionError(path + ": no declared type among string, boolean, integer");
  }

  private static Set<String> fedLabels(List<Series> first, List<Series> second) {
    Set<String> fed = new HashSet<>();
    for (int i = 0; i < Math.min(first.size(), second.size()); i++) {
      for (Map.Entry<String, String> label : first.get(i).labels().entrySet()) {
        if (!label.getValue().equals(second.get(i).labels().get(label.getKey()))) {
          fed.add(label.getKey());
        }
      }
    }
    return fed;
  }

  private static List<Series> typedSeries(ObjectNode manifest, KubeStashKinds.Kind<?> kind)
      throws Exception {
    HasMetadata typed = (HasMetadata) STRICT.treeToValue(manifest, kind.type());
    return seriesOf(CATALOGUE.render(typed));
  }

  private static List<Series> seriesOf(RenderedObject rendered) {
    String text =
        ExpositionWriter.toText(CATALOGUE, List.of(rendered), ExpositionFormat.TEXT_0_0_4);
    return ExpositionParser.parsePrometheus(text).series();
  }

  /** A copy of the manifest with {@code value} at the path (element paths: in every element). */
  private static ObjectNode with(ObjectNode manifest, String path, JsonNode value) {
    ObjectNode copy = manifest.deepCopy();
    set(copy, path, value);
    return copy;
  }

  private static void set(ObjectNode node, String path, JsonNode value) {
    int element = path.indexOf("[*]");
    if (element >= 0) {
      String arrayPath = path.substring(0, element);
      String rest = path.substring(element + 3);
      JsonNode array = parentFor(node, arrayPath).path(last(arrayPath));
      if (!array.isArray() || array.isEmpty()) {
        array = parentFor(node, arrayPath).putArray(last(arrayPath)).addObject().get(0);
        array = parentFor(node, arrayPath).path(last(arrayPath));
      }
      for (JsonNode each : array) {
        if (each.isObject()) {
          set((ObjectNode) each, rest, value);
        }
      }
      return;
    }
    parentFor(node, path).set(last(path), value.deepCopy());
  }

  /** The object holding the path's last step, created as needed. */
  private static ObjectNode parentFor(ObjectNode root, String path) {
    String[] steps = path.substring(1).split("\\.");
    ObjectNode current = root;
    for (int i = 0; i < steps.length - 1; i++) {
      JsonNode next = current.get(steps[i]);
      current = next instanceof ObjectNode object ? object : current.putObject(steps[i]);
    }
    return current;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static List<FamilyTable<?>> tables() {
    return List.of(
        BackupConfigurationMetrics.table(),
        BackupSessionMetrics.table(),
        BackupStorageMetrics.table(),
        RepositoryMetrics.table(),
        RestoreSessionMetrics.table(),
        SnapshotMetrics.table());
  }
}
