package io.github.kubestashmetrics.exporter.web;

import static io.github.kubestashmetrics.exporter.web.WebFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.exporter.ExporterConfig;
import io.github.kubestashmetrics.exporter.MetricsHttpServer;
import io.github.kubestashmetrics.exporter.web.TestCertificates.KeyForm;
import io.github.kubestashmetrics.testkit.AccessReviews;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesAuthTest {

  static final String ALLOWED = "allowed-token";
  static final String NOSY = "nosy-token";

  @TempDir static Path dir;
  private static KubeStashMockServer api;
  private static MetricsHttpServer server;
  private static SSLContext trusting;

  @BeforeAll
  static void start() throws Exception {
    api =
        KubeStashMockServer.builder()
            .accessReviews(
                new AccessReviews()
                    .token(ALLOWED, "system:serviceaccount:monitoring:prometheus", "scrapers")
                    .token(NOSY, "system:serviceaccount:default:nosy")
                    .allowGroup("scrapers", "get", "/metrics"))
            .build()
            .start();
    // Served over TLS, as a real deployment is (deploy/components/secure-serving): the flood
    // below runs on the TLS port.
    TestCertificates ca = TestCertificates.authority("test-only CA");
    ca.server("server", KeyForm.PKCS1_RSA).write(dir, "tls.crt", "tls.key");
    Path webConfig =
        WebFixture.write(dir, "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n");
    trusting = TestCertificates.trustingOnly(ca.caCertificate());
    ExporterConfig config =
        ExporterConfig.defaults()
            .withPorts("127.0.0.1", 0, -1)
            .withSecurity(
                new ServingSecurity(
                    Optional.of(webConfig), ServingSecurity.Auth.KUBERNETES, Optional.empty()));
    server =
        MetricsHttpServer.serving(
            config,
            (format, encoding, out) -> {
              byte[] bytes = WebFixture.BODY.getBytes(StandardCharsets.UTF_8);
              out.write(bytes);
              return bytes.length;
            },
            api::client);
  }

  @AfterAll
  static void stop() {
    server.close();
    api.close();
  }

  private static String url(String path) {
    return "https://127.0.0.1:" + server.port() + path;
  }

  @Test
  void noTokenAndUnknownTokenGet401KnownButUnauthorisedGets403AllowedGets200() throws Exception {
    HttpClient http = WebFixture.client(trusting);
    HttpResponse<String> none = get(http, url("/metrics"));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Bearer"));
    assertThat(get(http, url("/metrics"), "Authorization", "Bearer nonsense").statusCode())
        .isEqualTo(401);
    assertThat(get(http, url("/metrics"), "Authorization", "Bearer " + NOSY).statusCode())
        .isEqualTo(403);
    HttpResponse<String> ok = get(http, url("/metrics"), "Authorization", "Bearer " + ALLOWED);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(WebFixture.BODY);
    // The allowed identity may get /metrics, not any other path.
    assertThat(get(http, url("/debug"), "Authorization", "Bearer " + ALLOWED).statusCode())
        .isEqualTo(403);
    assertThat(get(http, url("/healthz")).statusCode()).isEqualTo(200);
  }

  @Test
  void answersAreCachedSoRepeatedScrapesAskTheApiOnce() throws Exception {
    HttpClient http = WebFixture.client(trusting);
    String token = "cached-token";
    api.accessReviews().token(token, "cached-user", "scrapers");
    long tokenReviews = api.accessReviews().tokenReviews();
    long accessReviews = api.accessReviews().subjectAccessReviews();
    for (int i = 0; i < 20; i++) {
      assertThat(get(http, url("/metrics"), "Authorization", "Bearer " + token).statusCode())
          .isEqualTo(200);
    }
    assertThat(api.accessReviews().tokenReviews() - tokenReviews).isEqualTo(1);
    assertThat(api.accessReviews().subjectAccessReviews() - accessReviews).isEqualTo(1);
  }

  /**
   * 10,000 distinct bad tokens on the TLS port: each is refused with 401 and counted, the caches
   * stay within their capacity, and good scrapes running alongside all succeed.
   */
  @Test
  void tenThousandDistinctBadTokensKeepTheCacheBoundedAndGoodScrapesWorking() throws Exception {
    double before =
        server.security().metrics().refusedCount(ServingMetrics.Refusal.UNAUTHENTICATED);
    int bad = 10_000;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> floods = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int thread = t;
        floods.add(
            pool.submit(
                () -> {
                  HttpClient http = WebFixture.client(trusting);
                  int refused = 0;
                  for (int i = thread; i < bad; i += 3) {
                    int status =
                        get(http, url("/metrics"), "Authorization", "Bearer bad-" + i).statusCode();
                    if (status == 401) {
                      refused++;
                    }
                  }
                  return refused;
                }));
      }
      Future<Integer> good =
          pool.submit(
              () -> {
                HttpClient http = WebFixture.client(trusting);
                int ok = 0;
                while (!floods.stream().allMatch(Future::isDone)) {
                  int status =
                      get(http, url("/metrics"), "Authorization", "Bearer " + ALLOWED).statusCode();
                  assertThat(status).isEqualTo(200);
                  ok++;
                  assertThat(server.security().cachedAnswers())
                      .isLessThanOrEqualTo(2 * KubernetesAccessReviews.CAPACITY);
                }
                return ok;
              });
      int refused = 0;
      for (Future<Integer> flood : floods) {
        refused += flood.get();
      }
      assertThat(refused).isEqualTo(bad);
      assertThat(good.get()).isPositive();
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.security().cachedAnswers())
        .isLessThanOrEqualTo(2 * KubernetesAccessReviews.CAPACITY);
    assertThat(server.security().metrics().refusedCount(ServingMetrics.Refusal.UNAUTHENTICATED))
        .isEqualTo(before + bad);
  }
}
