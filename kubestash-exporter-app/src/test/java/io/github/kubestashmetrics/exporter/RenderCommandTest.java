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

  private static final String ANCHORED =
      """
      apiVersion: core.kubestash.com/v1alpha1
      kind: BackupConfiguration
      metadata: {name: &config nightly, namespace: &ns demo}
      spec:
        target: &target {apiGroup: apps, kind: StatefulSet, name: db, namespace: *ns}
        sessions:
        - &daily {name: daily, scheduler: {schedule: "0 1 * * *"}, addon: {name: &addon pg}}
        - <<: *daily
          name: weekly
      status:
        phase: Ready
        conditions:
        - &ok {type: ValidationPassed, status: "True"}
      ---
      apiVersion: storage.kubestash.com/v1alpha1
      kind: Repository
      metadata: {name: &repo repo-a, namespace: demo}
      spec:
        appRef: &app {apiGroup: apps, kind: StatefulSet, name: *repo, namespace: demo}
        path: *repo
      status:
        snapshotCount: &count 7
        integrity: &intact true
        conditions: [&init {type: Initialized, status: "True"}, *init]
      """;

  /** {@link #ANCHORED} with every alias written out, as kubectl and PyYAML read it. */
  private static final String EXPANDED =
      """
      apiVersion: core.kubestash.com/v1alpha1
      kind: BackupConfiguration
      metadata: {name: nightly, namespace: demo}
      spec:
        target: {apiGroup: apps, kind: StatefulSet, name: db, namespace: demo}
        sessions:
        - {name: daily, scheduler: {schedule: "0 1 * * *"}, addon: {name: pg}}
        - {name: weekly, scheduler: {schedule: "0 1 * * *"}, addon: {name: pg}}
      status:
        phase: Ready
        conditions:
        - {type: ValidationPassed, status: "True"}
      ---
      apiVersion: storage.kubestash.com/v1alpha1
      kind: Repository
      metadata: {name: repo-a, namespace: demo}
      spec:
        appRef: {apiGroup: apps, kind: StatefulSet, name: repo-a, namespace: demo}
        path: repo-a
      status:
        snapshotCount: 7
        integrity: true
        conditions: [{type: Initialized, status: "True"}, {type: Initialized, status: "True"}]
      """;

  @Test
  void anchorsAndAliasesWithinADocumentReadAsTheirAnchoredNodes() throws Exception {
    Path anchored = Files.writeString(dir.resolve("anchored.yaml"), ANCHORED);
    Path expanded = Files.writeString(dir.resolve("expanded.yaml.txt"), EXPANDED);

    Run withAliases = render(anchored.toString());
    Run written = render(expanded.toString());

    assertThat(withAliases.exitCode()).as(withAliases.stderr()).isZero();
    assertThat(withAliases.stderr()).doesNotContain("dropped:");
    assertThat(withAliases.stdout()).isEqualTo(written.stdout());
    MetricsAssert.assertThat(withAliases.stdout())
        .isValid()
        .familyCount("core_kubestash_com_backupconfiguration_sessions", 2)
        .hasSeries(
            "storage_kubestash_com_repository_snapshot_count_total",
            Map.of(
                "repository", "repo-a",
                "namespace", "demo",
                "invoker_kind", "Repository",
                "invoker_name", "repo-a",
                "target_kind", "StatefulSet",
                "target_name", "repo-a",
                "target_namespace", "demo"),
            7);
  }

  @Test
  void anAliasToAnotherDocumentsAnchorIsAnErrorOfThatDocumentOnly() throws Exception {
    Files.writeString(
        dir.resolve("across.yaml"),
        ANCHORED
            + """
            ---
            apiVersion: storage.kubestash.com/v1alpha1
            kind: Repository
            metadata: {name: repo-b, namespace: demo}
            spec: {appRef: *app}
            ---
            """
            + BACKUP_SESSION.formatted("after", "Succeeded"));

    Run run = render(dir.resolve("across.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr())
        .contains(
            "across.yaml document 2: alias *app refers to no anchor earlier in this document"
                + " (anchors are per document, as kubectl and PyYAML read YAML)");
    MetricsAssert.assertThat(run.stdout())
        .isValid()
        .familyCount("storage_kubestash_com_repository_info", 1)
        .familyCount("core_kubestash_com_backupsession_info", 1)
        .familyCount("core_kubestash_com_backupconfiguration_sessions", 2);
    assertThat(run.stdout()).doesNotContain("repo-b");
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
        .contains("--telemetry-port", "--log-level", "render")
        .doesNotContain("--demo"); // the demo jar's option (issue 20)
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
