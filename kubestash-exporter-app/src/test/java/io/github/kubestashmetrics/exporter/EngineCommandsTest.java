package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.plan.ConfigurationPlan;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.MetricsAssert;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code export-config}, {@code render --metrics-config} and {@code validate}. */
class EngineCommandsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static final String BACKUP_SESSION =
      """
      apiVersion: core.kubestash.com/v1alpha1
      kind: BackupSession
      metadata: {name: s1, namespace: demo, creationTimestamp: "2024-05-01T02:00:00Z"}
      spec:
        invoker: {apiGroup: core.kubestash.com, kind: BackupConfiguration, name: nightly}
      status: {phase: Failed, duration: 1m5.2s, conditions: [{type: Ready, status: "False"}]}
      """;

  private record Run(int exitCode, String stdout, String stderr) {}

  @TempDir Path dir;

  @Test
  void exportConfigPrintsSixConfigurationsThatCompileToThe36Families() throws Exception {
    Run run = run("export-config");
    assertThat(run.exitCode()).isZero();
    List<MetricsConfiguration> configurations = new ArrayList<>();
    YAML.readerFor(MetricsConfiguration.class)
        .readValues(run.stdout())
        .forEachRemaining(c -> configurations.add((MetricsConfiguration) c));
    assertThat(configurations).hasSize(6);
    ConfigurationPlan plan = ConfigurationPlan.of(configurations);
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.catalogue().families()).hasSize(36);
  }

  /**
   * KubeStash's installer creates the same six configurations under these names, so {@code kubectl
   * apply} of the export over them updates them instead of adding six that define every family a
   * second time.
   */
  @Test
  void exportConfigNamesEachConfigurationAsKubeStashsInstallerDoesForItsTarget() throws Exception {
    Path reference =
        Path.of(
            System.getProperty("kubestash.shared.dir", "../../shared"),
            "reference",
            "metricsconfigurations");
    assumeTrue(Files.isDirectory(reference), "../shared/reference is absent: skipping");
    Map<String, String> installer = new TreeMap<>();
    for (MetricsConfiguration configuration :
        MetricsConfigurationFiles.load(List.of(reference)).configurations()) {
      installer.put(
          configuration.getSpec().getTargetRef().getKind(), configuration.getMetadata().getName());
    }
    assertThat(installer).hasSize(6);
    Map<String, String> exported = new TreeMap<>();
    YAML.readerFor(MetricsConfiguration.class)
        .readValues(run("export-config").stdout())
        .forEachRemaining(
            c ->
                exported.put(
                    ((MetricsConfiguration) c).getSpec().getTargetRef().getKind(),
                    ((MetricsConfiguration) c).getMetadata().getName()));
    assertThat(exported).isEqualTo(installer);
  }

  @Test
  void renderWithTheExportedConfigurationsGivesTheBuiltInCataloguesBytes() throws Exception {
    Path configs = exportConfigs();
    Path manifests = dir.resolve("objects.yaml");
    Files.writeString(manifests, BACKUP_SESSION);
    List<String> inputs = new ArrayList<>(List.of(manifests.toString()));
    Path examples =
        Path.of(
            System.getProperty("kubestash.shared.dir", "../../shared"), "reference", "examples");
    if (Files.isDirectory(examples)) {
      inputs.add(examples.toString());
    }
    Run builtIn = run(concat(List.of("render"), inputs));
    Run configured = run(concat(List.of("render", "--metrics-config", configs.toString()), inputs));
    assertThat(configured.exitCode()).as(configured.stderr()).isZero();
    assertThat(configured.stdout()).isEqualTo(builtIn.stdout());
    MetricsAssert.assertThat(configured.stdout()).isValid();
    assertThat(configured.stdout())
        .contains(
            "core_kubestash_com_backupsession_phase{backupsession=\"s1\",namespace=\"demo\","
                + "invoker_kind=\"BackupSession\",invoker_name=\"s1\","
                + "backup_invoker_kind=\"BackupConfiguration\",backup_invoker_name=\"nightly\","
                + "phase=\"Failed\"} 1\n");
  }

  @Test
  void renderListsRejectedMetricsAndRendersTheOthersOfAnyKind() throws Exception {
    Files.writeString(
        dir.resolve("widget-config.yaml"),
        """
        apiVersion: metrics.appscode.com/v1alpha1
        kind: MetricsConfiguration
        metadata: {name: widgets}
        spec:
          targetRef: {apiVersion: example.com/v1, kind: Widget}
          metrics:
          - {name: replicas, help: Replicas, type: gauge,
             field: {path: .spec.replicas, type: Integer},
             metricValue: {valueFromPath: .spec.replicas}}
          - {name: cpu, help: CPU, type: gauge, params: [{key: obj, valuePath: .}],
             metricValue: {valueFromExpression: 'obj.Spec.Cpu'}}
          - {name: cores, help: Cores, type: gauge, params: [{key: obj, valuePath: .}],
             metricValue: {valueFromExpression: 'total_resource_requests(obj, "cpu")'}}
        """);
    Files.writeString(
        dir.resolve("widget.yaml"),
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {replicas: 3}\n");
    Run run =
        run(
            "render",
            "--metrics-config",
            dir.resolve("widget-config.yaml").toString(),
            dir.resolve("widget.yaml").toString());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .isEqualTo(
            "# HELP example_com_widget_replicas Replicas\n"
                + "# TYPE example_com_widget_replicas gauge\n"
                + "example_com_widget_replicas{widget=\"w\"} 3\n");
    assertThat(run.stderr())
        .contains(
            "widget-config.yaml document 0: widgets:"
                + " spec.metrics[1].metricValue.valueFromExpression (example_com_widget_cpu)")
        .contains("govaluate's accessors")
        .contains("[expression_unsupported]")
        // A calculator function on a kind without a calculator: no series, a counted error.
        .contains("dropped: example_com_widget_cores of Widget /w: no_calculator");
  }

  @Test
  void configurationAliasesResolveAsRenderReadsManifests() throws Exception {
    Path config = dir.resolve("anchored.yaml");
    Files.writeString(
        config,
        """
        apiVersion: metrics.appscode.com/v1alpha1
        kind: MetricsConfiguration
        metadata: {name: anchored}
        spec:
          targetRef: {apiVersion: example.com/v1, kind: Widget}
          metrics:
          - name: replicas
            help: &help "Replicas of this Widget"
            type: gauge
            field: &field {path: .spec.replicas, type: Integer}
            metricValue: {valueFromPath: .spec.replicas}
          - name: replicas_again
            help: *help
            type: gauge
            field: *field
            metricValue: {valueFromPath: .spec.replicas}
        """);
    Path widget = dir.resolve("widget.yaml");
    Files.writeString(
        widget,
        """
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: w, namespace: demo}
        spec: {replicas: 3}
        """);
    Run run = run("render", "--metrics-config", config.toString(), widget.toString());
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("# HELP example_com_widget_replicas_again Replicas of this Widget\n")
        .contains("example_com_widget_replicas_again{widget=\"w\",namespace=\"demo\"} 3\n");
  }

  @Test
  void renderExitsOneForAnUnparseableConfigurationDocument() throws Exception {
    Files.writeString(dir.resolve("bad.yaml"), "apiVersion: [unclosed\n");
    Files.writeString(dir.resolve("objects.yaml"), BACKUP_SESSION);
    Run run =
        run(
            "render",
            "--metrics-config",
            dir.resolve("bad.yaml").toString(),
            dir.resolve("objects.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("bad.yaml document 0: cannot parse");
  }

  @Test
  void validateAcceptsTheExportedConfigurationsAgainstOurCrds() throws Exception {
    Path configs = exportConfigs();
    List<String> args = new ArrayList<>(List.of("validate", configs.toString()));
    for (String crd : ourCrds()) {
      args.add("--crd");
      args.add(crd);
    }
    Run run = run(args);
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(run.stdout()).contains("6 configurations, 36 metrics accepted, 0 problems");
  }

  @Test
  void validateAndRenderReadAMountedConfigMapDirectoryOnceAsPathModeDoes() throws Exception {
    // A ConfigMap volume: name -> ..data/name, ..data -> ..<timestamp>/ holding the real files.
    Path mount = Files.createDirectory(dir.resolve("mount"));
    Path timestamped = Files.createDirectory(mount.resolve("..2026_12_01_00_00_00.000000001"));
    Files.move(exportConfigs(), timestamped.resolve("kubestash.yaml"));
    Files.createSymbolicLink(mount.resolve("..data"), timestamped.getFileName());
    Files.createSymbolicLink(mount.resolve("kubestash.yaml"), Path.of("..data", "kubestash.yaml"));

    Run validate = run("validate", mount.toString());
    assertThat(validate.exitCode()).as(validate.stdout()).isZero();
    assertThat(validate.stdout()).contains("6 configurations, 36 metrics accepted, 0 problems");

    Path manifests = dir.resolve("objects.yaml");
    Files.writeString(manifests, BACKUP_SESSION);
    Run render = run("render", "--metrics-config", mount.toString(), manifests.toString());
    assertThat(render.exitCode()).as(render.stderr()).isZero();
    assertThat(render.stdout()).isEqualTo(run("render", manifests.toString()).stdout());
  }

  @Test
  void validateFollowsASymlinkedDirectoryAndSymlinkedSubdirectoriesAndFiles() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Files.move(exportConfigs(), real.resolve("kubestash.yaml"));
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Files.writeString(
        elsewhere.resolve("widgets.yaml"),
        ConfiguredApi.widgetConfiguration("widgets", "Replicas"));
    Files.writeString(
        elsewhere.resolve("gadgets.txt"), ConfiguredApi.infoConfiguration("gadgets", "Gadget"));
    Files.createSymbolicLink(real.resolve("linked-dir"), elsewhere);
    Files.createSymbolicLink(real.resolve("gadgets.yaml"), elsewhere.resolve("gadgets.txt"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);

    Run run = run("validate", link.toString());
    assertThat(run.exitCode()).as(run.stdout()).isZero();
    assertThat(run.stdout()).contains("8 configurations, 39 metrics accepted, 0 problems");
  }

  @Test
  void validateReportsASymlinkLoopOnceAndReadsTheRest() throws Exception {
    Path configs = Files.createDirectory(dir.resolve("configs"));
    Files.move(exportConfigs(), configs.resolve("kubestash.yaml"));
    Files.createSymbolicLink(configs.resolve("loop"), Path.of("."));

    Run run = run("validate", configs.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout().lines().filter(l -> l.startsWith("error: ")))
        .containsExactly(
            "error: "
                + configs.resolve("loop")
                + ": a symbolic link loop (it leads back to "
                + configs.toRealPath()
                + "); not followed");
    assertThat(run.stdout()).contains("6 configurations, 36 metrics accepted, 1 problems");
  }

  @Test
  void validateReportsAnUnreadableFileOnOneLineAndGoesOn() throws Exception {
    Path configs = Files.createDirectory(dir.resolve("configs"));
    Files.move(exportConfigs(), configs.resolve("a.yaml"));
    Path unreadable = UnreadableFiles.at(configs.resolve("b.yaml"));
    Files.writeString(
        configs.resolve("c.yaml"), ConfiguredApi.widgetConfiguration("widgets", "Replicas"));

    Run run = run("validate", configs.toString());
    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(1);
    List<String> errors = run.stdout().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith("error: " + unreadable + ": cannot read: ");
    assertThat(run.stdout() + run.stderr()).doesNotContain("Exception");
    assertThat(run.stdout()).contains("7 configurations, 38 metrics accepted, 1 problems");
  }

  @Test
  void validateNamesTheLineAndColumnOfAYamlError() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad, "apiVersion: metrics.appscode.com/v1alpha1\nkind: MetricsConfiguration\n  name: x\n");
    Run run = run("validate", bad.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout())
        .contains("error: " + bad + " document 0: cannot parse at line 3, column 7: ");
  }

  @Test
  void validateRejectsAFileOverTheYamlLimitByItsSize() throws Exception {
    Path big = dir.resolve("big.yaml");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(5_000_000); // sparse: cheap to make, and never parsed
    }
    Run run = run("validate", big.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout())
        .contains(
            "error: "
                + big
                + ": 5000000 bytes, over the limit of 3145728 bytes (3 MiB) for a YAML file;"
                + " not read");
  }

  @Test
  void validateReportsPathsTheCrdLacksOrTypesItForbids() throws Exception {
    Path configs = exportConfigs();
    String text =
        Files.readString(configs)
            .replace(".status.lastBackupTime", ".metadata.lastBackupTime")
            .replace("path: .spec.sessions\n", "path: .spec.target\n");
    Files.writeString(configs, text);
    List<String> args = new ArrayList<>(List.of("validate", configs.toString()));
    for (String crd : ourCrds()) {
      args.add("--crd");
      args.add(crd);
    }
    Run run = run(args);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout())
        .contains("ObjectMeta has no field 'lastBackupTime'")
        .contains(".spec.target: field.type Array, but the schema says object")
        .contains("reads another array than the field .spec.target");
  }

  @Test
  void validateOfTheUpstreamConfigurationsAcceptsEveryMetric() throws Exception {
    Path reference =
        Path.of(System.getProperty("kubestash.shared.dir", "../../shared"), "reference");
    assumeTrue(
        Files.isDirectory(reference.resolve("metricsconfigurations-ecosystem")),
        "../shared/reference is absent: skipping");
    Run run =
        run(
            "validate",
            reference.resolve("metricsconfigurations").toString(),
            reference.resolve("metricsconfigurations-ecosystem").toString());
    assertThat(run.exitCode()).isZero();
    List<String> errors = run.stdout().lines().filter(l -> l.startsWith("error: ")).toList();
    assertThat(errors).isEmpty();
    // validate agrees with the engine: one line per metric the engine rejects, and nothing else.
    MetricsConfigurationFiles.Loaded loaded =
        MetricsConfigurationFiles.load(
            List.of(
                reference.resolve("metricsconfigurations"),
                reference.resolve("metricsconfigurations-ecosystem")));
    ConfigurationPlan plan = ConfigurationPlan.ofSourced(loaded.sourced(), EngineOptions.DEFAULT);
    assertThat(loaded.errors()).isEmpty();
    assertThat(plan.problems()).isEmpty();
    assertThat(run.stdout())
        .contains(
            "50 configurations, "
                + plan.catalogue().families().size()
                + " metrics accepted, "
                + plan.problems().size()
                + " problems");
  }

  private Path exportConfigs() throws Exception {
    Path configs = dir.resolve("builtin.yaml");
    Files.writeString(configs, run("export-config").stdout());
    return configs;
  }

  private List<String> ourCrds() throws Exception {
    List<String> files = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      Path file = dir.resolve(kind.crdName() + ".yaml");
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(kind.crdResource())) {
        Files.write(file, in.readAllBytes());
      }
      files.add(file.toString());
    }
    return files;
  }

  /**
   * A configuration of Widgets named {@code name} whose one family {@code info} is {@code value}.
   */
  static String widgetInfo(String name, int value) {
    return """
        apiVersion: metrics.appscode.com/v1alpha1
        kind: MetricsConfiguration
        metadata: {name: %s}
        spec:
          targetRef: {apiVersion: example.com/v1, kind: Widget}
          metrics:
          - {name: info, help: Info, type: gauge, metricValue: {value: %d}}
        """
        .formatted(name, value);
  }

  @Test
  void validateAndRenderNameAndServeTheSameWinnerInBothFileOrders() throws Exception {
    Files.writeString(
        dir.resolve("widget.yaml"),
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n");
    // zz-config in the first file, then in the last: aa-config wins either way (no timestamps in
    // files: the first name wins), as PATH mode serves it.
    for (boolean zzFirst : List.of(true, false)) {
      Path configs = Files.createDirectories(dir.resolve("configs-" + zzFirst));
      Files.writeString(
          configs.resolve("a.yaml"),
          widgetInfo(zzFirst ? "zz-config" : "aa-config", zzFirst ? 1 : 2));
      Files.writeString(
          configs.resolve("b.yaml"),
          widgetInfo(zzFirst ? "aa-config" : "zz-config", zzFirst ? 2 : 1));
      String zzFile = configs.resolve(zzFirst ? "a.yaml" : "b.yaml").toString();
      String aaFile = configs.resolve(zzFirst ? "b.yaml" : "a.yaml").toString();

      Run validate = run("validate", configs.toString());
      assertThat(validate.exitCode()).isEqualTo(1);
      assertThat(validate.stdout())
          .contains(
              "error: "
                  + zzFile
                  + " document 0: zz-config: spec.metrics[0].name (example_com_widget_info):"
                  + " family already defined by aa-config ("
                  + aaFile
                  + " document 0)")
          .contains("[family_conflict]")
          .contains(
              "conflict: example_com_widget_info: served from aa-config ("
                  + aaFile
                  + " document 0), not from zz-config ("
                  + zzFile
                  + " document 0, spec.metrics[0])");
      Run json = run("validate", "--output", "json", configs.toString());
      JsonNode conflict = new ObjectMapper().readTree(json.stdout()).path("conflicts").get(0);
      assertThat(conflict.path("winner").path("configuration").asText()).isEqualTo("aa-config");
      assertThat(conflict.path("winner").path("source").path("file").asText()).isEqualTo(aaFile);
      assertThat(conflict.path("loser").path("configuration").asText()).isEqualTo("zz-config");
      assertThat(conflict.path("loser").path("source").path("file").asText()).isEqualTo(zzFile);

      Run render =
          run(
              "render",
              "--metrics-config",
              configs.toString(),
              dir.resolve("widget.yaml").toString());
      assertThat(render.stdout()).contains("example_com_widget_info{widget=\"w\"} 2\n");
      assertThat(render.stderr()).contains("zz-config").doesNotContain("rejected: " + aaFile);
    }
  }

  @Test
  void validateJsonGivesEveryProblemOfTheReferenceConfigurationsACodeAFullPathAndAFile()
      throws Exception {
    Path reference =
        Path.of(System.getProperty("kubestash.shared.dir", "../../shared"), "reference");
    assumeTrue(
        Files.isDirectory(reference.resolve("metricsconfigurations-ecosystem")),
        "../shared/reference is absent: skipping");
    // The 50 alone have no problem (every metric is accepted); beside them, a configuration of
    // our own with a bad expression and a bad label, targeting Redis again, so that problems
    // come from several places.
    Run clean =
        run(
            "validate",
            "--output",
            "json",
            reference.resolve("metricsconfigurations").toString(),
            reference.resolve("metricsconfigurations-ecosystem").toString());
    assertThat(clean.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(clean.stdout()).path("problems")).isEmpty();
    Files.writeString(
        dir.resolve("redis-extra.yaml"),
        """
        apiVersion: metrics.appscode.com/v1alpha1
        kind: MetricsConfiguration
        metadata: {name: redis-extra}
        spec:
          targetRef: {apiVersion: kubedb.com/v1, kind: Redis}
          metrics:
          - name: broken_expression
            help: h
            type: gauge
            metricValue: {valueFromExpression: "1 +"}
          - name: bad_label
            help: h
            type: gauge
            labels: [{key: "0bad", value: x}]
            metricValue: {value: 1}
        """);
    Run run =
        run(
            "validate",
            "--output",
            "json",
            reference.resolve("metricsconfigurations").toString(),
            reference.resolve("metricsconfigurations-ecosystem").toString(),
            dir.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode report = new ObjectMapper().readTree(run.stdout());
    assertThat(report.path("configurations").asInt()).isEqualTo(51);
    assertThat(report.path("errors")).isEmpty();
    JsonNode problems = report.path("problems");
    assertThat(problems).hasSizeGreaterThanOrEqualTo(2);
    java.util.Set<String> codes = new java.util.HashSet<>();
    for (io.github.kubestashmetrics.metrics.language.ProblemCode code :
        io.github.kubestashmetrics.metrics.language.ProblemCode.values()) {
      codes.add(code.code());
    }
    for (JsonNode problem : problems) {
      assertThat(codes).as(problem.toString()).contains(problem.path("code").asText());
      assertThat(problem.path("path").asText())
          .as(problem.toString())
          .matches("spec\\.metrics\\[\\d+](\\.[a-zA-Z]+(\\[\\d+])?)+");
      Path file = Path.of(problem.path("source").path("file").asText());
      assertThat(file).as(problem.toString()).isRegularFile();
      assertThat(problem.path("source").path("document").asInt()).isZero();
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Run run(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    Object command = cli.getSubcommands().get(args[0]).getCommand();
    if (command instanceof RenderCommand render) {
      render.stdout = out;
      render.stderr = errStream;
    } else if (command instanceof ValidateCommand validate) {
      validate.stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    } else if (command instanceof ExportConfigCommand export) {
      export.stdout = out;
    }
    cli.setErr(new java.io.PrintWriter(errStream, true));
    int exit = cli.execute(args);
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
