package io.github.kubestashmetrics.exporter;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.exporter.web.WebConfigException;
import io.github.kubestashmetrics.exporter.web.WebSecurity;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * Serves {@code /metrics} (the store's bytes, never re-mapped), {@code /healthz} and {@code
 * /readyz}; every other path is 404, every other method 405.
 *
 * <p>A client that accepts gzip (Prometheus always does) gets the store's pre-compressed blocks as
 * one gzip member, with no compression on the scrape path; any other client gets the text, inflated
 * from the blocks on a second thread while this one sends ({@link GatheringPipe}).
 *
 * <p>At most {@link ExporterConfig#maxConcurrentScrapes()} scrapes run at once; one more gets 503
 * at once rather than a queue that grows while the exporter is slow.
 *
 * <p>Slow clients cannot hold a server thread for ever: a client gets {@value
 * #REQUEST_TIMEOUT_SECONDS} s to send its request line and headers, and {@value
 * #RESPONSE_TIMEOUT_SECONDS} s to read the response; then the JDK server closes the connection
 * (checked once a second), which frees the thread and its scrape slot. These are the JDK server's
 * own {@code sun.net.httpserver.maxReqTime}/{@code maxRspTime}, which it reads once per JVM when
 * its first server is created; this class sets them when it is loaded (before the exporter starts
 * any server, the telemetry one included, which gets the same protection) unless the JVM was
 * started with them ({@code -Dsun.net.httpserver.maxReqTime=30}). A client that connects and sends
 * nothing holds no thread at all: the JDK server only hands a connection to a thread once bytes
 * arrive.
 *
 * <p>With {@code --web-config-file}, {@code --auth} and {@code --admission} ({@link WebSecurity}):
 * HTTPS, and {@code /metrics} (every path but the three below) behind basic auth or Kubernetes
 * authentication; {@code /healthz} and {@code /readyz} need no credentials (the kubelet's probes
 * send none), nor does {@code POST /validate-metricsconfiguration} (the API server sends none;
 * client certificates still apply when the web configuration asks for them). With TLS, a handshake
 * holds a server thread, so the pool has {@value #TLS_EXTRA_THREADS} more threads, and a handshake
 * that stalls is cut by the same request timeout.
 */
@Singleton
public final class MetricsHttpServer implements AutoCloseable {

  /** Seconds a client may take to send its whole request (line and headers). */
  public static final long REQUEST_TIMEOUT_SECONDS = 10;

  /** Seconds a client may take to read a whole response (a Prometheus scrape times out sooner). */
  public static final long RESPONSE_TIMEOUT_SECONDS = 60;

  /**
   * Request header bytes the JDK server reads at most (it drops a connection sending more, counted
   * as {@code kubestash_exporter_connections_dropped_total{reason="headers_too_large"}}); the
   * access guard already answers 431 above 16 KiB.
   */
  public static final long MAX_REQUEST_HEADER_BYTES = 64 * 1024;

  /** Server threads beyond the scrape slots when TLS is on: handshakes run on server threads. */
  public static final int TLS_EXTRA_THREADS = 8;

  /** Path of the validating webhook (with {@code --admission}). */
  public static final String ADMISSION_PATH = "/validate-metricsconfiguration";

  static {
    setIfAbsent("sun.net.httpserver.maxReqTime", REQUEST_TIMEOUT_SECONDS);
    setIfAbsent("sun.net.httpserver.maxRspTime", RESPONSE_TIMEOUT_SECONDS);
    setIfAbsent("sun.net.httpserver.maxReqHeaderSize", MAX_REQUEST_HEADER_BYTES);
  }

  private final ExporterConfig config;
  private final ExpositionSource exposition;
  private final Readiness readiness;
  private final Telemetry telemetry;
  private final Semaphore scrapeSlots;
  private final Supplier<KubernetesClient> client;
  private WebSecurity security;
  private HttpServer server;
  private ExecutorService executor;
  private ExecutorService gatherers;

  /**
   * A server whose {@code /metrics} is {@code exposition}, started on {@code config}'s bind address
   * and port, with no informers behind it (the scale harness measures the server class with the
   * store and with prebuilt buffers). Its readiness tracks nothing, its telemetry counts scrapes.
   */
  public static MetricsHttpServer serving(ExporterConfig config, ExpositionSource exposition)
      throws IOException {
    return serving(
        config,
        exposition,
        () -> {
          throw new IllegalStateException("no Kubernetes client for --auth=kubernetes");
        });
  }

  /** The same, with {@code client} for the reviews of {@code --auth=kubernetes}. */
  public static MetricsHttpServer serving(
      ExporterConfig config, ExpositionSource exposition, Supplier<KubernetesClient> client)
      throws IOException {
    Readiness readiness = new Readiness(config);
    Telemetry telemetry = new Telemetry(new MetricsStore(MetricCatalogue.standard()), readiness);
    MetricsHttpServer server =
        new MetricsHttpServer(config, exposition, readiness, telemetry, client);
    server.start();
    return server;
  }

  /** Serves {@code exposition}: the store, or the stores of the configured targets. */
  @Inject
  MetricsHttpServer(
      ExporterConfig config,
      ExpositionSource exposition,
      Readiness readiness,
      Telemetry telemetry,
      Provider<KubernetesClient> client) {
    this(config, exposition, readiness, telemetry, (Supplier<KubernetesClient>) client::get);
  }

  private MetricsHttpServer(
      ExporterConfig config,
      ExpositionSource exposition,
      Readiness readiness,
      Telemetry telemetry,
      Supplier<KubernetesClient> client) {
    this.client = client;
    this.config = config;
    this.exposition = exposition;
    this.readiness = readiness;
    this.telemetry = telemetry;
    this.scrapeSlots = new Semaphore(config.maxConcurrentScrapes());
  }

  /**
   * The protection both ports share, made on first use.
   *
   * @throws UsageProblem when the web configuration cannot be used
   */
  public synchronized WebSecurity security() {
    if (security == null) {
      try {
        security = WebSecurity.of(config.security(), telemetry.registry(), client);
      } catch (WebConfigException e) {
        throw new UsageProblem("--web-config-file: " + e.getMessage(), e);
      }
    }
    return security;
  }

  /** {@code builder} (the telemetry server's) with this port's TLS and access guard. */
  public HTTPServer.Builder secured(HTTPServer.Builder builder) {
    return security().secure(builder);
  }

  public synchronized void start() throws IOException {
    WebSecurity web = security();
    server = web.newServer(new InetSocketAddress(config.bindAddress(), config.port()), 64);
    // Threads beyond the scrape slots answer health probes and 503s while scrapes run.
    executor =
        Executors.newFixedThreadPool(
            config.maxConcurrentScrapes() + 2 + (web.tls() ? TLS_EXTRA_THREADS : 0),
            daemonThreads("metrics-http"));
    // One gathering thread per scrape slot: a scrape never waits for one.
    gatherers =
        Executors.newFixedThreadPool(
            config.maxConcurrentScrapes(), daemonThreads("metrics-gather"));
    server.setExecutor(executor);
    web.guard(server.createContext("/", this::handle));
    web.open(server.createContext("/healthz", this::handle));
    web.open(server.createContext("/readyz", this::handle));
    if (web.settings().admission().isPresent()) {
      io.github.kubestashmetrics.exporter.web.AdmissionWebhook webhook =
          new io.github.kubestashmetrics.exporter.web.AdmissionWebhook(
              web.settings().admission().get(), web.metrics());
      web.open(server.createContext(ADMISSION_PATH, webhook::handle));
    }
    server.start();
  }

  /** The port actually bound (useful when the configured port is 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "method not allowed\n");
        return;
      }
      switch (exchange.getRequestURI().getPath()) {
        case "/metrics" -> scrape(exchange);
        case "/healthz" -> respond(exchange, 200, "ok\n");
        case "/readyz" -> {
          List<String> waiting = readiness.notSynced();
          if (waiting.isEmpty()) {
            respond(exchange, 200, "ok\n");
          } else {
            respond(exchange, 503, "not synced: " + String.join(",", waiting) + "\n");
          }
        }
        default -> respond(exchange, 404, "not found\n");
      }
    }
  }

  private void scrape(HttpExchange exchange) throws IOException {
    if (!scrapeSlots.tryAcquire()) {
      telemetry.scrapeRejected();
      respond(exchange, 503, "too many concurrent scrapes\n");
      return;
    }
    try {
      long start = System.nanoTime();
      ExpositionFormat format = negotiate(exchange.getRequestHeaders().get("Accept"));
      boolean gzip = acceptsGzip(exchange.getRequestHeaders().get("Accept-Encoding"));
      exchange.getResponseHeaders().set("Content-Type", format.contentType());
      if (gzip) {
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, 0); // chunked: the body is streamed, never copied whole
      OutputStream body = exchange.getResponseBody();
      long bytes = send(format, gzip ? ContentEncoding.GZIP : ContentEncoding.IDENTITY, body);
      body.close();
      telemetry.scrape((System.nanoTime() - start) / 1e9, bytes);
    } finally {
      scrapeSlots.release();
    }
  }

  /**
   * Writes the exposition into {@code out} and returns its uncompressed length: gathered on a
   * second thread while this one sends, when the source gathers in this encoding ({@link
   * GatheringPipe}); directly otherwise.
   */
  private long send(ExpositionFormat format, ContentEncoding encoding, OutputStream out)
      throws IOException {
    if (!exposition.gathers(encoding)) {
      return exposition.write(format, encoding, out);
    }
    long[] length = new long[1];
    GatheringPipe.transfer(
        pipe -> length[0] = exposition.write(format, encoding, pipe), out, gatherers);
    return length[0];
  }

  static ExpositionFormat negotiate(List<String> accept) {
    if (accept != null) {
      for (String value : accept) {
        if (value.contains("application/openmetrics-text")) {
          return ExpositionFormat.OPENMETRICS_1_0_0;
        }
      }
    }
    return ExpositionFormat.TEXT_0_0_4;
  }

  static boolean acceptsGzip(List<String> acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String value : acceptEncoding) {
      for (String coding : value.split(",")) {
        String name = coding.trim();
        int semicolon = name.indexOf(';');
        if (semicolon >= 0) {
          if (name.substring(semicolon).replace(" ", "").equals(";q=0")) {
            continue;
          }
          name = name.substring(0, semicolon).trim();
        }
        if (name.equalsIgnoreCase("gzip")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * 404 with a tiny body: for every path of the telemetry server other than client_java's metrics
   * and health paths (its default is an HTML landing page).
   */
  static void notFound(HttpExchange exchange) throws IOException {
    try (exchange) {
      respond(exchange, 404, "not found\n");
    }
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void setIfAbsent(String property, long seconds) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, String.valueOf(seconds));
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public synchronized void close() {
    if (security != null) {
      security.close();
    }
    if (server != null) {
      server.stop(1);
      server = null;
    }
    if (executor != null) {
      executor.shutdown();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
    if (gatherers != null) {
      gatherers.shutdownNow();
      gatherers = null;
    }
  }
}
