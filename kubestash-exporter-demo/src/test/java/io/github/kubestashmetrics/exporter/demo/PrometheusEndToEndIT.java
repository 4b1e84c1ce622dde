package io.github.kubestashmetrics.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubestashmetrics.exporter.ExporterUnderTest;
import io.github.kubestashmetrics.exporter.ExternalTools;
import io.github.kubestashmetrics.metrics.FamilyDescriptor;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real thing: the demo jar (the production exporter against the embedded API), scraped every
 * second by a real Prometheus (Debian's package, installed by {@code .ci/run}), queried through
 * Prometheus' HTTP API.
 *
 * <p>Outside CI it skips when {@code prometheus}/{@code promtool} are not installed; in CI ({@code
 * CI=true}) their absence fails the build, so the check can never silently vanish.
 */
class PrometheusEndToEndIT {

  private static final String FAILED_BACKUP_JOIN =
      "core_kubestash_com_backupsession_phase{phase=\"Failed\"} * on(backup_invoker_kind,"
          + " backup_invoker_name) group_left(target_kind, target_name, target_namespace)"
          + " core_kubestash_com_backupconfiguration_info == 1";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();
  private final List<Process> processes = new ArrayList<>();

  @TempDir Path work;

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process process : processes) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /**
   * Both ways of defining the families: the built-in catalogue, and KubeStash's six
   * MetricsConfigurations read from the embedded API ({@code --metrics-config=cluster}, as a
   * cluster that replaced the closed exporter runs it).
   */
  @ParameterizedTest(name = "--metrics-config={0}")
  @ValueSource(strings = {"builtin", "cluster"})
  void prometheusScrapesEveryFamilyFromTheDemoAndKubeStashsFailedBackupJoinHasData(String mode)
      throws Exception {
    ExternalTools.require("prometheus");
    ExternalTools.require("promtool");
    Path jar = Path.of(System.getProperty("kubestash.demo.jar"));
    assertThat(jar).exists();

    int metricsPort = freePort();
    int telemetryPort = freePort();
    int prometheusPort = freePort();

    long startedAt = System.nanoTime();
    Process exporter =
        start(
            work.resolve("exporter.log"),
            javaBinary(),
            "-jar",
            jar.toString(),
            "--demo",
            "--metrics-config=" + mode,
            "--port=" + metricsPort,
            "--telemetry-port=" + telemetryPort);
    String base = "http://127.0.0.1:" + metricsPort;
    waitFor(
        "exporter ready",
        Duration.ofSeconds(90),
        () -> status(base + "/readyz") == 200,
        work.resolve("exporter.log"));
    double readySeconds = (System.nanoTime() - startedAt) / 1e9;

    // promtool on one scrape: nothing but the contract-mandated findings.
    long scrapeStart = System.nanoTime();
    String scrape = get(base + "/metrics");
    double scrapeMillis = (System.nanoTime() - scrapeStart) / 1e6;
    List<String> findings = ExternalTools.promtoolCheckMetrics(work, scrape);
    assertThat(findings).isSubsetOf(ExternalTools.CONTRACT_MANDATED_FINDINGS);

    Path config = work.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
        - job_name: kubestash
          honor_labels: true
          static_configs:
          - targets: ['127.0.0.1:%d']
        """
            .formatted(metricsPort));
    start(
        work.resolve("prometheus.log"),
        "prometheus",
        "--config.file=" + config,
        "--storage.tsdb.path=" + work.resolve("tsdb"),
        "--web.listen-address=127.0.0.1:" + prometheusPort);
    String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";

    waitFor(
        "up == 1",
        Duration.ofSeconds(60),
        () -> values(api, "up{job=\"kubestash\"}").contains("1"),
        work.resolve("prometheus.log"));

    List<String> missing = new ArrayList<>();
    for (FamilyDescriptor family : MetricCatalogue.standard().families()) {
      if (results(api, "count(" + family.name() + ")").isEmpty()) {
        missing.add(family.name());
      }
    }
    assertThat(missing).as("families without data in Prometheus").isEmpty();
    assertThat(MetricCatalogue.standard().families()).hasSize(36);

    JsonNode joined = results(api, FAILED_BACKUP_JOIN);
    assertThat(joined).as("KubeStash's failed-backup join").isNotEmpty();
    assertThat(joined.get(0).path("metric").path("target_kind").asText()).isNotEmpty();

    long rssKiB = residentKiB(exporter.pid());
    System.out.printf(
        "E2E (--metrics-config="
            + mode
            + "): ready in %.2f s, one scrape %.1f ms (%d bytes), exporter RSS %d MiB, "
            + "36/36 families in Prometheus, failed-backup join returned %d series, "
            + "promtool findings (all waived): %s%n",
        readySeconds,
        scrapeMillis,
        scrape.getBytes(StandardCharsets.UTF_8).length,
        rssKiB / 1024,
        joined.size(),
        findings);
  }

  private JsonNode results(String api, String query) throws IOException, InterruptedException {
    JsonNode body = json.readTree(get(api + URLEncoder.encode(query, StandardCharsets.UTF_8)));
    assertThat(body.path("status").asText()).as(query + " -> " + body).isEqualTo("success");
    return body.path("data").path("result");
  }

  private List<String> values(String api, String query) {
    try {
      List<String> values = new ArrayList<>();
      for (JsonNode result : results(api, query)) {
        values.add(result.path("value").get(1).asText());
      }
      return values;
    } catch (IOException | InterruptedException | AssertionError e) {
      return List.of();
    }
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url).isEqualTo(200);
    return response.body();
  }

  private int status(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private Process start(Path log, String... command) throws IOException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    processes.add(process);
    return process;
  }

  /** The tests' one polling helper, with the process's log when it gives up. */
  private static void waitFor(
      String what, Duration timeout, ExporterUnderTest.ThrowingCondition check, Path log)
      throws Exception {
    try {
      ExporterUnderTest.await(what, timeout, check);
    } catch (AssertionError e) {
      fail("timed out waiting for " + what + "; log:\n" + Files.readString(log), e);
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static long residentKiB(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    if (!Files.exists(status)) {
      return -1;
    }
    Predicate<String> rss = line -> line.startsWith("VmRSS:");
    return Files.readAllLines(status).stream()
        .filter(rss)
        .map(line -> line.replaceAll("[^0-9]", ""))
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElse(-1);
  }
}
