package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.exporter.LiveObjects.Live;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.Exposition;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.MetricFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Slow and nosy clients: what they can hold, and what they can learn. */
class ScrapeProtectionIT {

  @RegisterExtension static final KubeStashMockServer API = new KubeStashMockServer();

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Socket> sockets = new ArrayList<>();
  private ExporterUnderTest exporter;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void secondScrapeGets503QuicklyWhileASlowConsumerHoldsTheOnlySlot() throws Exception {
    start(1);
    fillStore(12_000); // tens of MB: more than the socket buffers, so the server must wait

    Socket slow = new Socket();
    sockets.add(slow);
    slow.setReceiveBufferSize(4096); // before connecting, so that the window stays small
    slow.connect(new InetSocketAddress("127.0.0.1", exporter.exporter().metricsPort()), 5_000);
    send(slow, "GET /metrics HTTP/1.1\r\nHost: test\r\n\r\n");
    byte[] head = new byte[12];
    assertThat(slow.getInputStream().readNBytes(head, 0, head.length)).isEqualTo(12);
    assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
    // The slow consumer now holds the only scrape slot and reads nothing more.

    long start = System.nanoTime();
    HttpResponse<String> second =
        http.send(
            HttpRequest.newBuilder(exporter.uri("/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    System.out.printf(
        "[ScrapeProtectionIT] slow consumer holds the slot: second scrape %d in %d ms (%d bytes"
            + " stored)%n",
        second.statusCode(), took.toMillis(), exporter.exporter().store().retainedBytes());
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.body()).isEqualTo("too many concurrent scrapes\n");
    assertThat(took).isLessThan(Duration.ofSeconds(1));

    slow.close(); // the slot is freed once the server notices
    await("scrapes served again", () -> status("/metrics") == 200);
  }

  @Test
  void clientSendingItsHeadersTooSlowlyIsCutAndHoldsNoThreadForEver() throws Exception {
    start(1); // maxConcurrentScrapes + 2 = 3 server threads in all: these clients take every one
    List<Socket> slowloris = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Socket socket = connect();
      // A request line and one header, then nothing: the request is never complete.
      send(socket, "GET /metrics HTTP/1.1\r\nHost: test\r\n");
      slowloris.add(socket);
    }
    long start = System.nanoTime();

    for (Socket socket : slowloris) {
      socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
      try {
        assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("a client that never finished its request still holds it", e);
      } catch (IOException reset) {
        // closed by the server: a reset is as good as an orderly close
      }
    }
    Duration cut = Duration.ofNanos(System.nanoTime() - start);
    long healthStart = System.nanoTime();
    assertThat(status("/healthz")).isEqualTo(200);
    assertThat(status("/metrics")).isEqualTo(200);
    Duration health = Duration.ofNanos(System.nanoTime() - healthStart);

    System.out.printf(
        "[ScrapeProtectionIT] 3 slow-header clients cut after %d ms (timeout %d s); then /healthz"
            + " and /metrics in %d ms%n",
        cut.toMillis(), MetricsHttpServer.REQUEST_TIMEOUT_SECONDS, health.toMillis());
    assertThat(cut).isLessThan(Duration.ofSeconds(MetricsHttpServer.REQUEST_TIMEOUT_SECONDS + 20));
  }

  @Test
  void clientsThatConnectAndSendNothingHoldNoServerThread() throws Exception {
    start(1);
    for (int i = 0; i < 20; i++) {
      connect();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(status("/healthz")).isEqualTo(200);
      assertThat(status("/metrics")).isEqualTo(200);
      assertThat(status("/readyz")).isEqualTo(200);
    }
  }

  @Test
  void nothingButMetricsAndHealthIsServed() throws Exception {
    start(4);
    for (String path :
        List.of(
            "/",
            "/debug",
            "/metrics/../etc/passwd",
            "/../../etc/passwd",
            "/metrics/",
            "/METRICS",
            "/env",
            "/heapdump",
            "/actuator/env",
            "/favicon.ico")) {
      String response = raw("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n");
      assertThat(statusLine(response)).as(path).isEqualTo("HTTP/1.1 404 Not Found");
      assertThat(body(response)).as(path).isEqualTo("not found\n");
      assertThat(response).as(path).doesNotContainIgnoringCase("Server:");
    }
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
      String response =
          raw(method + " /metrics HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n");
      assertThat(statusLine(response)).as(method).isEqualTo("HTTP/1.1 405 Method Not Allowed");
      assertThat(body(response)).as(method).isEqualTo("method not allowed\n");
    }
    // A query string changes nothing (Prometheus may add params): health still says only "ok".
    assertThat(body(raw("GET /healthz?x HTTP/1.1\r\nHost: test\r\n\r\n"))).isEqualTo("ok\n");
    assertThat(body(raw("GET /readyz?verbose HTTP/1.1\r\nHost: test\r\n\r\n"))).isEqualTo("ok\n");

    // The telemetry port serves the exporter's own client_java metrics and nothing else.
    int telemetry = exporter.exporter().telemetryPort();
    for (String path : List.of("/metrics", "/", "/debug", "/env")) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + telemetry + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) {
        continue;
      }
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      Exposition exposition = ExpositionParser.parsePrometheus(response.body());
      assertThat(exposition.families()).as(path).isNotEmpty();
      assertThat(exposition.families())
          .extracting(MetricFamily::name)
          .as(path)
          .allMatch(
              name ->
                  name.startsWith("kubestash_exporter_")
                      || name.startsWith("jvm_")
                      || name.startsWith("process_"));
    }
    String healthy =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + telemetry + "/-/healthy"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(healthy.length()).isLessThan(64);
  }

  // --- helpers ---

  private void start(int maxConcurrentScrapes) throws Exception {
    exporter =
        ExporterUnderTest.start(
            API.url(),
            ExporterUnderTest.withMaxConcurrentScrapes(
                ExporterConfig.defaults(), maxConcurrentScrapes));
    exporter.awaitWatching();
  }

  /** Puts rendered objects straight into the store (the API stays empty). */
  private void fillStore(int count) {
    LiveObjects drawn = new LiveObjects(API, 99);
    MetricsStore store = exporter.exporter().store();
    for (int i = 0; i < count; i++) {
      Live object = drawn.draw(KubeStashKinds.ALL.get(i % 6));
      object.fixture.uid("uid-" + i);
      store.put("uid-" + i, CATALOGUE.render(object.fixture.build()));
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    sockets.add(socket);
    socket.connect(new InetSocketAddress("127.0.0.1", exporter.exporter().metricsPort()), 5_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** One request on its own connection; the whole response, as the server closes it. */
  private String raw(String request) throws IOException {
    try (Socket socket = connect()) {
      socket.setSoTimeout(10_000);
      send(socket, request.replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n"));
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String statusLine(String response) {
    return response.substring(0, response.indexOf("\r\n"));
  }

  private static String body(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }

  private int status(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(exporter.uri(path)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
