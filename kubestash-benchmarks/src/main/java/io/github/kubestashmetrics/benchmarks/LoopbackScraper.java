package io.github.kubestashmetrics.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Scrapes {@code /metrics} over loopback with the JDK's HTTP client, as Prometheus does: one GET,
 * the whole body read (and dropped), no compression. A scrape's time runs from sending the request
 * to reading the last byte.
 */
final class LoopbackScraper {

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final byte[] buffer = new byte[256 * 1024];

  /** One scrape's outcome: how long it took and how many body bytes came. */
  record Scrape(double seconds, long bytes) {}

  Scrape scrape(int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofMinutes(5))
            .GET()
            .build();
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long bytes = 0;
    try (InputStream body = response.body()) {
      for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
        bytes += n;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " on port " + port + ": " + response.statusCode());
    }
    return new Scrape(seconds, bytes);
  }

  /** The status code of a GET (for {@code /readyz} polling). */
  int status(int port, String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
