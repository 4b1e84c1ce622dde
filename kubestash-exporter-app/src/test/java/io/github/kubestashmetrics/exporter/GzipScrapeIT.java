package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scrapes as Prometheus sends them (OpenMetrics, {@code Accept-Encoding: gzip}) decode with
 * decoders that are not Java's: Debian's {@code gzip -t} and {@code zcat}, and Python's {@code
 * gzip} module, each to the very text an identity scrape serves. Skips a decoder that is absent.
 */
class GzipScrapeIT {

  @RegisterExtension static final KubeStashMockServer API = new KubeStashMockServer();

  /** Prometheus 2.x's Accept header for a scrape. */
  static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private ExporterUnderTest exporter;

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void aGzipScrapeDecodesWithZcatGzipAndPythonToTheIdentityScrape() throws Exception {
    assumeTrue(
        ExternalTools.onPath("zcat") || ExternalTools.onPath("python3"),
        "neither zcat nor python3 is installed: skipping");
    exporter = ExporterUnderTest.start(API.url(), ExporterConfig.defaults());
    exporter.awaitWatching(); // the API is empty: only the objects put below are served
    MetricsStore store = exporter.exporter().store();
    KubeStashGenerators generators = new KubeStashGenerators(31_337);
    for (int i = 0; i < 3_000; i++) {
      var object = generators.anyValid();
      object.getMetadata().setName("o-" + i);
      object.getMetadata().setUid("uid-" + i);
      store.put(object);
    }

    byte[] gzip = scrape(true);
    byte[] identity = scrape(false);
    assertThat(new String(identity, StandardCharsets.UTF_8)).endsWith("# EOF\n");
    assertThat(gzip.length).isLessThan(identity.length / 5);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes())
        .isEqualTo(identity);

    Path body = Files.createTempFile("scrape", ".gz");
    try {
      Files.write(body, gzip);
      int decoders = 0;
      if (ExternalTools.onPath("gzip")) {
        assertThat(run(List.of("gzip", "-t", body.toString())).exitCode).isZero();
        decoders++;
      }
      if (ExternalTools.onPath("zcat")) {
        Run zcat = run(List.of("zcat", body.toString()));
        assertThat(zcat.exitCode).isZero();
        assertThat(zcat.stdout).isEqualTo(identity);
        decoders++;
      }
      if (ExternalTools.onPath("python3")) {
        Run python =
            run(
                List.of(
                    "python3",
                    "-c",
                    "import gzip,sys; sys.stdout.buffer.write(gzip.decompress(open(sys.argv[1],'rb').read()))",
                    body.toString()));
        assertThat(python.exitCode).isZero();
        assertThat(python.stdout).isEqualTo(identity);
        decoders++;
      }
      assertThat(decoders).isPositive();
    } finally {
      Files.deleteIfExists(body);
    }
  }

  private byte[] scrape(boolean gzip) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(exporter.uri("/metrics")).header("Accept", PROMETHEUS_ACCEPT);
    if (gzip) {
      request.header("Accept-Encoding", "gzip");
    }
    HttpResponse<byte[]> response =
        java.net.http.HttpClient.newHttpClient()
            .send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Encoding").isPresent()).isEqualTo(gzip);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/openmetrics-text");
    return response.body();
  }

  private record Run(int exitCode, byte[] stdout) {}

  private static Run run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] stdout = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    return new Run(process.exitValue(), stdout);
  }
}
