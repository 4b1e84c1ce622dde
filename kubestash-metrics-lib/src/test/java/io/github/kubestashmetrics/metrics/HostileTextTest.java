package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Object content only ever appears escaped inside label values: it cannot forge anything. */
class HostileTextTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  static Stream<String> hostileTexts() {
    return Stream.of(
        "a\"b",
        "back\\slash",
        "trailing\\",
        "new\nline",
        "\n# HELP storage_kubestash_com_repository_info forged\n",
        "x\"} 1\nstorage_kubestash_com_repository_info{repository=\"forged\"} 1\n#",
        "}",
        "# TYPE x counter",
        "\\\"\\n\\\\",
        "carriage\rreturn\ttab",
        "unicode: žluťoučký kůň, 日本語, emoji 🚀, rtl \u202e, nbsp\u00a0",
        "lone surrogate \ud800 end",
        "x".repeat(10_000) + "\"\n\\");
  }

  @ParameterizedTest
  @MethodSource("hostileTexts")
  void hostileTextStaysInsideEscapedLabelValues(String hostile) {
    Repository repository = GoldenFixtures.fullRepository();
    repository.getMetadata().setName(hostile);
    repository.getSpec().setPath(hostile);
    repository.getStatus().getConditions().forEach(condition -> condition.setType(hostile));
    RenderedObject rendered = CATALOGUE.render(repository);
    String text =
        ExpositionWriter.toText(CATALOGUE, List.of(rendered), ExpositionFormat.TEXT_0_0_4);

    List<ExpositionLineChecker.Sample> samples = ExpositionLineChecker.read(text);
    assertThat(samples).hasSize(rendered.seriesCount()).hasSize(6);
    assertThat(text.lines().filter(line -> line.startsWith("#"))).hasSize(12);
    // A lone surrogate cannot be encoded in UTF-8; it becomes '?' as in String.getBytes.
    String expected = hostile.replace("\ud800", "?");
    for (ExpositionLineChecker.Sample sample : samples) {
      assertThat(sample.labels()).containsEntry("repository", expected);
      assertThat(sample.labels()).containsEntry("invoker_name", expected);
    }
    Map<String, String> info =
        samples.stream()
            .filter(s -> s.name().equals("storage_kubestash_com_repository_info"))
            .findFirst()
            .orElseThrow()
            .labels();
    assertThat(info).containsEntry("path", expected);
  }

  @Test
  void theCheckerRejectsForgedAndUnescapedLines() {
    String header = "# HELP x_info h\n# TYPE x_info gauge\n";
    assertThatThrownBy(() -> ExpositionLineChecker.read(header + "x_info{a=\"b\"c\"} 1\n"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ExpositionLineChecker.read(header + "x_info{a=\"b\\x\"} 1\n"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ExpositionLineChecker.read(header + "x_info{a=\"b\"} 1e3\n"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ExpositionLineChecker.read(header + "y_info 1\n"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> ExpositionLineChecker.read(header + "x_info{a=\"1\",a=\"2\"} 1\n"))
        .isInstanceOf(AssertionError.class);
    assertThat(ExpositionLineChecker.read(header + "x_info{a=\"q\\\"\\n\\\\\"} 1\n"))
        .extracting(ExpositionLineChecker.Sample::labels)
        .containsExactly(Map.of("a", "q\"\n\\"));
  }
}
