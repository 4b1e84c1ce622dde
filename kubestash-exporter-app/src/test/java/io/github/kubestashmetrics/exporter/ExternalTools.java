package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The command-line tools some tests run (promtool, prometheus, kubectl): whether they are there,
 * and promtool's verdict on an exposition. Public for the demo module's tests (test-jar).
 */
public final class ExternalTools {

  /**
   * promtool's findings the contract itself mandates: these gauges end in {@code _total} and this
   * label is camelCase because KubeStash named them so, and dashboards query those names.
   */
  public static final List<String> CONTRACT_MANDATED_FINDINGS =
      List.of(
          "storage_kubestash_com_repository_snapshot_count_total non-counter metrics should not"
              + " have \"_total\" suffix",
          "core_kubestash_com_restoresession_component_count_total non-counter metrics should not"
              + " have \"_total\" suffix",
          "storage_kubestash_com_snapshot_component_count_total non-counter metrics should not"
              + " have \"_total\" suffix",
          "storage_kubestash_com_backupstorage_info label names should be written in 'snake_case'"
              + " not 'camelCase'");

  private ExternalTools() {}

  static boolean onPath(String tool) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }

  /**
   * Skips the calling test when the tool is missing, except in CI ({@code CI=true}), where {@code
   * .ci/run} installs it and its absence must fail rather than silently skip.
   */
  public static void require(String tool) {
    assumeTrue(availableOrFailInCi(tool), tool + " is not installed: skipping");
  }

  /** Whether the tool is there; in CI ({@code CI=true}) its absence fails the calling test. */
  static boolean availableOrFailInCi(String tool) {
    boolean found = onPath(tool);
    if (!found && "true".equals(System.getenv("CI"))) {
      fail(tool + " is not installed, but CI must run this test (.ci/run installs it)");
    }
    return found;
  }

  /** {@code promtool check metrics} on this exposition: its distinct findings, in order. */
  public static List<String> promtoolCheckMetrics(Path workDir, String exposition)
      throws IOException, InterruptedException {
    Path input = Files.createTempFile(workDir, "scrape", ".txt");
    Files.writeString(input, exposition);
    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics")
            .redirectInput(input.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // promtool repeats a finding for every series; one of each is enough.
    return output.lines().map(String::trim).filter(l -> !l.isEmpty()).distinct().toList();
  }
}
