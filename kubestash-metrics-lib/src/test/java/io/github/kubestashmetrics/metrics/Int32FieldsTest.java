package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The standard catalogue renders in one pass through the built-in engine, except objects holding an
 * integer beyond 32 bits in a field the model declares 32-bit: every such field of every kind
 * (enumerated, not sampled), with a value just beyond and just within range, renders exactly as the
 * lenient typed read does.
 */
class Int32FieldsTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final Int32Fields FIELDS = Int32Fields.ofModel();

  @Test
  void theModelsThirtyTwoBitFieldsAreFound() {
    assertThat(FIELDS.pathsOf(KubeStashKinds.REPOSITORY))
        .contains(List.of("status", "snapshotCount"));
    int total = 0;
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      total += FIELDS.pathsOf(kind).size();
    }
    assertThat(total).isGreaterThanOrEqualTo(4);
  }

  static Stream<Arguments> thirtyTwoBitFields() {
    List<Arguments> cases = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      for (List<String> path : FIELDS.pathsOf(kind)) {
        for (long value : new long[] {Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, 7L}) {
          cases.add(Arguments.of(kind.kind(), path, value));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} = {2}")
  @MethodSource("thirtyTwoBitFields")
  void aValueInAThirtyTwoBitFieldRendersAsTheTypedReadDoes(
      String kindName, List<String> path, long value) {
    KubeStashKinds.Kind<?> kind = KubeStashKinds.byName(kindName).orElseThrow();
    for (long seed = 1; seed <= 5; seed++) {
      ObjectNode manifest = new KubeStashGenerators(seed).validManifest(kind);
      set(manifest, path, 0, value);
      assertThat(FIELDS.overflowIn(kind, manifest))
          .as("%s", manifest)
          .isEqualTo(value != (int) value);
      RenderedObject onePass = CATALOGUE.render(manifest);
      RenderedObject typed = CATALOGUE.renderLeniently(manifest);
      for (ExpositionFormat format : ExpositionFormat.values()) {
        assertThat(ExpositionWriter.toText(CATALOGUE, List.of(onePass), format))
            .as("seed=%d %s", seed, manifest)
            .isEqualTo(ExpositionWriter.toText(CATALOGUE, List.of(typed), format));
      }
      assertThat(onePass.errors()).as("seed=%d", seed).isEqualTo(typed.errors());
    }
  }

  /** Sets the value at the path, creating objects, and using (or adding) a first list element. */
  private static void set(JsonNode node, List<String> path, int step, long value) {
    String segment = path.get(step);
    boolean last = step == path.size() - 1;
    ObjectNode object = (ObjectNode) node;
    if (last) {
      object.put(segment, value);
      return;
    }
    boolean list = path.get(step + 1).equals("[*]");
    if (list) {
      JsonNode existing = object.get(segment);
      ArrayNode array = existing instanceof ArrayNode a ? a : object.putArray(segment);
      if (step + 2 == path.size()) {
        array.insert(0, value);
        return;
      }
      ObjectNode element;
      if (array.size() > 0 && array.get(0).isObject()) {
        element = (ObjectNode) array.get(0);
      } else {
        element = array.insertObject(0);
      }
      set(element, path, step + 2, value);
      return;
    }
    JsonNode existing = object.get(segment);
    set(existing instanceof ObjectNode o ? o : object.putObject(segment), path, step + 1, value);
  }
}
