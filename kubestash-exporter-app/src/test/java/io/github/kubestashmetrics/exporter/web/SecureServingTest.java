package io.github.kubestashmetrics.exporter.web;

import static io.github.kubestashmetrics.exporter.web.WebFixture.basic;
import static io.github.kubestashmetrics.exporter.web.WebFixture.bcrypt;
import static io.github.kubestashmetrics.exporter.web.WebFixture.client;
import static io.github.kubestashmetrics.exporter.web.WebFixture.get;
import static io.github.kubestashmetrics.exporter.web.WebFixture.serve;
import static io.github.kubestashmetrics.exporter.web.WebFixture.servedCertificate;
import static io.github.kubestashmetrics.exporter.web.WebFixture.webConfig;
import static io.github.kubestashmetrics.exporter.web.WebFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kubestashmetrics.exporter.MetricsHttpServer;
import io.github.kubestashmetrics.exporter.web.TestCertificates.KeyForm;
import io.github.kubestashmetrics.exporter.web.TestCertificates.Leaf;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SecureServingTest {

  private static TestCertificates ca;
  private static SSLContext trusting;

  @TempDir Path dir;

  @BeforeAll
  static void authority() throws Exception {
    ca = TestCertificates.authority("test-only CA");
    trusting = TestCertificates.trustingOnly(ca.caCertificate());
  }

  private Path tlsConfig(Leaf leaf, String extraTls, String rest) throws IOException {
    leaf.write(dir, "tls.crt", "tls.key");
    return write(
        dir, "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n" + extraTls + rest);
  }

  @ParameterizedTest
  @EnumSource(KeyForm.class)
  void servesHttpsWithEveryPemKeyForm(KeyForm form) throws Exception {
    Leaf leaf = ca.server("server-" + form, form);
    try (MetricsHttpServer server = serve(webConfig(tlsConfig(leaf, "", "")))) {
      HttpResponse<String> response =
          get(client(trusting), "https://127.0.0.1:" + server.port() + "/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo(WebFixture.BODY);
      assertThat(servedCertificate(trusting, server.port()).getSerialNumber())
          .isEqualTo(leaf.certificate().getSerialNumber());
      assertThatThrownBy(
              () ->
                  get(HttpClient.newHttpClient(), "http://127.0.0.1:" + server.port() + "/healthz"))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void basicAuthRefusesMissingAndWrongPasswordsWith401AndServesTheRightOne() throws Exception {
    Leaf leaf = ca.server("server", KeyForm.PKCS1_RSA);
    Path file = tlsConfig(leaf, "", "basic_auth_users:\n  prometheus: " + bcrypt("s3cret") + "\n");
    try (MetricsHttpServer server = serve(webConfig(file))) {
      String url = "https://127.0.0.1:" + server.port() + "/metrics";
      HttpClient http = client(trusting);
      HttpResponse<String> none = get(http, url);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic"));
      assertThat(get(http, url, "Authorization", basic("prometheus", "wrong")).statusCode())
          .isEqualTo(401);
      assertThat(get(http, url, "Authorization", basic("nobody", "s3cret")).statusCode())
          .isEqualTo(401);
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> ok = get(http, url, "Authorization", basic("prometheus", "s3cret"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(WebFixture.BODY);
      }
      assertThat(server.security().metrics().refusedCount(ServingMetrics.Refusal.UNAUTHENTICATED))
          .isEqualTo(3);
    }
  }

  @Test
  void healthAndReadinessNeedNoCredentialsButStayOnTls() throws Exception {
    Leaf leaf = ca.server("server", KeyForm.PKCS8_RSA);
    Path file = tlsConfig(leaf, "", "basic_auth_users:\n  prometheus: " + bcrypt("pw") + "\n");
    try (MetricsHttpServer server = serve(webConfig(file))) {
      HttpClient http = client(trusting);
      assertThat(get(http, "https://127.0.0.1:" + server.port() + "/healthz").statusCode())
          .isEqualTo(200);
      // This server tracks no informers, so it answers from its handler: not 401.
      HttpResponse<String> ready = get(http, "https://127.0.0.1:" + server.port() + "/readyz");
      assertThat(ready.statusCode()).isIn(200, 503);
      assertThat(ready.body()).matches("ok\\n|not synced: .*\\n");
      assertThat(get(http, "https://127.0.0.1:" + server.port() + "/healthzz").statusCode())
          .isEqualTo(404);
      assertThat(get(http, "https://127.0.0.1:" + server.port() + "/other").statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void configuredHeadersAreOnEveryAnswer() throws Exception {
    Path file =
        write(
            dir,
            "basic_auth_users:\n  u: "
                + bcrypt("p")
                + "\nhttp_server_config:\n  headers:\n    X-Frame-Options: deny\n"
                + "    Strict-Transport-Security: max-age=31536000\n");
    try (MetricsHttpServer server = serve(webConfig(file))) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      for (HttpResponse<String> response :
          java.util.List.of(
              get(http, base + "/metrics"),
              get(http, base + "/metrics", "Authorization", basic("u", "p")),
              get(http, base + "/healthz"))) {
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("deny");
        assertThat(response.headers().firstValue("Strict-Transport-Security"))
            .hasValue("max-age=31536000");
      }
    }
  }

  @Test
  void mutualTlsServesOnlyClientsWithACertificateFromTheClientCa() throws Exception {
    TestCertificates clients = TestCertificates.authority("test-only client CA");
    Files.writeString(dir.resolve("clients.crt"), TestCertificates.pem(clients.caCertificate()));
    Leaf leaf = ca.server("server", KeyForm.SEC1_EC);
    leaf.write(dir, "tls.crt", "tls.key");
    // Unchecked: the promtool of Debian 12 (2.42) predates the toolkit's client_allowed_sans.
    Path file =
        WebFixture.writeUnchecked(
            dir,
            "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
                + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: clients.crt\n"
                + "  client_allowed_sans: [prometheus.monitoring]\n");
    try (MetricsHttpServer server = serve(webConfig(file))) {
      String url = "https://127.0.0.1:" + server.port() + "/metrics";
      SSLContext good = clients.client("prometheus.monitoring").clientContext(ca.caCertificate());
      assertThat(get(client(good), url).statusCode()).isEqualTo(200);
      assertThatThrownBy(() -> get(client(trusting), url)).isInstanceOf(IOException.class);
      SSLContext wrongName = clients.client("someone.else").clientContext(ca.caCertificate());
      assertThatThrownBy(() -> get(client(wrongName), url)).isInstanceOf(IOException.class);
      SSLContext otherCa =
          TestCertificates.authority("test-only stranger CA")
              .client("prometheus.monitoring")
              .clientContext(ca.caCertificate());
      assertThatThrownBy(() -> get(client(otherCa), url)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void minimumVersionAndCipherSuitesAreApplied() throws Exception {
    Leaf leaf = ca.server("server", KeyForm.PKCS1_RSA);
    Path tls13 = tlsConfig(leaf, "  min_version: TLS13\n", "");
    try (MetricsHttpServer server = serve(webConfig(tls13))) {
      try (SSLSocket socket =
          (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.port())) {
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
      }
    }
    Path suite =
        write(
            dir,
            "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
                + "  max_version: TLS12\n"
                + "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384]\n");
    try (MetricsHttpServer server = serve(webConfig(suite))) {
      try (SSLSocket socket =
          (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.port())) {
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(socket.getSession().getCipherSuite())
            .isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
      }
    }
  }

  /**
   * The kubelet's way of updating a mounted Secret: the files are links through {@code ..data},
   * which is swapped atomically to a new directory.
   */
  @Test
  void certificateSwappedThroughADataSymlinkIsServedWithinTheCheckIntervalWithoutFailedRequests()
      throws Exception {
    Path mount = dir.resolve("mount");
    Leaf first = ca.server("first", KeyForm.PKCS1_RSA);
    first.write(mount.resolve("..2026_01"), "tls.crt", "tls.key");
    Files.createSymbolicLink(mount.resolve("..data"), Path.of("..2026_01"));
    Files.createSymbolicLink(mount.resolve("tls.crt"), Path.of("..data/tls.crt"));
    Files.createSymbolicLink(mount.resolve("tls.key"), Path.of("..data/tls.key"));
    Path file =
        write(dir, "tls_server_config:\n  cert_file: mount/tls.crt\n  key_file: mount/tls.key\n");
    try (MetricsHttpServer server = serve(webConfig(file))) {
      assertThat(servedCertificate(trusting, server.port()).getSerialNumber())
          .isEqualTo(first.certificate().getSerialNumber());
      AtomicInteger failures = new AtomicInteger();
      AtomicInteger served = new AtomicInteger();
      AtomicReference<Boolean> running = new AtomicReference<>(true);
      Thread scraper =
          new Thread(
              () -> {
                HttpClient http = client(trusting);
                while (running.get()) {
                  try {
                    int status =
                        get(http, "https://127.0.0.1:" + server.port() + "/metrics").statusCode();
                    (status == 200 ? served : failures).incrementAndGet();
                  } catch (IOException | InterruptedException e) {
                    failures.incrementAndGet();
                  }
                }
              });
      scraper.start();
      Leaf second = ca.server("second", KeyForm.PKCS1_RSA);
      second.write(mount.resolve("..2026_02"), "tls.crt", "tls.key");
      Path next = mount.resolve("..data_tmp");
      Files.createSymbolicLink(next, Path.of("..2026_02"));
      long swapped = System.nanoTime();
      Files.move(next, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
      X509Certificate now;
      do {
        Thread.sleep(50);
        now = servedCertificate(trusting, server.port());
      } while (!now.getSerialNumber().equals(second.certificate().getSerialNumber())
          && System.nanoTime() - swapped < 10_000_000_000L);
      long tookMillis = (System.nanoTime() - swapped) / 1_000_000;
      running.set(false);
      scraper.join();
      assertThat(now.getSerialNumber()).isEqualTo(second.certificate().getSerialNumber());
      assertThat(tookMillis).isLessThanOrEqualTo(LiveWebConfig.CHECK_INTERVAL_MILLIS + 1000);
      assertThat(failures.get()).isZero();
      assertThat(served.get()).isPositive();
    }
  }

  @Test
  void keyThatDoesNotMatchTheNewCertificateKeepsTheOldOneAndIsCountedOnce() throws Exception {
    Leaf first = ca.server("first", KeyForm.PKCS8_RSA);
    Path file = tlsConfig(first, "", "");
    try (MetricsHttpServer server = serve(webConfig(file))) {
      Leaf second = ca.server("second", KeyForm.PKCS8_RSA);
      Files.writeString(dir.resolve("tls.crt"), TestCertificates.pem(second.certificate()));
      Thread.sleep(LiveWebConfig.CHECK_INTERVAL_MILLIS + 200);
      for (int i = 0; i < 3; i++) {
        assertThat(servedCertificate(trusting, server.port()).getSerialNumber())
            .isEqualTo(first.certificate().getSerialNumber());
        Thread.sleep(LiveWebConfig.CHECK_INTERVAL_MILLIS / 2);
      }
      assertThat(server.security().metrics().reloadFailureCount()).isEqualTo(1);
      Files.writeString(
          dir.resolve("tls.key"), TestCertificates.keyPem(second.keys(), KeyForm.PKCS8_RSA));
      Thread.sleep(LiveWebConfig.CHECK_INTERVAL_MILLIS + 200);
      servedCertificate(trusting, server.port()); // the first look after the interval reloads
      assertThat(servedCertificate(trusting, server.port()).getSerialNumber())
          .isEqualTo(second.certificate().getSerialNumber());
    }
  }

  @Test
  void telemetryPortGetsTheSameTlsAndCredentials() throws Exception {
    Leaf leaf = ca.server("server", KeyForm.PKCS1_RSA);
    Path file = tlsConfig(leaf, "", "basic_auth_users:\n  u: " + bcrypt("p") + "\n");
    try (MetricsHttpServer server = serve(webConfig(file))) {
      HTTPServer telemetry =
          server
              .secured(HTTPServer.builder())
              .hostname("127.0.0.1")
              .port(0)
              .registry(new PrometheusRegistry())
              .buildAndStart();
      try {
        String url = "https://127.0.0.1:" + telemetry.getPort() + "/metrics";
        HttpClient http = client(trusting);
        assertThat(get(http, url).statusCode()).isEqualTo(401);
        assertThat(get(http, url, "Authorization", basic("u", "p")).statusCode()).isEqualTo(200);
      } finally {
        telemetry.close();
      }
    }
  }
}
