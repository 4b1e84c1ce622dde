package io.github.kubestashmetrics.exporter;

/**
 * An embedded Kubernetes API for {@code --demo}, started before the exporter and closed after it.
 * The production jar has none (it carries no mock server); {@code kubestash-exporter-demo} supplies
 * one through {@link Main#commandLine(java.util.function.Supplier)}.
 */
public interface DemoApi extends AutoCloseable {

  /** The API server's URL, which the exporter watches instead of any kubeconfig. */
  String url();

  /**
   * Bearer tokens the API's TokenReview knows, for {@code --demo --auth=kubernetes}: one whose
   * identity may {@code get /metrics}, one whose identity may not; empty when the API has none.
   */
  default java.util.Optional<DemoTokens> tokens() {
    return java.util.Optional.empty();
  }

  /** A token that is allowed to read {@code /metrics}, and one that is authenticated but not. */
  record DemoTokens(String allowed, String unauthorised) {}

  /** Stops the API server; called once, after the exporter has stopped. */
  @Override
  void close();
}
