package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.plan.ConfigurationPlan;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.Hostile;
import io.github.kubestashmetrics.testkit.HostileCategory;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The core property of the MetricsConfiguration engine (issue #12): the engine running {@code
 * export-config}'s six configurations, and (when the shared reference is present) KubeStash's own
 * six, and the standard catalogue's one-pass {@code render(JsonNode)}, give byte-identical
 * exposition, and the same mapping errors, as the typed catalogue (its lenient typed read), on
 * every real example, on seeded valid objects and on every hostile category. Each case is named by
 * its seed; rerun one with {@code -Dkubestash.replay=<seed>}.
 */
class EngineDifferentialTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MetricCatalogue TYPED = MetricCatalogue.standard();
  private static final MetricCatalogue EXPORTED =
      engineOf(BuiltInConfigurations.standard(), "export-config");
  private static final Optional<MetricCatalogue> UPSTREAM = upstream();

  private static MetricCatalogue engineOf(List<MetricsConfiguration> configurations, String what) {
    ConfigurationPlan plan = ConfigurationPlan.of(configurations);
    assertThat(plan.problems()).as(what + " configurations compile cleanly").isEmpty();
    assertThat(plan.catalogue().families()).as(what + " metrics").hasSize(36);
    return plan.catalogue();
  }

  private static Optional<MetricCatalogue> upstream() {
    String shared = System.getProperty("kubestash.shared.dir");
    if (shared == null) {
      return Optional.empty();
    }
    Path dir = Path.of(shared, "reference", "metricsconfigurations");
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<MetricsConfiguration> configurations = new ArrayList<>();
    for (Path file : SharedReference.yamlFiles(dir)) {
      configurations.add(
          JSON.convertValue(SharedReference.readYaml(file), MetricsConfiguration.class));
    }
    // Upstream order is alphabetical by file, which is the contract's kind order too.
    return Optional.of(engineOf(configurations, "KubeStash's own"));
  }

  /** Byte-identical exposition (both formats) and the same errors, for both engines. */
  private static void assertSameAsTyped(String context, JsonNode manifest) {
    RenderedObject typed = TYPED.renderLeniently(manifest);
    engines()
        .forEach(
            (name, engine) -> {
              RenderedObject configured = engine.render(manifest);
              String what = context + " [" + name + "] " + manifest;
              for (ExpositionFormat format : ExpositionFormat.values()) {
                assertThat(ExpositionWriter.toText(engine, List.of(configured), format))
                    .as(what)
                    .isEqualTo(ExpositionWriter.toText(TYPED, List.of(typed), format));
              }
              assertThat(configured.seriesCount()).as(what).isEqualTo(typed.seriesCount());
              assertThat(configured.errors()).as(what).isEqualTo(typed.errors());
              assertThat(List.of(configured.kind(), configured.namespace(), configured.name()))
                  .as(what)
                  .isEqualTo(List.of(typed.kind(), typed.namespace(), typed.name()));
            });
  }

  private static Map<String, MetricCatalogue> engines() {
    Map<String, MetricCatalogue> engines = new LinkedHashMap<>();
    engines.put("export-config", EXPORTED);
    // The standard catalogue's own render(JsonNode): one pass, through the built-in engine.
    engines.put("standard one-pass", TYPED);
    UPSTREAM.ifPresent(engine -> engines.put("KubeStash's configurations", engine));
    return engines;
  }

  @Test
  void everyRealExampleGivesTheTypedCataloguesBytes() {
    Path examples = SharedReference.directory("examples");
    List<Path> files = SharedReference.yamlFiles(examples);
    assertThat(files).hasSizeGreaterThanOrEqualTo(100);
    for (Path file : files) {
      assertSameAsTyped(file.getFileName().toString(), SharedReference.readYaml(file));
    }
  }

  static Stream<Long> validObjects() {
    return KubeStashGenerators.seeds("engineValidObjects", 2_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("validObjects")
  void seededValidObjectGivesTheTypedCataloguesBytes(long seed) {
    ObjectNode manifest = new KubeStashGenerators(seed).anyValidManifest();
    assertSameAsTyped("seed=" + seed, manifest);
    // The engine reads a GenericKubernetesResource and a typed object through their JSON trees.
    String fromTree =
        ExpositionWriter.toText(
            EXPORTED, List.of(EXPORTED.render(manifest)), ExpositionFormat.TEXT_0_0_4);
    GenericKubernetesResource generic =
        JSON.convertValue(manifest, GenericKubernetesResource.class);
    assertThat(
            ExpositionWriter.toText(
                EXPORTED, List.of(EXPORTED.render(generic)), ExpositionFormat.TEXT_0_0_4))
        .as("seed=%d generic resource", seed)
        .isEqualTo(fromTree);
    assertThat(new LenientReader().treeOf(generic))
        .as("seed=%d the walked tree of a generic resource is its serialised tree", seed)
        .isEqualTo(new LenientReader().toTree(generic));
    assertThat(
            ExpositionWriter.toText(
                TYPED, List.of(TYPED.render(generic)), ExpositionFormat.TEXT_0_0_4))
        .as("seed=%d generic resource, standard catalogue", seed)
        .isEqualTo(fromTree);
    HasMetadata typed = TypedManifests.read(manifest);
    assertThat(
            ExpositionWriter.toText(
                EXPORTED, List.of(EXPORTED.render(typed)), ExpositionFormat.TEXT_0_0_4))
        .as("seed=%d typed object", seed)
        .isEqualTo(fromTree);
  }

  static Stream<Arguments> hostileObjects() {
    return Stream.of(HostileCategory.values())
        .flatMap(
            category ->
                KubeStashGenerators.seeds("engineHostile" + category, 100)
                    .map(seed -> Arguments.of(category, seed)));
  }

  /**
   * Shapes that contradict a path at different depths: a scalar array element (the element is
   * iterated strictly: the family is lost), a scalar where a label's parent object was expected (a
   * label is text: it is left out), a scalar whole spec, and numbers in string fields.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"apiVersion\":\"core.kubestash.com/v1alpha1\",\"kind\":\"BackupSession\","
            + "\"metadata\":{\"name\":\"b\",\"namespace\":\"d\"},"
            + "\"status\":{\"phase\":\"Running\",\"conditions\":[7,{\"type\":\"T\"}]}}",
        "{\"apiVersion\":\"core.kubestash.com/v1alpha1\",\"kind\":\"BackupSession\","
            + "\"metadata\":{\"name\":\"b\",\"namespace\":\"d\"},"
            + "\"status\":{\"snapshots\":[{\"name\":\"s\",\"appRef\":\"x\"}]}}",
        "{\"apiVersion\":\"core.kubestash.com/v1alpha1\",\"kind\":\"BackupConfiguration\","
            + "\"metadata\":{\"name\":\"c\",\"namespace\":\"d\"},"
            + "\"spec\":{\"target\":\"StatefulSet/d/s\",\"sessions\":[{\"name\":\"n\"}]}}",
        "{\"apiVersion\":\"core.kubestash.com/v1alpha1\",\"kind\":\"BackupConfiguration\","
            + "\"metadata\":{\"name\":\"c\",\"namespace\":\"d\"},\"spec\":\"scalar\"}",
        "{\"apiVersion\":\"storage.kubestash.com/v1alpha1\",\"kind\":\"Repository\","
            + "\"metadata\":{\"name\":\"r\",\"namespace\":\"d\"},"
            + "\"spec\":{\"path\":12},\"status\":{\"phase\":3,\"size\":1234}}"
      })
  void contradictingShapesGiveTheTypedCataloguesBytes(String json) throws Exception {
    assertSameAsTyped("shape", JSON.readTree(json));
  }

  @ParameterizedTest(name = "{0} seed={1}")
  @MethodSource("hostileObjects")
  void hostileObjectGivesTheTypedCataloguesBytes(HostileCategory category, long seed) {
    Hostile hostile = new KubeStashGenerators(seed).hostile(category);
    assertSameAsTyped(category + " seed=" + seed, hostile.manifest());
  }
}
