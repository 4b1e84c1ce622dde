package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.testkit.Hostile;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rendering is a pure function of the object's content (issue #4, property f): the same object, a
 * deep copy of it, its manifest and its generic form all give identical bytes, and the same seed
 * gives an identical exposition.
 */
class DeterminismPropertiesTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Long> sameObject() {
    return KubeStashGenerators.seeds("sameObject", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("sameObject")
  void theSameObjectItsCopiesAndItsManifestRenderToIdenticalBytes(long seed) throws Exception {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    ObjectNode manifest = generators.anyValidManifest();
    HasMetadata object = TypedManifests.read(manifest);
    HasMetadata copy = JSON.treeToValue(JSON.valueToTree(object), object.getClass());
    GenericKubernetesResource generic = JSON.treeToValue(manifest, GenericKubernetesResource.class);

    RenderedObject first = CATALOGUE.render(object);
    assertIdentical(seed, "again", first, CATALOGUE.render(object));
    assertIdentical(seed, "deep copy", first, CATALOGUE.render(copy));
    assertIdentical(seed, "manifest", first, CATALOGUE.render(manifest));
    assertIdentical(seed, "manifest copy", first, CATALOGUE.render(manifest.deepCopy()));
    assertIdentical(seed, "generic resource", first, CATALOGUE.render(generic));

    Hostile hostile = generators.hostile();
    ObjectNode hostileCopy = hostile.manifest().deepCopy();
    RenderedObject hostileFirst = CATALOGUE.render(hostile.manifest());
    assertIdentical(seed, "hostile again", hostileFirst, CATALOGUE.render(hostile.manifest()));
    assertIdentical(seed, "hostile copy", hostileFirst, CATALOGUE.render(hostileCopy));
  }

  /** Same bytes of every family, errors, counts, identity and whole exposition in both formats. */
  static void assertIdentical(
      long seed, String what, RenderedObject expected, RenderedObject actual) {
    String context = "seed=" + seed + " " + what + " " + actual;
    for (FamilyDescriptor family : CATALOGUE.families()) {
      assertThat(actual.series(family.index()))
          .as("%s %s", context, family.name())
          .isEqualTo(expected.series(family.index()));
    }
    assertThat(actual.errors()).as(context).isEqualTo(expected.errors());
    assertThat(actual.seriesCount()).as(context).isEqualTo(expected.seriesCount());
    assertThat(List.of(actual.kind(), actual.namespace(), actual.name(), actual.uid()))
        .as(context)
        .isEqualTo(List.of(expected.kind(), expected.namespace(), expected.name(), expected.uid()));
    for (ExpositionFormat format : ExpositionFormat.values()) {
      assertThat(bytes(List.of(actual), format))
          .as("%s %s", context, format)
          .isEqualTo(bytes(List.of(expected), format));
    }
  }

  static Stream<Long> sameSeed() {
    return KubeStashGenerators.seeds("sameSeed", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("sameSeed")
  void theSameSeedGivesAnIdenticalExposition(long seed) {
    for (ExpositionFormat format : ExpositionFormat.values()) {
      byte[] first = bytes(renderSeed(seed), format);
      byte[] second = bytes(renderSeed(seed), format);
      assertThat(second).as("seed=%d %s", seed, format).isEqualTo(first);
      assertThat(new String(first, StandardCharsets.UTF_8))
          .as("seed=%d %s", seed, format)
          .contains("# TYPE ");
    }
  }

  /** A valid typed object, a valid manifest and a hostile manifest, all drawn from the seed. */
  private static List<RenderedObject> renderSeed(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    List<RenderedObject> rendered = new ArrayList<>();
    rendered.add(CATALOGUE.render(generators.anyValid()));
    JsonNode manifest = generators.anyValidManifest();
    rendered.add(CATALOGUE.render(manifest));
    rendered.add(CATALOGUE.render(generators.hostile().manifest()));
    return rendered;
  }

  private static byte[] bytes(List<RenderedObject> objects, ExpositionFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ExpositionWriter.write(CATALOGUE, objects, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
