package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The interim checker that {@link EmbeddingApiTest} still uses rejects what it must. The other
 * tests read exposition text with the testkit's strict {@code ExpositionParser}.
 */
class ExpositionLineCheckerTest {

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
