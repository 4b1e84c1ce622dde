package io.github.kubestashmetrics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the whole harness (a few hundred objects, a few repetitions): every measurement
 * runs, the RESULT line has every field, and the report section replaces itself in place. The long
 * runs are only ever started by hand (see BENCHMARKS.md).
 */
class ScaleHarnessTest {

  @TempDir Path dir;

  @Test
  void smallRunPrintsEveryResultFieldAndUpdatesTheReportInPlace() throws Exception {
    Path report = dir.resolve("BENCHMARKS.md");
    Files.writeString(
        report,
        "# Benchmarks\n\nnotes before\n\n"
            + ScaleReport.START
            + "\nold numbers\n"
            + ScaleReport.END
            + "\n\nnotes after\n");
    ScaleOptions options =
        ScaleOptions.parse(
            "--objects",
            "400",
            "--scrapes",
            "3",
            "--warmups",
            "1",
            "--naive-scrapes",
            "1",
            "--passes",
            "1",
            "--churn-rate",
            "500",
            "--startup-objects",
            "60",
            "--startup-runs",
            "1",
            "--report",
            report.toString());

    ScaleReport result = new ScaleHarness(options).run();
    result.writeTo(report);

    assertThat(result.resultLine())
        .matches(
            "RESULT scrape_vs_limit=[0-9.]+ scrape_speedup_vs_naive=[0-9.]+"
                + " store_vs_exposition=[0-9.]+ render_vs_deserialize=[0-9.]+"
                + " churn_p99_vs_idle=[0-9.]+ ready_vs_list=[0-9.]+ gzip_scrape_vs_limit=[0-9.]+"
                + " gzip_speedup_vs_onthefly=[0-9.]+ gzip_bytes_vs_stream=[0-9.]+"
                + " gzip_churn_p99_vs_idle=[0-9.]+ gzip_uniform_churn_p99_vs_onthefly=[0-9.]+"
                + " update_vs_deserialize=[0-9.]+ engine_update_vs_typed=[0-9.]+"
                + " cluster_ready_vs_list=[0-9.]+ cluster_ready_vs_builtin=[0-9.]+"
                + " cluster_gzip_scrape_vs_limit=[0-9.]+ cluster_gzip_scrape_vs_builtin=[0-9.]+"
                + " put_p99_under_scrape_ms=[0-9.]+ put_p99_under_scrape_ms_before=[0-9.]+"
                + " gzip_speedup_vs_naive=[0-9.]+"
                + " objects=400 series=[0-9]+ exposition_bytes=[0-9]+");
    assertThat(result.expositionBytes()).isPositive();
    String text = Files.readString(report);
    assertThat(text)
        .startsWith("# Benchmarks\n\nnotes before\n\n" + ScaleReport.START)
        .endsWith(ScaleReport.END + "\n\nnotes after\n")
        .contains(result.resultLine())
        .contains("| (a) scrape of the store | 3 |")
        .contains("| (k) gzip scrape, cluster mode: six engine stores, writeAll | 3 |")
        .contains("| (f) cluster mode: exporter start to /readyz 200 | 1 |")
        .contains("| (c) naive, gzip as Prometheus asks: client_java collector + HTTPServer | 1 |")
        .doesNotContain("old numbers");
  }

  @Test
  void unknownFlagsAreRejected() {
    assertThatThrownBy(() -> ScaleOptions.parse("--objects", "0"))
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> ScaleOptions.parse("--fast")).hasMessageContaining("--fast");
  }

  @Test
  void percentilesAreByNearestRank() {
    Samples samples = new Samples("t", new double[] {5, 1, 4, 2, 3});
    assertThat(samples.median()).isEqualTo(3);
    assertThat(samples.p99()).isEqualTo(5);
    assertThat(samples.percentile(0.5)).isEqualTo(3);
    double[] hundred = new double[200];
    for (int i = 0; i < hundred.length; i++) {
      hundred[i] = i + 1;
    }
    assertThat(new Samples("t", hundred).p99()).isEqualTo(198);
    assertThat(new Samples("t", hundred).median()).isEqualTo(100.5);
  }
}
