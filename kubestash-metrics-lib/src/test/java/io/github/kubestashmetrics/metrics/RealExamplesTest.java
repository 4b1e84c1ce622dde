package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every real KubeStash object in the shared reference examples maps without exception to valid
 * lines; together with the golden fixtures they produce every one of the 36 families.
 */
class RealExamplesTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  private static List<RenderedObject> renderExamples() {
    Path examples = SharedReference.directory("examples");
    List<Path> files = SharedReference.yamlFiles(examples);
    assertThat(files).as("example files").hasSizeGreaterThanOrEqualTo(100);
    List<RenderedObject> rendered = new ArrayList<>();
    for (Path file : files) {
      JsonNode manifest = SharedReference.readYaml(file);
      RenderedObject object = CATALOGUE.render(manifest);
      assertThat(object.kind()).as(file.toString()).isEqualTo(manifest.path("kind").asText());
      assertThat(object.seriesCount()).as(file.toString()).isPositive();
      rendered.add(object);
    }
    return rendered;
  }

  @Test
  void everyRealExampleMapsToValidLinesWithoutErrors() {
    List<RenderedObject> rendered = renderExamples();
    for (RenderedObject object : rendered) {
      assertThat(object.errors()).as(object.toString()).isEmpty();
    }
    String text = ExpositionWriter.toText(CATALOGUE, rendered, ExpositionFormat.TEXT_0_0_4);
    List<ExpositionLineChecker.Sample> samples = ExpositionLineChecker.read(text);
    assertThat(samples).hasSize(rendered.stream().mapToInt(RenderedObject::seriesCount).sum());
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
