package io.github.kubestashmetrics.exporter;

/**
 * An embedded Kubernetes API for {@code --demo}, started before the exporter and closed after it.
 * The production jar has none (it carries no mock server); {@code kubestash-exporter-demo} supplies
 * one through {@link Main#commandLine(java.util.function.Supplier)}.
 */
public interface DemoApi extends AutoCloseable {

  /** The API server's URL, which the exporter watches instead of any kubeconfig. */
  String url();

  /** Stops the API server; called once, after the exporter has stopped. */
  @Override
  void close();
}
