package io.github.kubestashmetrics.exporter.web;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, before any handler runs, whether a request may be served, and adds the configured
 * response headers to every answer.
 *
 * <p>Rules, in order: request headers over {@link #MAX_HEADER_BYTES} bytes get 431. With neither
 * {@code basic_auth_users} nor {@code --auth=kubernetes}, everything passes. Otherwise {@code
 * Authorization: Basic} is checked against {@code basic_auth_users} (when there are any) and {@code
 * Authorization: Bearer} with Kubernetes (with {@code --auth=kubernetes}): 401 without credentials
 * or with bad ones, 403 when Kubernetes knows the identity but it may not {@code get} the path, 503
 * when Kubernetes cannot answer. Every refusal is counted in {@link ServingMetrics}.
 */
final class AccessGuard extends Authenticator {

  /** Request headers (names and values) larger than this are refused with 431. */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  private static final String REALM = "kubestash-exporter";

  private final Optional<LiveWebConfig> web;
  private final Optional<KubernetesAccessReviews> kubernetes;
  private final BasicAuthUsers basic = new BasicAuthUsers();
  private final ServingMetrics metrics;

  AccessGuard(
      Optional<LiveWebConfig> web,
      Optional<KubernetesAccessReviews> kubernetes,
      ServingMetrics metrics) {
    this.web = web;
    this.kubernetes = kubernetes;
    this.metrics = metrics;
  }

  int cachedBasicAnswers() {
    return basic.cached();
  }

  /** Adds the configured headers to {@code exchange}'s response (also for unguarded paths). */
  void addHeaders(HttpExchange exchange) {
    web.ifPresent(w -> w.config().headers().forEach(exchange.getResponseHeaders()::set));
  }

  @Override
  public Result authenticate(HttpExchange exchange) {
    addHeaders(exchange);
    if (headerBytes(exchange.getRequestHeaders()) > MAX_HEADER_BYTES) {
      metrics.refused(ServingMetrics.Refusal.HEADERS_TOO_LARGE);
      exchange.getResponseHeaders().set("Connection", "close");
      return new Failure(431);
    }
    Map<String, String> users = web.map(w -> w.config().basicAuthUsers()).orElse(Map.of());
    if (users.isEmpty() && kubernetes.isEmpty()) {
      return new Success(new HttpPrincipal("anonymous", REALM));
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (!users.isEmpty() && startsWith(authorization, "Basic ")) {
      if (basic.accepts(users, authorization)) {
        return new Success(
            new HttpPrincipal(BasicAuthUsers.decode(authorization).orElseThrow()[0], REALM));
      }
      return unauthenticated(exchange, users);
    }
    if (kubernetes.isPresent() && startsWith(authorization, "Bearer ")) {
      String token = authorization.substring(7).trim();
      String path = exchange.getRequestURI().getPath();
      switch (kubernetes.get().judge(token, path)) {
        case ALLOWED:
          return new Success(new HttpPrincipal("kubernetes", REALM));
        case FORBIDDEN:
          metrics.refused(ServingMetrics.Refusal.FORBIDDEN);
          return new Failure(403);
        case UNAVAILABLE:
          metrics.refused(ServingMetrics.Refusal.AUTHENTICATION_UNAVAILABLE);
          return new Failure(503);
        default:
          return unauthenticated(exchange, users);
      }
    }
    return unauthenticated(exchange, users);
  }

  private Result unauthenticated(HttpExchange exchange, Map<String, String> users) {
    metrics.refused(ServingMetrics.Refusal.UNAUTHENTICATED);
    Headers headers = exchange.getResponseHeaders();
    if (!users.isEmpty()) {
      headers.add("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    }
    if (kubernetes.isPresent()) {
      headers.add("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
    }
    return new Retry(401);
  }

  private static boolean startsWith(String value, String prefix) {
    return value != null && value.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static long headerBytes(Headers headers) {
    long bytes = 0;
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      for (String value : header.getValue()) {
        bytes += header.getKey().length() + 4L + value.length();
      }
    }
    return bytes;
  }
}
