package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.testkit.MetricsAssert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code render PATH...}: offline mapping of manifest files. */
class RenderCommandTest {

  private static final String BACKUP_SESSION =
      """
      apiVersion: core.kubestash.com/v1alpha1
      kind: BackupSession
      metadata:
        name: %s
        namespace: demo
        creationTimestamp: "2024-05-01T02:00:00Z"
      spec:
        invoker: {apiGroup: core.kubestash.com, kind: BackupConfiguration, name: nightly}
        session: daily
      status:
        phase: %s
        duration: 1m5.2s
      """;

  private record Run(int exitCode, String stdout, String stderr) {}

  @TempDir Path dir;

  @Test
  void everyRealExampleRendersToValidTextWithExitZero() {
    Path examples =
        Path.of(
            System.getProperty("kubestash.shared.dir", "../../shared"), "reference", "examples");
    assumeTrue(Files.isDirectory(examples), "../shared/reference/examples is absent: skipping");
    Run run = render(examples.toString());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    MetricsAssert.assertThat(run.stdout()).isValid();
    long families = run.stdout().lines().filter(l -> l.startsWith("# TYPE ")).count();
    assertThat(families).isEqualTo(MetricCatalogue.standard().families().size());
  }

  @Test
  void multiDocumentYamlListsAndJsonAreAllRendered() throws Exception {
    Files.writeString(
        dir.resolve("sessions.yaml"),
        BACKUP_SESSION.formatted("s1", "Succeeded")
            + "---\n"
            + BACKUP_SESSION.formatted("s2", "Failed")
            + "---\n");
    Files.createDirectories(dir.resolve("nested"));
    Files.writeString(
        dir.resolve("nested/list.yml"),
        "apiVersion: v1\nkind: List\nitems:\n"
            + BACKUP_SESSION.formatted("s3", "Running").indent(2).replaceFirst("  ", "- "));
    Files.writeString(
        dir.resolve("nested/repo.json"),
        "{\"apiVersion\":\"storage.kubestash.com/v1alpha1\",\"kind\":\"Repository\","
            + "\"metadata\":{\"name\":\"repo\",\"namespace\":\"demo\"},"
            + "\"status\":{\"snapshotCount\":7}}");
    Files.writeString(dir.resolve("ignored.txt"), "not a manifest");

    Run run = render(dir.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    MetricsAssert.assertThat(run.stdout())
        .isValid()
        .familyCount("core_kubestash_com_backupsession_info", 3)
        .hasSeries(
            "core_kubestash_com_backupsession_duration_seconds",
            Map.of(
                "backupsession", "s1",
                "namespace", "demo",
                "invoker_kind", "BackupSession",
                "invoker_name", "s1",
                "backup_invoker_kind", "BackupConfiguration",
                "backup_invoker_name", "nightly"),
            65.2)
        .familyCount("storage_kubestash_com_repository_snapshot_count_total", 1);
    assertThat(
            run.stdout()
                .lines()
                .filter(l -> l.startsWith("# HELP core_kubestash_com_backupsession_info ")))
        .as("one family block per family")
        .hasSize(1);
  }

  @Test
  void otherKindsAreSkippedWithANote() throws Exception {
    Files.writeString(
        dir.resolve("mixed.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n"
            + BACKUP_SESSION.formatted("s1", "Succeeded"));
    Run run = render(dir.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.stderr()).contains("mixed.yaml document 0").contains("ConfigMap");
    assertThat(run.stdout()).contains("backupsession=\"s1\"");
  }

  @Test
  void unparseableDocumentIsReportedWithFileAndIndexAndTheRestStillRenders() throws Exception {
    Files.writeString(dir.resolve("a-good.yaml"), BACKUP_SESSION.formatted("good", "Succeeded"));
    Files.writeString(
        dir.resolve("b-broken.yaml"),
        BACKUP_SESSION.formatted("before", "Running") + "---\nkind: [unclosed\n  : : :\n");
    Files.writeString(dir.resolve("c-broken.json"), "{\"kind\": ");

    Run run = render(dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .contains("b-broken.yaml document 1")
        .contains("c-broken.json document 0");
    MetricsAssert.assertThat(run.stdout()).isValid();
    assertThat(run.stdout())
        .contains("backupsession=\"good\"")
        .contains("backupsession=\"before\"");
  }

  @Test
  void oddValuesAreMappedByTheContractsRulesNotReportedAsErrors() throws Exception {
    Files.writeString(
        dir.resolve("odd.yaml"),
        """
        apiVersion: storage.kubestash.com/v1alpha1
        kind: Repository
        metadata: {name: odd, namespace: demo}
        status:
          phase: SomethingNew
          snapshotCount: seven
          size: twelve bytes
          integrity: true
        """);
    Run run = render(dir.toString());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    MetricsAssert.assertThat(run.stdout())
        .isValid()
        .hasNoFamily("storage_kubestash_com_repository_snapshot_count_total")
        .hasNoFamily("storage_kubestash_com_repository_size_bytes")
        .familyCount("storage_kubestash_com_repository_info", 1);
    assertThat(run.stderr()).contains("dropped:").contains("snapshot_count_total");
  }

  @Test
  void missingPathIsAUsageErrorAndNothingIsRendered() {
    Run run = render(dir.resolve("nope.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void helpListsTheServeFlagsAndTheRenderCommand() {
    CommandLine cli = Main.commandLine();
    String usage = cli.getUsageMessage();
    assertThat(usage)
        .contains("--kubeconfig", "--namespaces", "--label-selector", "--kinds", "--port")
        .contains("--telemetry-port", "--log-level", "--demo", "render");
  }

  private static Run render(String... paths) {
    CommandLine cli = Main.commandLine();
    RenderCommand command = cli.getSubcommands().get("render").getCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    command.stdout = out;
    command.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit =
        cli.execute(Stream.concat(Stream.of("render"), Stream.of(paths)).toArray(String[]::new));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
