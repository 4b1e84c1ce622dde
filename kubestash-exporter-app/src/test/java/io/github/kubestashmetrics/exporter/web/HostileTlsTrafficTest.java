package io.github.kubestashmetrics.exporter.web;

import static io.github.kubestashmetrics.exporter.web.WebFixture.basic;
import static io.github.kubestashmetrics.exporter.web.WebFixture.bcrypt;
import static io.github.kubestashmetrics.exporter.web.WebFixture.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.exporter.ExporterUnderTest;
import io.github.kubestashmetrics.exporter.MetricsHttpServer;
import io.github.kubestashmetrics.exporter.web.TestCertificates.KeyForm;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile traffic on the TLS port, bounded in count and time: garbage instead of a handshake,
 * handshakes that stall, many distinct bad credentials, oversized headers. Good scrapes keep
 * working throughout, caches stay within their bounds, and every case is counted.
 */
class HostileTlsTrafficTest {

  @TempDir Path dir;

  @Test
  void garbageStalledHandshakesBadCredentialsAndHugeHeadersAreCountedWhileGoodScrapesWork()
      throws Exception {
    TestCertificates ca = TestCertificates.authority("test-only CA");
    ca.server("server", KeyForm.PKCS1_RSA).write(dir, "tls.crt", "tls.key");
    Path file =
        WebFixture.write(
            dir,
            "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
                + "basic_auth_users:\n  prometheus: "
                + bcrypt("right")
                + "\n");
    SSLContext trusting = TestCertificates.trustingOnly(ca.caCertificate());
    try (MetricsHttpServer server = WebFixture.serve(WebFixture.webConfig(file))) {
      int port = server.port();
      String url = "https://127.0.0.1:" + port + "/metrics";
      ServingMetrics metrics = server.security().metrics();
      AtomicBoolean hostile = new AtomicBoolean(true);
      AtomicInteger good = new AtomicInteger();
      List<String> goodFailures = new ArrayList<>();
      Thread scraper =
          new Thread(
              () -> {
                HttpClient http = WebFixture.client(trusting);
                while (hostile.get()) {
                  try {
                    int status =
                        get(http, url, "Authorization", basic("prometheus", "right")).statusCode();
                    if (status == 200) {
                      good.incrementAndGet();
                    } else {
                      goodFailures.add("status " + status);
                    }
                    Thread.sleep(20);
                  } catch (IOException | InterruptedException e) {
                    goodFailures.add(e.toString());
                  }
                }
              });
      scraper.start();

      // Stalled handshakes: a TLS record header, then nothing; each closed by the request timeout.
      List<Socket> stalled = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});
        socket.getOutputStream().flush();
        stalled.add(socket);
      }
      long stalledAt = System.nanoTime();

      // Garbage instead of a handshake.
      int garbage = 100;
      for (int i = 0; i < garbage; i++) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          socket.setSoTimeout(5000);
          socket
              .getOutputStream()
              .write("GET /metrics HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          drain(socket.getInputStream());
        }
      }

      // 2,000 distinct wrong passwords: each refused, the answer cache bounded.
      HttpClient http = WebFixture.client(trusting);
      int wrong = 2000;
      for (int i = 0; i < wrong; i++) {
        assertThat(get(http, url, "Authorization", basic("prometheus", "wrong-" + i)).statusCode())
            .isEqualTo(401);
      }
      assertThat(server.security().cachedAnswers()).isLessThanOrEqualTo(BasicAuthUsers.CAPACITY);

      // Oversized headers: over the guard's 16 KiB a 431, over the server's 64 KiB a drop.
      for (int i = 0; i < 10; i++) {
        assertThat(get(http, url, "X-Padding", "a".repeat(20 * 1024)).statusCode()).isEqualTo(431);
      }
      int huge = 10;
      for (int i = 0; i < huge; i++) {
        try (SSLSocket socket =
            (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", port)) {
          socket.setSoTimeout(5000);
          try {
            socket
                .getOutputStream()
                .write(
                    ("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Padding: "
                            + "a".repeat(100 * 1024)
                            + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            drain(socket.getInputStream());
          } catch (IOException e) {
            // dropped while writing: what is expected
          }
        }
      }

      // The stalled handshakes are closed within the request timeout (checked once a second).
      for (Socket socket : stalled) {
        socket.setSoTimeout((int) ((MetricsHttpServer.REQUEST_TIMEOUT_SECONDS + 5) * 1000));
        drain(socket.getInputStream());
        socket.close();
      }
      double stalledSeconds = (System.nanoTime() - stalledAt) / 1e9;
      assertThat(stalledSeconds).isLessThan(MetricsHttpServer.REQUEST_TIMEOUT_SECONDS + 5);

      ExporterUnderTest.await(
          "every case counted",
          Duration.ofSeconds(10),
          () ->
              metrics.droppedCount(ServingMetrics.Drop.TLS_ERROR) >= garbage
                  && metrics.droppedCount(ServingMetrics.Drop.REQUEST_TIMEOUT) >= stalled.size()
                  && metrics.droppedCount(ServingMetrics.Drop.HEADERS_TOO_LARGE) >= huge);
      assertThat(metrics.refusedCount(ServingMetrics.Refusal.UNAUTHENTICATED)).isEqualTo(wrong);
      assertThat(metrics.refusedCount(ServingMetrics.Refusal.HEADERS_TOO_LARGE)).isEqualTo(10);
      hostile.set(false);
      scraper.join();
      assertThat(goodFailures).isEmpty();
      assertThat(good.get()).isPositive();
      System.out.printf(
          "hostile TLS traffic: %d good scrapes, stalled handshakes closed after %.1f s, dropped %s%n",
          good.get(),
          stalledSeconds,
          List.of(
              metrics.droppedCount(ServingMetrics.Drop.TLS_ERROR),
              metrics.droppedCount(ServingMetrics.Drop.REQUEST_TIMEOUT),
              metrics.droppedCount(ServingMetrics.Drop.HEADERS_TOO_LARGE)));
    }
  }

  private static void drain(InputStream in) {
    try {
      byte[] buffer = new byte[4096];
      while (in.read(buffer) >= 0) {
        // until the server closes
      }
    } catch (IOException e) {
      // reset or timed out: closed either way
    }
  }
}
