package io.github.kubestashmetrics.exporter.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything {@link ServingSecurity} asks of the two servers, made once and shared by both: the TLS
 * context (one certificate, reloaded for both ports), the access guard with its caches, and the
 * self-metrics of refusals.
 */
public final class WebSecurity {

  private final ServingSecurity settings;
  private final ServingMetrics metrics;
  private final Optional<LiveWebConfig> web;
  private final Optional<TlsServing> tls;
  private final AccessGuard guard;
  private final Optional<KubernetesAccessReviews> reviews;
  private final boolean countsDrops;

  private WebSecurity(
      ServingSecurity settings,
      ServingMetrics metrics,
      Optional<LiveWebConfig> web,
      Optional<KubernetesAccessReviews> reviews) {
    this.settings = settings;
    this.metrics = metrics;
    this.web = web;
    this.tls = web.filter(w -> w.config().tlsEnabled()).map(TlsServing::new);
    this.guard = new AccessGuard(web, reviews, metrics);
    this.reviews = reviews;
    // Only when protection is asked for: reading the JDK server's debug records costs a little
    // on every request, which the default, open mode does not pay.
    this.countsDrops = web.isPresent() || reviews.isPresent();
    if (countsDrops) {
      DroppedConnections.start(metrics);
    }
  }

  /** Stops counting dropped connections into this instance's metrics. */
  public void close() {
    if (countsDrops) {
      DroppedConnections.stop(metrics);
    }
  }

  /** Cached Kubernetes review answers and basic-auth answers held now (both bounded). */
  int cachedAnswers() {
    return reviews.map(KubernetesAccessReviews::cached).orElse(0) + guard.cachedBasicAnswers();
  }

  /**
   * Reads the web configuration and prepares the guard; its self-metrics go to {@code registry}.
   *
   * @param client the Kubernetes client the reviews use (only asked for with {@code
   *     --auth=kubernetes})
   * @throws WebConfigException when the web configuration or a file it names cannot be used, or the
   *     webhook is asked for without TLS
   */
  public static WebSecurity of(
      ServingSecurity settings, PrometheusRegistry registry, Supplier<KubernetesClient> client)
      throws WebConfigException {
    ServingMetrics metrics = new ServingMetrics(registry);
    Optional<LiveWebConfig> web = Optional.empty();
    if (settings.webConfigFile().isPresent()) {
      web = Optional.of(LiveWebConfig.load(settings.webConfigFile().get(), metrics::reloadFailed));
    }
    if (settings.admission().isPresent() && !web.map(w -> w.config().tlsEnabled()).orElse(false)) {
      throw new WebConfigException(
          "--admission needs TLS: give a --web-config-file with tls_server_config (the API server"
              + " only calls webhooks over HTTPS)");
    }
    Optional<KubernetesAccessReviews> reviews =
        settings.auth() == ServingSecurity.Auth.KUBERNETES
            ? Optional.of(new KubernetesAccessReviews(client, System::currentTimeMillis))
            : Optional.empty();
    return new WebSecurity(settings, metrics, web, reviews);
  }

  public ServingSecurity settings() {
    return settings;
  }

  /** True when both ports serve HTTPS. */
  public boolean tls() {
    return tls.isPresent();
  }

  public ServingMetrics metrics() {
    return metrics;
  }

  /** A new, unstarted server on {@code address}: HTTPS when the web configuration asks for it. */
  public HttpServer newServer(InetSocketAddress address, int backlog) throws IOException {
    if (tls.isEmpty()) {
      return HttpServer.create(address, backlog);
    }
    HttpsServer server = HttpsServer.create(address, backlog);
    server.setHttpsConfigurator(tls.get().configurator());
    return server;
  }

  /** Puts {@code context} behind the access guard (credentials as configured, headers). */
  public void guard(HttpContext context) {
    context.setAuthenticator(guard);
  }

  /** {@code context} needs no credentials, but gets the configured response headers. */
  public void open(HttpContext context) {
    context
        .getFilters()
        .add(
            new Filter() {
              @Override
              public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                guard.addHeaders(exchange);
                chain.doFilter(exchange);
              }

              @Override
              public String description() {
                return "configured response headers";
              }
            });
  }

  /** The telemetry server's builder with the same TLS and guard as the metrics port. */
  public HTTPServer.Builder secure(HTTPServer.Builder builder) {
    tls.ifPresent(t -> builder.httpsConfigurator(t.configurator()));
    return builder.authenticator(guard);
  }
}
