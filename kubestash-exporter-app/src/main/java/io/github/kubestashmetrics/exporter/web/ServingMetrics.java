package io.github.kubestashmetrics.exporter.web;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The self-metrics of secure serving, on the telemetry port: every refused request, dropped
 * connection (failed or stalled TLS handshake, late or oversized headers), refused web
 * configuration change and admission review is counted here.
 */
public final class ServingMetrics {

  /** Reasons of {@code kubestash_exporter_http_requests_refused_total}. */
  public enum Refusal {
    /** 401: no credentials, or credentials that are not valid. */
    UNAUTHENTICATED("unauthenticated"),
    /** 403: a known identity that may not {@code get} the path. */
    FORBIDDEN("forbidden"),
    /** 431: request headers larger than the exporter reads. */
    HEADERS_TOO_LARGE("headers_too_large"),
    /** 503: the Kubernetes API could not answer a TokenReview or SubjectAccessReview. */
    AUTHENTICATION_UNAVAILABLE("authentication_unavailable");

    final String label;

    Refusal(String label) {
      this.label = label;
    }
  }

  /** Reasons of {@code kubestash_exporter_connections_dropped_total}. */
  public enum Drop {
    /** The client sent something that is not a TLS handshake, or a handshake that failed. */
    TLS_ERROR("tls_error"),
    /** The TLS handshake or the request headers did not arrive within the request timeout. */
    REQUEST_TIMEOUT("request_timeout"),
    /**
     * Request headers over the JDK server's limit ({@code sun.net.httpserver.maxReqHeaderSize}).
     */
    HEADERS_TOO_LARGE("headers_too_large");

    final String label;

    Drop(String label) {
      this.label = label;
    }
  }

  private final Counter refused;
  private final Counter dropped;
  private final Counter reloadFailures;
  private final Counter admissionReviews;

  public ServingMetrics(PrometheusRegistry registry) {
    refused =
        Counter.builder()
            .name("kubestash_exporter_http_requests_refused")
            .help("Requests refused before any handler ran (both ports), by reason")
            .labelNames("reason")
            .register(registry);
    dropped =
        Counter.builder()
            .name("kubestash_exporter_connections_dropped")
            .help(
                "Connections the HTTP server closed without an answer (both ports): TLS errors,"
                    + " handshakes or headers not sent in time, oversized headers")
            .labelNames("reason")
            .register(registry);
    reloadFailures =
        Counter.builder()
            .name("kubestash_exporter_web_config_reload_failures")
            .help(
                "Changes of the web configuration or its certificate files that could not be"
                    + " applied (each version once; the last good configuration stays)")
            .register(registry);
    admissionReviews =
        Counter.builder()
            .name("kubestash_exporter_admission_reviews")
            .help("AdmissionReviews answered on /validate-metricsconfiguration, by result")
            .labelNames("result")
            .register(registry);
    for (Refusal r : Refusal.values()) {
      refused.labelValues(r.label);
    }
    for (Drop d : Drop.values()) {
      dropped.labelValues(d.label);
    }
  }

  void refused(Refusal reason) {
    refused.labelValues(reason.label).inc();
  }

  void dropped(Drop reason) {
    dropped.labelValues(reason.label).inc();
  }

  void reloadFailed() {
    reloadFailures.inc();
  }

  public void admissionReview(String result) {
    admissionReviews.labelValues(result).inc();
  }

  /** The count so far of refusals for {@code reason}. */
  public double refusedCount(Refusal reason) {
    return refused.labelValues(reason.label).get();
  }

  /** The count so far of dropped connections for {@code reason}. */
  public double droppedCount(Drop reason) {
    return dropped.labelValues(reason.label).get();
  }

  /** The count so far of refused web configuration changes. */
  public double reloadFailureCount() {
    return reloadFailures.get();
  }

  /** The count so far of admission reviews answered with {@code result}. */
  public double admissionReviewCount(String result) {
    return admissionReviews.labelValues(result).get();
  }
}
