package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import picocli.CommandLine;

/**
 * Bad input at the command line: one line on stderr saying what is wrong and what to do, exit
 * status 2, no stack trace (unless {@code --log-level debug}). Run in-process through picocli with
 * captured streams; nothing here reaches a server.
 */
class CommandLineErrorsTest {

  private record Run(int exitCode, String out, List<String> errLines) {
    String firstErrLine() {
      return errLines.isEmpty() ? "" : errLines.get(0);
    }
  }

  @TempDir Path dir;

  @Test
  void unknownFlagIsOneLineAndStatusTwo() {
    Run run = run("--no-such-flag");
    assertUsageError(
        run,
        "kubestash-exporter: Unknown option: '--no-such-flag'; see 'kubestash-exporter --help'");
  }

  @Test
  void flagValueOfTheWrongTypeIsOneLineAndStatusTwo() {
    Run run = run("--port", "eighty");
    assertUsageError(
        run,
        "kubestash-exporter: Invalid value for option '--port': 'eighty' is not an int; see"
            + " 'kubestash-exporter --help'");
  }

  @Test
  void portOutOfRangeIsOneLineAndStatusTwo() {
    Run run = run("--port", "99999");
    assertUsageError(
        run,
        "kubestash-exporter: --port 99999 is not a port: give 1 to 65535, or 0 for any free port;"
            + " see 'kubestash-exporter --help'");
  }

  @Test
  void telemetryPortBelowMinusOneIsOneLineAndStatusTwo() {
    Run run = run("--telemetry-port", "-2");
    assertUsageError(
        run,
        "kubestash-exporter: --telemetry-port -2 is not a port: give 1 to 65535, or 0 for any free"
            + " port (-1 turns it off); see 'kubestash-exporter --help'");
  }

  @Test
  void missingKubeconfigIsOneLineAndStatusTwo() {
    Run run = run("--kubeconfig", "/nonexistent");
    assertUsageError(
        run,
        "kubestash-exporter: --kubeconfig /nonexistent: no such file; give a readable kubeconfig"
            + " file, or leave --kubeconfig out to use the in-cluster service account or"
            + " ~/.kube/config");
  }

  @Test
  void kubeconfigThatIsNoKubeconfigIsOneLineAndStatusTwo() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage"), "clusters: [unclosed\n");
    Run run = run("--kubeconfig", garbage.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.firstErrLine())
        .startsWith("kubestash-exporter: --kubeconfig " + garbage + ": not a usable kubeconfig (")
        .endsWith(
            "); give a readable kubeconfig file, or leave --kubeconfig out to use the in-cluster"
                + " service account or ~/.kube/config");
    assertThat(run.errLines()).hasSize(1);
  }

