package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.ExpositionFormat;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The exporter's own {@link MetricsHttpServer} on a free loopback port, serving either a {@link
 * MetricStore} (what the exporter does) or one prebuilt exposition buffer (the limit of the same
 * server stack). The public seam through which the scale harness ({@code kubestash-benchmarks})
 * measures the real server without reaching into this package: no other jar puts a class here.
 * Telemetry is off (no telemetry port); the servers do not need an API server.
 */
public final class LoopbackMetricsServers {

  private LoopbackMetricsServers() {}

  /** Starts a server whose {@code /metrics} is the store's concatenation. */
  public static MetricsHttpServer serving(MetricStore store) throws IOException {
    return start(store, store);
  }

  /**
   * Starts a server whose {@code /metrics} writes {@code exposition} in one call (in either format:
   * the harness only asks for the text format). {@code store} only feeds the server's telemetry.
   */
  public static MetricsHttpServer servingBuffer(MetricStore store, byte[] exposition)
      throws IOException {
    ExpositionSource buffer =
        new ExpositionSource() {
          @Override
          public void write(ExpositionFormat format, OutputStream out) throws IOException {
            out.write(exposition);
          }

          @Override
          public boolean gathers() {
            return false; // one write from one buffer: the server sends it directly
          }
        };
    return start(store, buffer);
  }

  private static MetricsHttpServer start(MetricStore store, ExpositionSource source)
      throws IOException {
    ExporterConfig config = ExporterConfig.defaults().withPorts("127.0.0.1", 0, -1);
    Readiness readiness = new Readiness(config);
    MetricsHttpServer server =
        new MetricsHttpServer(config, source, readiness, new Telemetry(store, readiness));
    server.start();
    return server;
  }
}
