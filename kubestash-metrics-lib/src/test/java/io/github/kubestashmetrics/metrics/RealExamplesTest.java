package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.MetricsAssert;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every real KubeStash object in the shared reference examples maps without exception to lines the
 * testkit's strict parser accepts in both formats, alone and all together; together with the golden
 * fixtures they produce every one of the 36 families.
 */
class RealExamplesTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  /** Every example file's manifest, by path, sorted. */
  private static Map<Path, JsonNode> exampleManifests() {
    Path examples = SharedReference.directory("examples");
    List<Path> files = SharedReference.yamlFiles(examples);
    assertThat(files).as("example files").hasSizeGreaterThanOrEqualTo(100);
    Map<Path, JsonNode> manifests = new LinkedHashMap<>();
    for (Path file : files) {
      manifests.put(file, SharedReference.readYaml(file));
    }
    return manifests;
  }

  private static List<RenderedObject> renderExamples() {
    List<RenderedObject> rendered = new ArrayList<>();
    exampleManifests()
        .forEach(
            (file, manifest) -> {
              RenderedObject object = CATALOGUE.render(manifest);
              assertThat(object.kind())
                  .as(file.toString())
                  .isEqualTo(manifest.path("kind").asText());
              assertThat(object.seriesCount()).as(file.toString()).isPositive();
              rendered.add(object);
            });
    return rendered;
  }

  /**
   * The examples come from different clusters, docs and blogs, and several share kind, namespace
   * and name, so together they are not one cluster's objects: for the combined exposition each is
   * renamed {@code <name>-<file index>}, else the strict parser rightly sees repeated series.
   */
  @Test
  void everyRealExampleMapsToValidLinesWithoutErrors() {
    List<RenderedObject> rendered = new ArrayList<>();
    for (JsonNode manifest : exampleManifests().values()) {
      ObjectNode renamed = (ObjectNode) manifest.deepCopy();
      ObjectNode metadata = renamed.withObjectProperty("metadata");
      metadata.put("name", metadata.path("name").asText() + "-" + rendered.size());
      rendered.add(CATALOGUE.render(renamed));
    }
    for (RenderedObject object : rendered) {
      assertThat(object.errors()).as(object.toString()).isEmpty();
    }
    String text = ExpositionWriter.toText(CATALOGUE, rendered, ExpositionFormat.TEXT_0_0_4);
    String openMetrics =
        ExpositionWriter.toText(CATALOGUE, rendered, ExpositionFormat.OPENMETRICS_1_0_0);
    int seriesCount = rendered.stream().mapToInt(RenderedObject::seriesCount).sum();
    assertThat(MetricsAssert.assertThat(text).isValid().exposition().series()).hasSize(seriesCount);
    assertThat(MetricsAssert.assertThatOpenMetrics(openMetrics).isValid().exposition().series())
        .hasSize(seriesCount);
  }

  @Test
  void everyRealExampleAloneIsValidInBothFormats() {
    for (RenderedObject object : renderExamples()) {
      String text =
          ExpositionWriter.toText(CATALOGUE, List.of(object), ExpositionFormat.TEXT_0_0_4);
      String openMetrics =
          ExpositionWriter.toText(CATALOGUE, List.of(object), ExpositionFormat.OPENMETRICS_1_0_0);
      MetricsAssert.assertThat(text).as(object.toString()).isValid();
      MetricsAssert.assertThatOpenMetrics(openMetrics).as(object.toString()).isValid();
      assertThat(ExpositionParser.parseOpenMetrics(openMetrics).series())
          .as(object.toString())
          .isEqualTo(ExpositionParser.parsePrometheus(text).series())
          .hasSize(object.seriesCount());
    }
  }

  @Test
  void realExamplesAndGoldenFixturesTogetherProduceAll36Families() {
    Set<String> fromExamples = producedFamilies(renderExamples());
    List<RenderedObject> fixtures = new ArrayList<>();
    for (HasMetadata object : GoldenFixtures.all()) {
      fixtures.add(CATALOGUE.render(object));
    }
    Set<String> produced = new TreeSet<>(fromExamples);
    produced.addAll(producedFamilies(fixtures));

    Set<String> missing = new TreeSet<>();
    for (FamilyDescriptor family : CATALOGUE.families()) {
      if (!produced.contains(family.name())) {
        missing.add(family.name());
      }
    }
    assertThat(missing).as("families never produced").isEmpty();

    Set<String> onlyFromFixtures = new TreeSet<>(produced);
    onlyFromFixtures.removeAll(fromExamples);
    // Printed so the report can say which families the real examples alone do not reach.
    System.out.println("Families only the golden fixtures produce: " + onlyFromFixtures);
  }

  private static Set<String> producedFamilies(List<RenderedObject> objects) {
    Set<String> names = new TreeSet<>();
    for (FamilyDescriptor family : CATALOGUE.families()) {
      for (RenderedObject object : objects) {
        if (object.series(family.index()).length > 0) {
          names.add(family.name());
          break;
        }
      }
    }
    return names;
  }
}
