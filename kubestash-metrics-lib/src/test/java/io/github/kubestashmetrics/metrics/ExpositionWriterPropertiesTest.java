package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.testkit.Exposition;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writing many objects at once is the per-family concatenation of writing each alone (issue #4,
 * property e): the scrape path only concatenates pre-rendered bytes, so it must add nothing, drop
 * nothing and reorder nothing but families.
 */
class ExpositionWriterPropertiesTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final int MAX_OBJECTS = 12;

  static Stream<Long> concatenation() {
    return KubeStashGenerators.seeds("concatenation", 1_000);
  }

  /**
   * 1 to 12 random objects (two in three valid and typed, the others hostile manifests), renamed
   * {@code <name>-<i>} so that they are distinct objects. The expected text is built from each
   * object's own single-object exposition (rendered again, independently): its lines cut into
   * families, then per family in catalogue order the family's HELP/TYPE once and every object's
   * lines in the order given.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("concatenation")
  void writingManyObjectsIsThePerFamilyConcatenationOfEachObjectAlone(long seed)
      throws IOException {
    List<Object> sources = distinctObjects(seed);
    List<RenderedObject> together = new ArrayList<>();
    for (Object source : sources) {
      together.add(render(source));
    }

    for (ExpositionFormat format : ExpositionFormat.values()) {
      List<FamilyLines> alone = new ArrayList<>();
      for (Object source : sources) {
        alone.add(
            FamilyLines.of(ExpositionWriter.toText(CATALOGUE, List.of(render(source)), format)));
      }
      String expected = concatenate(alone, format);

      String text = ExpositionWriter.toText(CATALOGUE, together, format);
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      ExpositionWriter.write(CATALOGUE, together, format, written);

      assertThat(text)
          .as("seed=%d %s, %d objects", seed, format, sources.size())
          .isEqualTo(expected);
      assertThat(written.toByteArray())
          .as("seed=%d %s", seed, format)
          .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
      Exposition parsed =
          format == ExpositionFormat.TEXT_0_0_4
              ? ExpositionParser.parsePrometheus(text)
              : ExpositionParser.parseOpenMetrics(text);
      assertThat(parsed.series())
          .as("seed=%d %s", seed, format)
          .hasSize(together.stream().mapToInt(RenderedObject::seriesCount).sum());
    }
  }

  /** Typed objects and hostile manifests of one seed, each with its own name. */
  private static List<Object> distinctObjects(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    SplittableRandom random = new SplittableRandom(~seed);
    int count = 1 + random.nextInt(MAX_OBJECTS);
    List<Object> sources = new ArrayList<>();
    Set<List<String>> identities = new HashSet<>();
    for (int i = 0; i < count; i++) {
      if (random.nextInt(3) == 0) {
        ObjectNode manifest = generators.hostile().manifest();
        ObjectNode metadata = (ObjectNode) manifest.get("metadata");
        metadata.put("name", metadata.path("name").asText() + "-" + i);
        identities.add(
            List.of(
                manifest.path("kind").asText(),
                metadata.path("namespace").asText(),
                metadata.path("name").asText()));
        sources.add(manifest);
      } else {
        HasMetadata object = generators.anyValid();
        object.getMetadata().setName(object.getMetadata().getName() + "-" + i);
        identities.add(
            List.of(
                object.getKind(),
                String.valueOf(object.getMetadata().getNamespace()),
                object.getMetadata().getName()));
        sources.add(object);
      }
    }
    assertThat(identities).as("seed=%d: distinct objects", seed).hasSize(count);
    return sources;
  }

  private static RenderedObject render(Object source) {
    return source instanceof JsonNode manifest
        ? CATALOGUE.render(manifest)
        : CATALOGUE.render((HasMetadata) source);
  }

  private static String concatenate(List<FamilyLines> objects, ExpositionFormat format) {
    StringBuilder expected = new StringBuilder();
    for (FamilyDescriptor family : CATALOGUE.families()) {
      StringBuilder lines = new StringBuilder();
      String header = null;
      for (FamilyLines object : objects) {
        String own = object.lines().get(family.name());
        if (own != null) {
          String ownHeader = object.headers().get(family.name());
          assertThat(header == null || header.equals(ownHeader))
              .as("every object writes the same HELP/TYPE of %s", family.name())
              .isTrue();
          header = ownHeader;
          lines.append(own);
        }
      }
      if (lines.length() > 0) {
        expected.append(header).append(lines);
      }
    }
    if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
      expected.append("# EOF\n");
    }
    return expected.toString();
  }

  /**
   * One single-object exposition cut into families: each family's HELP/TYPE lines and its series
   * lines. A label value cannot hold a raw line feed (it is escaped), so lines are split at {@code
   * \n}.
   */
  private record FamilyLines(Map<String, String> headers, Map<String, String> lines) {

    static FamilyLines of(String text) {
      Map<String, StringBuilder> headers = new LinkedHashMap<>();
      Map<String, StringBuilder> lines = new LinkedHashMap<>();
      String family = null;
      for (String line : text.split("\n")) {
        if (line.isEmpty() || line.equals("# EOF")) {
          continue;
        }
        if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
          family = line.substring(7, line.indexOf(' ', 7));
          headers.computeIfAbsent(family, f -> new StringBuilder()).append(line).append('\n');
        } else {
          assertThat(family).as("a series before any HELP/TYPE: %s", line).isNotNull();
          assertThat(line).startsWith(family);
          assertThat(line.charAt(family.length())).isIn('{', ' ');
          lines.computeIfAbsent(family, f -> new StringBuilder()).append(line).append('\n');
        }
      }
      return new FamilyLines(asStrings(headers), asStrings(lines));
    }

    private static Map<String, String> asStrings(Map<String, StringBuilder> builders) {
      Map<String, String> strings = new HashMap<>();
      builders.forEach((family, text) -> strings.put(family, text.toString()));
      return strings;
    }
  }
}
