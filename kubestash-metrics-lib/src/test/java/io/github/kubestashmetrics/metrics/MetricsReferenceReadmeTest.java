package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The module README's metrics reference is generated from the catalogue's descriptors. When they
 * differ this test fails and prints the block to paste; {@code -Dkubestash.updateReadme=true}
 * writes it instead.
 */
class MetricsReferenceReadmeTest {

  static final String START = "<!-- metrics-reference:start -->";
  static final String END = "<!-- metrics-reference:end -->";

  static String referenceBlock(MetricCatalogue catalogue) {
    StringBuilder out = new StringBuilder();
    out.append(START).append('\n');
    out.append("| # | family | HELP | labels (in order) |\n");
    out.append("|---|---|---|---|\n");
    for (FamilyDescriptor family : catalogue.families()) {
      out.append("| ")
          .append(family.index())
          .append(" | `")
          .append(family.name())
          .append("` | ")
          .append(family.help())
          .append(" | ")
          .append(String.join(", ", family.labelNames().stream().map(l -> "`" + l + "`").toList()))
          .append(" |\n");
    }
    out.append(END);
    return out.toString();
  }

  @Test
  void readmeMetricsReferenceMatchesTheCatalogue() throws IOException {
    Path readme = Path.of("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    String expected = referenceBlock(MetricCatalogue.standard());
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    assertThat(start).as("README has " + START).isNotNegative();
    assertThat(end).as("README has " + END).isGreaterThan(start);
    String actual = text.substring(start, end + END.length());
    if (!actual.equals(expected)) {
      if (Boolean.getBoolean("kubestash.updateReadme")) {
        Files.writeString(
            readme,
            text.substring(0, start) + expected + text.substring(end + END.length()),
            StandardCharsets.UTF_8);
        return;
      }
      System.out.println("Expected README block (or run with -Dkubestash.updateReadme=true):");
      System.out.println(expected);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void readmeEmbeddingExampleIsTheCodeEmbeddingApiTestRuns() throws IOException {
    assertReadmeShowsTheExampleOf(
        "src/test/java/io/github/kubestashmetrics/metrics/EmbeddingApiTest.java");
  }

  @Test
  void readmePlanExampleIsTheCodePlanEmbeddingTestRuns() throws IOException {
    assertReadmeShowsTheExampleOf(
        "src/test/java/io/github/kubestashmetrics/metrics/plan/PlanEmbeddingTest.java");
  }

  private static void assertReadmeShowsTheExampleOf(String testFile) throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    String test = Files.readString(Path.of(testFile), StandardCharsets.UTF_8);
    String start = "// readme-example:start\n";
    String end = "    // readme-example:end";
    String code = test.substring(test.indexOf(start) + start.length(), test.indexOf(end));
    String unindented =
        code.lines().map(line -> line.replaceFirst("^    ", "")).toList().stream()
            .reduce("", (a, b) -> a + b + "\n");
    assertThat(readme).contains("```java\n" + unindented + "```");
  }
}
