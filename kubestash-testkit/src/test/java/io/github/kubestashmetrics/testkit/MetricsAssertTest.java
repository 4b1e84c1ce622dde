package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsAssertTest {

  private static final String PHASE = "core_kubestash_com_backupsession_phase";
  private static final String TEXT =
      """
      # HELP core_kubestash_com_backupsession_phase BackupSession object current phase
      # TYPE core_kubestash_com_backupsession_phase gauge
      core_kubestash_com_backupsession_phase{backupsession="b",namespace="demo",phase="Running"} 0
      core_kubestash_com_backupsession_phase{backupsession="b",namespace="demo",phase="Succeeded"} 1
      """;

  private static Map<String, String> phase(String phase) {
    return Map.of("namespace", "demo", "backupsession", "b", "phase", phase);
  }

  @Test
  void passesOnWhatTheTextHolds() {
    MetricsAssert.assertThat(TEXT)
        .isValid()
        .hasFamily(PHASE)
        .hasFamily(PHASE, "gauge", "BackupSession object current phase")
        .hasSeries(PHASE, phase("Succeeded"), 1)
        .hasSeries(PHASE, phase("Running"))
        .hasNoSeries(PHASE, phase("Failed"))
        .hasNoSeries("other", Map.of())
        .hasNoFamily("other")
        .familyCount(PHASE, 2)
        .familyCount("other", 0)
        .hasFamilyNames(PHASE)
        .hasSameSeriesAs(
            """
            # TYPE core_kubestash_com_backupsession_phase gauge
            # HELP core_kubestash_com_backupsession_phase BackupSession object current phase
            core_kubestash_com_backupsession_phase{phase="Succeeded",namespace="demo",backupsession="b"} 1
            core_kubestash_com_backupsession_phase{backupsession="b",namespace="demo",phase="Running"} 0
            """);
    MetricsAssert.assertThat(TEXT).series(PHASE).hasSize(2);
    MetricsAssert.assertThatOpenMetrics(TEXT + "# EOF\n").hasSeries(PHASE, phase("Running"), 0);
  }

  @Test
  void failsOnAWrongValueAMissingSeriesOrAWrongCount() {
    assertThatThrownBy(() -> MetricsAssert.assertThat(TEXT).hasSeries(PHASE, phase("Running"), 1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have value <1.0> but was <0.0>");
    assertThatThrownBy(() -> MetricsAssert.assertThat(TEXT).hasSeries(PHASE, phase("Failed"), 0))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("phase=Succeeded");
    assertThatThrownBy(() -> MetricsAssert.assertThat(TEXT).hasNoSeries(PHASE, phase("Running")))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> MetricsAssert.assertThat(TEXT).familyCount(PHASE, 5))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have 5 series but had 2");
    assertThatThrownBy(() -> MetricsAssert.assertThat(TEXT).hasFamily("missing"))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () -> MetricsAssert.assertThat(TEXT).hasSameSeriesAs(TEXT.replace("} 1", "} 2")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Missing");
  }

  @Test
  void invalidTextFailsEveryAssertionWithLineAndRule() {
    String invalid = TEXT + "core_kubestash_com_backupsession_phase{phase=\"x\\t\"} 1\n";

    assertThatThrownBy(() -> MetricsAssert.assertThat(invalid).isValid())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("line 5: BAD_ESCAPE");
    assertThatThrownBy(() -> MetricsAssert.assertThat(invalid).familyCount(PHASE, 2))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("line 5");
    MetricsAssert.assertThat(invalid).isRejectedFor(ExpositionViolation.BAD_ESCAPE);
    assertThatThrownBy(() -> MetricsAssert.assertThatOpenMetrics(TEXT).isValid())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("MISSING_EOF");
    assertThatThrownBy(
            () -> MetricsAssert.assertThat(TEXT).isRejectedFor(ExpositionViolation.BAD_ESCAPE))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void subsetMatcherNamesSomeLabelsWhereTheExactOneNeedsAll() {
    Map<String, String> someLabels = Map.of("backupsession", "b", "phase", "Succeeded");
    MetricsAssert.assertThat(TEXT)
        .hasSeriesWith(PHASE, someLabels, 1)
        .hasSeriesWith(PHASE, Map.of("phase", "Running"))
        .hasSeriesWith(PHASE, Map.of("namespace", "demo"), 0)
        .hasSeriesWith(PHASE, Map.of("namespace", "demo"), 1)
        .hasSeriesWith(PHASE, phase("Running"), 0)
        .hasNoSeriesWith(PHASE, Map.of("phase", "Failed"))
        .hasNoSeriesWith("other", Map.of("phase", "Failed"))
        .hasNoSeries(PHASE, someLabels);
    assertThatThrownBy(() -> MetricsAssert.assertThat(TEXT).hasSeries(PHASE, someLabels, 1))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void subsetMatcherFailsOnAWrongValueOrLabelsNoSeriesCarries() {
    assertThatThrownBy(
            () ->
                MetricsAssert.assertThat(TEXT).hasSeriesWith(PHASE, Map.of("phase", "Running"), 1))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("with value <1.0>")
        .hasMessageContaining("phase=Running");
    assertThatThrownBy(
            () -> MetricsAssert.assertThat(TEXT).hasSeriesWith(PHASE, Map.of("phase", "Failed")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("phase=Succeeded");
    assertThatThrownBy(
            () -> MetricsAssert.assertThat(TEXT).hasSeriesWith(PHASE, Map.of("pod", "x"), 0))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(
            () ->
                MetricsAssert.assertThat(TEXT).hasNoSeriesWith(PHASE, Map.of("namespace", "demo")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("phase=Running");
  }
}
