package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.MetricsAssert;
import io.github.kubestashmetrics.testkit.Series;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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
    String openMetrics =
        ExpositionWriter.toText(CATALOGUE, List.of(rendered), ExpositionFormat.OPENMETRICS_1_0_0);

    // The strict parser rejects any forged line, comment or series, in either format.
    MetricsAssert.assertThatOpenMetrics(openMetrics).isValid();
    List<Series> samples = MetricsAssert.assertThat(text).isValid().exposition().series();
    assertThat(samples).hasSize(rendered.seriesCount()).hasSize(6);
    assertThat(text.lines().filter(line -> line.startsWith("#"))).hasSize(12);
    assertThat(ExpositionParser.parseOpenMetrics(openMetrics).series()).isEqualTo(samples);
    // A lone surrogate cannot be encoded in UTF-8; it becomes '?' as in String.getBytes.
    String expected = hostile.replace("\ud800", "?");
    for (Series sample : samples) {
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
}
