package io.github.kubestashmetrics.exporter.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubestashmetrics.exporter.ExporterUnderTest;
import io.github.kubestashmetrics.exporter.ExternalTools;
import io.github.kubestashmetrics.exporter.web.TestCertificates;
import io.github.kubestashmetrics.exporter.web.TestCertificates.KeyForm;
import io.github.kubestashmetrics.exporter.web.WebConfigTest;
import io.github.kubestashmetrics.metrics.FamilyDescriptor;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Prometheus scrapes the demo jar over HTTPS in the three set-ups of the issue, with test
 * certificates made here (none committed): TLS + bearer token ({@code --auth=kubernetes}, the
 * embedded API reviewing the token), TLS + basic auth, and mutual TLS. Each must give {@code up ==
 * 1} and all 36 families; a plain client without credentials gets 401 and an unauthorised identity
 * 403. A certificate swapped the kubelet's way while Prometheus scrapes every second is served
 * within the documented delay, and no scrape fails.
 */
class SecurePrometheusIT {

  enum Setup {
    BEARER,
    BASIC,
    MUTUAL
  }

  private static final Pattern ALLOWED = Pattern.compile("allowed token: (\\S+)");
  private static final Pattern UNAUTHORISED = Pattern.compile("unauthorised token: (\\S+)");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient plain = HttpClient.newHttpClient();
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

  /** What one set-up started: the exporter's port, and what a scraper needs. */
  private record Started(int port, Path log, SSLContext trusting, SSLContext scraper) {}

  @ParameterizedTest
  @EnumSource(Setup.class)
  void prometheusScrapesEveryFamilyOverHttpsAndOthersAreRefused(Setup setup) throws Exception {
    ExternalTools.require("prometheus");
    ExternalTools.require("promtool");
    TestCertificates ca = TestCertificates.authority("test-only CA");
    ca.server("exporter", KeyForm.PKCS1_RSA).write(work.resolve("tls"), "tls.crt", "tls.key");
    Files.writeString(work.resolve("ca.crt"), TestCertificates.pem(ca.caCertificate()));
    TestCertificates clients = TestCertificates.authority("test-only client CA");
    Files.writeString(work.resolve("clients.crt"), TestCertificates.pem(clients.caCertificate()));
    TestCertificates.Leaf prometheusCert = clients.client("prometheus");
    prometheusCert.write(work.resolve("client"), "tls.crt", "tls.key");

    StringBuilder web =
        new StringBuilder(
            "tls_server_config:\n  cert_file: tls/tls.crt\n  key_file: tls/tls.key\n");
    String password = "scrape-" + System.nanoTime();
    if (setup == Setup.MUTUAL) {
      web.append("  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: clients.crt\n");
    }
    if (setup == Setup.BASIC) {
      web.append("basic_auth_users:\n  prometheus: ")
          .append(
              at.favre.lib.crypto.bcrypt.BCrypt.withDefaults()
                  .hashToString(10, password.toCharArray()))
          .append('\n');
    }
    Path webConfig = work.resolve("web.yml");
    Files.writeString(webConfig, web.toString());
    assertThat(WebConfigTest.promtoolCheck(webConfig)).isZero();

    SSLContext trusting = TestCertificates.trustingOnly(ca.caCertificate());
    SSLContext scraper =
        setup == Setup.MUTUAL ? prometheusCert.clientContext(ca.caCertificate()) : trusting;
    List<String> flags = new ArrayList<>(List.of("--web-config-file=" + webConfig));
    if (setup == Setup.BEARER) {
      flags.add("--auth=kubernetes");
    }
    Started exporter = startExporter(flags, scraper);
    String metrics = "https://127.0.0.1:" + exporter.port() + "/metrics";
    String log = Files.readString(exporter.log());

    String scrapeAuth;
    switch (setup) {
      case BEARER -> {
        String allowed = group(ALLOWED, log);
        String unauthorised = group(UNAUTHORISED, log);
        assertThat(status(trusting, metrics)).isEqualTo(401);
        assertThat(status(trusting, metrics, "Authorization", "Bearer not-a-token")).isEqualTo(401);
        assertThat(status(trusting, metrics, "Authorization", "Bearer " + unauthorised))
            .isEqualTo(403);
        assertThat(status(trusting, metrics, "Authorization", "Bearer " + allowed)).isEqualTo(200);
        scrapeAuth = "  authorization:\n    credentials: " + allowed + "\n";
      }
      case BASIC -> {
        assertThat(status(trusting, metrics)).isEqualTo(401);
        assertThat(status(trusting, metrics, "Authorization", basic("prometheus", "wrong")))
            .isEqualTo(401);
        scrapeAuth = "  basic_auth:\n    username: prometheus\n    password: " + password + "\n";
      }
      default -> {
        assertThat(status(trusting, metrics)).as("no client certificate").isEqualTo(-1);
        scrapeAuth =
            "  tls_config:\n    ca_file: "
                + work.resolve("ca.crt")
                + "\n    cert_file: "
                + work.resolve("client/tls.crt")
                + "\n    key_file: "
                + work.resolve("client/tls.key")
                + "\n";
      }
    }
    String tlsConfig =
        setup == Setup.MUTUAL ? "" : "  tls_config:\n    ca_file: " + work.resolve("ca.crt") + "\n";
    String api = startPrometheus(exporter.port(), tlsConfig + scrapeAuth);
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
  }

