package io.github.kubestashmetrics.exporter;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running exporter: starts the telemetry server, the informers and then the metrics server;
 * {@link #close()} stops them in reverse order and closes the client.
 */
@Singleton
public final class Exporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

  private final ExporterConfig config;
  private final KubernetesClient client;
  private final Informers informers;
  private final MetricsHttpServer metricsServer;
  private final Telemetry telemetry;
  private final MetricsStore store;
  private final Readiness readiness;
  private HTTPServer telemetryServer;

  @Inject
  Exporter(
      ExporterConfig config,
      KubernetesClient client,
      Informers informers,
      MetricsHttpServer metricsServer,
      Telemetry telemetry,
      MetricsStore store,
      Readiness readiness) {
    this.config = config;
    this.client = client;
    this.informers = informers;
    this.metricsServer = metricsServer;
    this.telemetry = telemetry;
    this.store = store;
    this.readiness = readiness;
  }

  /**
   * Starts the servers and informers.
   *
   * @throws UsageProblem when a port cannot be listened on (taken, not permitted, bad address)
   */
  public synchronized void start() throws IOException {
    if (config.telemetryPort() >= 0) {
      try {
        telemetryServer =
            metricsServer
                .secured(HTTPServer.builder())
                .hostname(config.bindAddress())
                .port(config.telemetryPort())
                .registry(telemetry.registry())
                .defaultHandler(MetricsHttpServer::notFound)
                .buildAndStart();
      } catch (IOException e) {
        throw cannotListen("--telemetry-port", config.telemetryPort(), e);
      }
    }
    informers.start();
    try {
      metricsServer.start();
    } catch (IOException e) {
      throw cannotListen("--port", config.port(), e);
    }
    LOG.info(
        "serving /metrics on {}:{} (telemetry on {}), watching {} in {}, shard {} of {}",
        config.bindAddress(),
        metricsServer.port(),
        telemetryServer == null ? "off" : String.valueOf(telemetryServer.getPort()),
        config.metricsConfig().isBuiltin()
            ? config.kinds().stream().map(k -> k.kind()).toList()
            : "the targets of the MetricsConfigurations of " + config.metricsConfig(),
        config.namespaces().isEmpty() ? "all namespaces" : config.namespaces(),
        config.sharding().shard(),
        config.sharding().totalShards());
  }

  /** A port that cannot be listened on is the user's to change: say which flag, and the cause. */
  private UsageProblem cannotListen(String flag, int port, IOException cause) {
    return new UsageProblem(
        "cannot listen on "
            + config.bindAddress()
            + ":"
            + port
            + " ("
            + cause.getMessage()
            + "); choose another "
            + flag
            + " or --bind-address, or stop what uses that port",
        cause);
  }

  public int metricsPort() {
    return metricsServer.port();
  }

  public int telemetryPort() {
    return telemetryServer == null ? -1 : telemetryServer.getPort();
  }

  /** True when every informer has synced and holds an open watch. */
  public boolean watching() {
    return readiness.isReady() && informers.allWatching();
  }

  /** The built-in mode's store (empty with {@code --metrics-config=cluster} or {@code PATH}). */
  public MetricsStore store() {
    return store;
  }

  /**
   * Objects whose series are served now, in any mode (every target's store with configurations).
   */
  public int objectCount() {
    return informers.objectCount();
  }

  public Readiness readiness() {
    return readiness;
  }

  public Telemetry telemetry() {
    return telemetry;
  }

  @Override
  public synchronized void close() {
    metricsServer.close();
    informers.close();
    if (telemetryServer != null) {
      telemetryServer.close();
      telemetryServer = null;
    }
    client.close();
  }
}
