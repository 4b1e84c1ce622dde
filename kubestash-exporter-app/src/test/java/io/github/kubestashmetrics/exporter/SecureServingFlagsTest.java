package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --web-config-file}, {@code --auth}, {@code --admission} and {@code --admission-mode} given
 * wrongly: one line on stderr naming the flag (and the file and key), exit status 2, before any
 * server starts.
 */
class SecureServingFlagsTest {

  @TempDir Path dir;

  private record Run(int exitCode, List<String> errLines) {}

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, err.toString().lines().toList());
  }

  private static void assertOneUsageLine(Run run, String... fragments) {
    assertThat(run.exitCode()).as(String.join("\n", run.errLines())).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.errLines().get(0)).contains(fragments).doesNotContain("Exception");
  }

  @Test
  void missingWebConfigFileIsOneLineNamingIt() {
    Path missing = dir.resolve("missing.yml");
    assertOneUsageLine(
        run("--web-config-file", missing.toString()),
        "--web-config-file",
        missing.toString(),
        "cannot read");
  }

  @Test
  void webConfigFileWithAnUnknownKeyIsOneLineNamingTheKey() throws Exception {
    Path file = Files.writeString(dir.resolve("web.yml"), "tls_server_config:\n  certfile: x\n");
    assertOneUsageLine(
        run("--web-config-file", file.toString()),
        file.toString(),
        "tls_server_config.certfile: unknown key");
  }

  @Test
  void unknownAuthModeIsOneLine() {
    assertOneUsageLine(run("--auth", "oauth"), "--auth oauth is not a mode");
  }

  @Test
  void admissionWithoutTlsIsOneLine() throws Exception {
    assertOneUsageLine(run("--admission"), "--admission needs TLS");
    Path file = Files.writeString(dir.resolve("web.yml"), "http_server_config:\n  headers: {}\n");
    assertOneUsageLine(
        run("--admission", "--web-config-file", file.toString()), "--admission needs TLS");
  }

  @Test
  void admissionModeWithoutAdmissionOrUnknownIsOneLine() {
    assertOneUsageLine(run("--admission-mode", "warn"), "--admission-mode needs --admission");
    assertOneUsageLine(
        run("--admission", "--admission-mode", "maybe"), "--admission-mode maybe is not a mode");
  }
}