  @Test
  void certificateSwappedThroughADataSymlinkIsServedWithinTheDelayWhilePrometheusNeverFails()
      throws Exception {
    ExternalTools.require("prometheus");
    TestCertificates ca = TestCertificates.authority("test-only CA");
    Path mount = work.resolve("mount");
    TestCertificates.Leaf first = ca.server("first", KeyForm.PKCS1_RSA);
    first.write(mount.resolve("..2026_01"), "tls.crt", "tls.key");
    Files.createSymbolicLink(mount.resolve("..data"), Path.of("..2026_01"));
    Files.createSymbolicLink(mount.resolve("tls.crt"), Path.of("..data/tls.crt"));
    Files.createSymbolicLink(mount.resolve("tls.key"), Path.of("..data/tls.key"));
    Files.writeString(work.resolve("ca.crt"), TestCertificates.pem(ca.caCertificate()));
    Path webConfig = work.resolve("web.yml");
    Files.writeString(
        webConfig, "tls_server_config:\n  cert_file: mount/tls.crt\n  key_file: mount/tls.key\n");
    SSLContext trusting = TestCertificates.trustingOnly(ca.caCertificate());
    Started exporter = startExporter(List.of("--web-config-file=" + webConfig), trusting);
    String api =
        startPrometheus(
            exporter.port(), "  tls_config:\n    ca_file: " + work.resolve("ca.crt") + "\n");
    waitFor(
        "up == 1",
        Duration.ofSeconds(60),
        () -> values(api, "up{job=\"kubestash\"}").contains("1"),
        work.resolve("prometheus.log"));
    Thread.sleep(3000);

    TestCertificates.Leaf second = ca.server("second", KeyForm.PKCS1_RSA);
    second.write(mount.resolve("..2026_02"), "tls.crt", "tls.key");
    Files.createSymbolicLink(mount.resolve("..data_tmp"), Path.of("..2026_02"));
    long swapped = System.nanoTime();
    Files.move(
        mount.resolve("..data_tmp"), mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    BigInteger served;
    do {
      Thread.sleep(100);
      served = servedSerial(trusting, exporter.port());
    } while (!served.equals(second.certificate().getSerialNumber())
        && System.nanoTime() - swapped < 10_000_000_000L);
    long tookMillis = (System.nanoTime() - swapped) / 1_000_000;
    assertThat(served).isEqualTo(second.certificate().getSerialNumber());
    assertThat(tookMillis)
        .as(
            "documented delay: %d ms",
            io.github.kubestashmetrics.exporter.web.LiveWebConfig.CHECK_INTERVAL_MILLIS)
        .isLessThanOrEqualTo(
            io.github.kubestashmetrics.exporter.web.LiveWebConfig.CHECK_INTERVAL_MILLIS + 1000);
    Thread.sleep(5000);
    // Every scrape since Prometheus started succeeded (a failed one is up == 0).
    assertThat(values(api, "min_over_time(up{job=\"kubestash\"}[5m])")).containsExactly("1");
    assertThat(Double.parseDouble(values(api, "count_over_time(up{job=\"kubestash\"}[5m])").get(0)))
        .isGreaterThanOrEqualTo(8);
    System.out.printf("rotation: new certificate served %d ms after the swap%n", tookMillis);
  }

  private Started startExporter(List<String> flags, SSLContext scraper) throws Exception {
    Path jar = Path.of(System.getProperty("kubestash.demo.jar"));
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--demo",
                "--port=" + port,
                "--telemetry-port=" + freePort()));
    command.addAll(flags);
    Path log = work.resolve("exporter.log");
    start(log, command.toArray(String[]::new));
    waitFor(
        "exporter ready over https",
        Duration.ofSeconds(90),
        () -> status(scraper, "https://127.0.0.1:" + port + "/readyz") == 200,
        log);
    return new Started(port, log, null, scraper);
  }

  private String startPrometheus(int exporterPort, String endpointConfig) throws Exception {
    int prometheusPort = freePort();
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
          scheme: https
        %s  static_configs:
          - targets: ['127.0.0.1:%d']
        """
            .formatted(endpointConfig, exporterPort));
    start(
        work.resolve("prometheus.log"),
        "prometheus",
        "--config.file=" + config,
        "--storage.tsdb.path=" + work.resolve("tsdb"),
        "--web.listen-address=127.0.0.1:" + prometheusPort);
    return "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";
  }

  private static String group(Pattern pattern, String log) {
    Matcher m = pattern.matcher(log);
    assertThat(m.find()).as(pattern + " in the banner:\n" + log).isTrue();
    return m.group(1);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static int status(SSLContext context, String url, String... headers) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
      if (headers.length > 0) {
        request.headers(headers);
      }
      return HttpClient.newBuilder()
          .sslContext(context)
          .connectTimeout(Duration.ofSeconds(5))
          .build()
          .send(request.build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static BigInteger servedSerial(SSLContext context, int port) throws IOException {
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  private JsonNode results(String api, String query) throws IOException, InterruptedException {
    HttpResponse<String> response =
        plain.send(
            HttpRequest.newBuilder(
                    URI.create(api + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode body = json.readTree(response.body());
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

  private void start(Path log, String... command) throws IOException {
    processes.add(
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
  }

  private static void waitFor(
      String what, Duration timeout, ExporterUnderTest.ThrowingCondition check, Path log)
      throws Exception {
    try {
      ExporterUnderTest.await(what, timeout, check);
    } catch (AssertionError e) {
      fail("timed out waiting for " + what + "; log:\n" + Files.readString(log), e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