  @Test
  void portTakenIsOneLineAndStatusTwo() throws Exception {
    Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), unreachableKubeconfig());
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Run run =
          run(
              "--kubeconfig",
              kubeconfig.toString(),
              "--bind-address",
              "127.0.0.1",
              "--telemetry-port",
              String.valueOf(port));
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.firstErrLine())
          .startsWith("kubestash-exporter: cannot listen on 127.0.0.1:" + port + " (")
          .endsWith(
              "); choose another --telemetry-port or --bind-address, or stop what uses that port");
      assertThat(run.errLines()).hasSize(1);
    }
  }

  @Test
  void demoInTheProductionJarPointsToTheDemoJar() {
    Run run = run("--demo");
    assertUsageError(
        run,
        "kubestash-exporter: --demo is not part of the production jar; run java -jar"
            + " kubestash-exporter-demo/target/kubestash-exporter-demo.jar instead; see"
            + " 'kubestash-exporter --help'");
  }

  @Test
  void metricsConfigPathThatDoesNotExistIsOneLineAndStatusTwo() {
    Run run = run("--metrics-config", "/nonexistent-configs");
    assertUsageError(
        run,
        "kubestash-exporter: --metrics-config /nonexistent-configs: no such file or directory;"
            + " give MetricsConfiguration files or directories, builtin or cluster; see"
            + " 'kubestash-exporter --help'");
  }

  @Test
  void metricsConfigIntervalThatIsNoDurationIsOneLineAndStatusTwo() {
    Run run = run("--metrics-config=cluster", "--metrics-config-interval", "often");
    assertUsageError(
        run,
        "kubestash-exporter: --metrics-config-interval often is not a positive duration; give"
            + " e.g. 10s, 500ms or 1m; see 'kubestash-exporter --help'");
  }

  @Test
  void kindsWithConfigurationsFromTheClusterIsOneLineAndStatusTwo() {
    Run run = run("--metrics-config=cluster", "--kinds", "Snapshot");
    assertUsageError(
        run,
        "kubestash-exporter: --kinds selects built-in kinds; with --metrics-config=cluster the"
            + " MetricsConfigurations choose the kinds; see 'kubestash-exporter --help'");
  }

  @Test
  void renderOfAMissingFileIsOneLineAndStatusTwo() {
    Run run = run("render", "/nonexistent.yaml");
    assertUsageError(
        run,
        "kubestash-exporter render: /nonexistent.yaml: no such file or directory; give YAML or"
            + " JSON files or directories");
  }

  @Test
  void debugLogLevelAddsTheStackTraceAfterTheSameFirstLine() {
    Run run = run("--log-level", "debug", "--kubeconfig", "/nonexistent");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.firstErrLine()).startsWith("kubestash-exporter: --kubeconfig /nonexistent:");
    assertThat(run.errLines()).hasSizeGreaterThan(1);
    assertThat(run.errLines().get(1)).contains(UsageProblem.class.getName());
  }

  @Test
  void metricsConfigWhoseOnlyFileCannotBeParsedIsOneLineNamingTheFile() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: [unclosed\n");
    Run run = runWithoutACluster("--metrics-config", dir.toString());
    assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.firstErrLine())
        .startsWith(
            "kubestash-exporter: --metrics-config " + dir + ": no configuration can be read")
        .contains(bad + " document 0: cannot parse at line 3, column 1:");
  }

  @Test
  void metricsConfigWhoseOnlyFileCannotBeReadIsOneLineNamingTheFile() throws Exception {
    Path unreadable = UnreadableFiles.at(dir.resolve("unreadable.yaml"));
    Run run = runWithoutACluster("--metrics-config", unreadable.toString());
    assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.firstErrLine())
        .startsWith(
            "kubestash-exporter: --metrics-config " + unreadable + ": no configuration can be read")
        .contains(unreadable + ": cannot read: ")
        .doesNotContain("Exception");
  }

  @Test
  void metricsConfigDirectoryWithNoConfigurationFileIsOneLineAndStatusTwo() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "not a manifest name");
    Run run = runWithoutACluster("--metrics-config", dir.toString());
    assertUsageError(
        run,
        "kubestash-exporter: --metrics-config "
            + dir
            + ": no configuration can be read: no *.yaml, *.yml or *.json file in it; give"
            + " MetricsConfiguration files or directories (validate shows what is wrong); see"
            + " 'kubestash-exporter --help'");
  }

  @Test
  void emptyNamespaceIsOneLineAndStatusTwoNotAllNamespaces() {
    Run run = runWithoutACluster("--namespaces", "");
    assertUsageError(
        run,
        "kubestash-exporter: --namespaces '': a namespace name cannot be empty; leave --namespaces"
            + " out to watch all namespaces; see 'kubestash-exporter --help'");
  }

  @Test
  void namespaceThatIsNoDns1123LabelIsOneLineAndStatusTwo() {
    Run run = runWithoutACluster("--namespaces", "demo,Bad_NS!");
    assertUsageError(
        run,
        "kubestash-exporter: --namespaces 'Bad_NS!' is not a namespace name: at most 63 lower-case"
            + " letters, digits and '-', starting and ending with a letter or digit; see"
            + " 'kubestash-exporter --help'");
  }

  @Test
  void labelSelectorTheApiServerWouldRejectIsOneLineAndStatusTwo() {
    Run run = runWithoutACluster("--label-selector", "tier in (web,db");
    assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.firstErrLine())
        .startsWith(
            "kubestash-exporter: --label-selector 'tier in (web,db' is not a label selector:")
        .endsWith("; see 'kubestash-exporter --help'");
  }

  @Test
  void portEqualToTelemetryPortIsNamedAsOurOwnFlagsClashing() throws Exception {
    int free;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = probe.getLocalPort();
    }
    Run run =
        runWithoutACluster(
            "--port", String.valueOf(free), "--telemetry-port", String.valueOf(free));
    assertUsageError(
        run,
        "kubestash-exporter: --port and --telemetry-port are both "
            + free
            + "; give the telemetry port another number, or -1 to turn it off; see"
            + " 'kubestash-exporter --help'");
  }

  @Test
  void productionHelpDoesNotListDemo() {
    Run run = run("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--metrics-config").doesNotContain("--demo");
    StringWriter demoHelp = new StringWriter();
    CommandLine demoJar = Main.commandLine(() -> null);
    demoJar.setOut(new PrintWriter(demoHelp, true));
    assertThat(demoJar.execute("--help")).isZero();
    assertThat(demoHelp.toString()).contains("--demo");
  }

  @Test
  void versionIsThePomVersion() throws Exception {
    Run run = run("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isEqualTo("kubestash-exporter " + pomVersion());
  }

  private static void assertUsageError(Run run, String line) {
    assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(2);
    assertThat(run.errLines()).containsExactly(line);
  }

  /**
   * Runs the exporter command with no cluster behind its kubeconfig and free ports, bounded in
   * time: a usage error returns at once; an exporter that starts instead fails the test.
   */
  private Run runWithoutACluster(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    try {
      Path kubeconfig = dir.resolve("unreachable-kubeconfig");
      if (!Files.exists(kubeconfig)) {
        Files.writeString(kubeconfig, unreachableKubeconfig());
      }
      all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--bind-address", "127.0.0.1"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (!all.contains("--port")) {
      all.addAll(List.of("--port", "0"));
    }
    if (!all.contains("--telemetry-port")) {
      all.addAll(List.of("--telemetry-port", "-1"));
    }
    return assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> run(all.toArray(String[]::new)),
        "the exporter started instead of refusing the flags");
  }

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString().lines().toList());
  }

  /** The version in the root POM, read from the file itself. */
  private static String pomVersion() throws Exception {
    Path projectDir = Path.of(System.getProperty("kubestash.project.dir", ".."));
    Path pom = projectDir.resolve("pom.xml");
    if (!Files.exists(pom)) {
      pom = Path.of("..", "pom.xml");
    }
    Element root =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(pom.toFile())
            .getDocumentElement();
    return root.getElementsByTagName("version").item(0).getTextContent().strip();
  }

  private static String unreachableKubeconfig() {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}
          name: c
        contexts:
        - context: {cluster: c, user: u}
          name: x
        current-context: x
        users:
        - name: u
          user: {token: t}
        """;
  }
}
