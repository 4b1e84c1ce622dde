package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code close()} while the reconcile thread is inside a discovery call that does not return: close
 * comes back within its bounded wait, the targets are torn down only once the reconcile thread is
 * done with them (never under its feet), and the thread asks the API nothing after that.
 */
class ConfiguredTargetsCloseTest {

  @Test
  void closeWhileADiscoveryCallHangsStopsTheReconcilerBeforeTearingDown() throws Exception {
    CountDownLatch discoveryArrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger discoveries = new AtomicInteger();
    HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/",
        exchange -> {
          if (exchange.getRequestURI().getPath().startsWith("/apis/example.com/v1")) {
            discoveries.incrementAndGet();
            discoveryArrived.countDown();
            try {
              release.await(60, TimeUnit.SECONDS); // hangs until the test lets it go
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    api.start();
    String url = "http://127.0.0.1:" + api.getAddress().getPort();
    ExporterConfig config =
        ExporterConfig.defaults()
            .withMasterUrl(url)
            .withMetricsConfig(MetricsConfigSource.CLUSTER_OBJECTS, Duration.ofMillis(200));
    Readiness readiness = new Readiness(config);
    Telemetry telemetry = new Telemetry(new MetricsStore(MetricCatalogue.standard()), readiness);
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl(url)
                    .withRequestTimeout(120_000)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      ConfiguredTargets targets =
          new ConfiguredTargets(client, config, telemetry, readiness, new OneConfiguration());
      targets.start();
      assertThat(discoveryArrived.await(20, TimeUnit.SECONDS))
          .as("the reconcile thread asks discovery")
          .isTrue();

      long start = System.nanoTime();
      targets.close();
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(seconds).as("close waits a bounded time").isLessThan(15);
      if (seconds >= 5) {
        // close gave up waiting: the step still holds the targets, so they must still stand.
        assertThat(targets.isTornDown()).as("not torn down under the step's feet").isFalse();
      }

      release.countDown(); // the hanging call returns (404): the step ends
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!targets.isTornDown() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(targets.isTornDown()).as("torn down once the step ended").isTrue();
      int asked = discoveries.get();
      Thread.sleep(1_000); // five intervals: a live reconcile thread would ask again
      assertThat(discoveries.get()).as("nothing asked after close").isEqualTo(asked);
      assertThat(targets.configurations()).isEmpty();
    } finally {
      release.countDown();
      api.stop(0);
    }
  }

  /** One MetricsConfiguration for widgets, always synced. */
  private static final class OneConfiguration implements ConfigurationSource {
    @Override
    public String name() {
      return "test-configurations";
    }

    @Override
    public void start(Runnable changed) {
      changed.run();
    }

    @Override
    public boolean hasSynced() {
      return true;
    }

    @Override
    public boolean isWatching() {
      return true;
    }

    @Override
    public List<MetricsConfiguration> current() {
      try {
        MetricsConfiguration configuration =
            ConfiguredApi.YAML.readValue(
                ConfiguredApi.widgetConfiguration("widgets", "Widget replicas"),
                MetricsConfiguration.class);
        configuration.getMetadata().setResourceVersion("1");
        return List.of(configuration);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void close() {}
  }
}
