package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.exporter.web.ServingSecurity;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the exporter was asked to do: where the API is, what to watch, where to serve.
 *
 * @param kubeconfig explicit kubeconfig file; empty means in-cluster, else {@code ~/.kube/config}
 * @param masterUrl explicit API server URL (demo mode and tests); overrides any kubeconfig
 * @param namespaces namespaces to watch; empty means all
 * @param labelSelector label selector for every watched object, or empty
 * @param kinds the kinds to watch, in catalogue order
 * @param bindAddress address both servers listen on
 * @param port port of {@code /metrics}, {@code /healthz} and {@code /readyz}; 0 picks a free one
 * @param telemetryPort port of the exporter's own metrics; 0 picks a free one, -1 disables
 * @param maxConcurrentScrapes scrapes served at once; more get 503 at once instead of queueing
 * @param sharding which objects this replica exports when several share the work
 * @param metricsConfig where the metric definitions come from: built in (the default), the
 *     cluster's MetricsConfigurations, or files
 * @param metricsConfigInterval how often files are checked for changes and pending targets for
 *     their resource
 * @param security TLS, authentication and the admission webhook of both ports ({@link
 *     ServingSecurity#NONE}: plain HTTP, open)
 */
public record ExporterConfig(
    Optional<Path> kubeconfig,
    Optional<String> masterUrl,
    List<String> namespaces,
    Optional<String> labelSelector,
    List<KubeStashKinds.Kind<?>> kinds,
    String bindAddress,
    int port,
    int telemetryPort,
    int maxConcurrentScrapes,
    ShardSelector sharding,
    MetricsConfigSource metricsConfig,
    Duration metricsConfigInterval,
    ServingSecurity security) {

  /** Default of {@link #metricsConfigInterval()}. */
  public static final Duration DEFAULT_METRICS_CONFIG_INTERVAL = Duration.ofSeconds(10);

  public ExporterConfig {
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(metricsConfig, "metricsConfig");
    if (metricsConfigInterval.isNegative() || metricsConfigInterval.isZero()) {
      throw new IllegalArgumentException("metricsConfigInterval must be positive");
    }
    Objects.requireNonNull(sharding, "sharding");
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(masterUrl, "masterUrl");
    namespaces = List.copyOf(namespaces);
    Objects.requireNonNull(labelSelector, "labelSelector");
    kinds = List.copyOf(kinds);
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("at least one kind must be watched");
    }
    if (maxConcurrentScrapes < 1) {
      throw new IllegalArgumentException("maxConcurrentScrapes must be at least 1");
    }
  }

  /**
   * Defaults: every kind, every namespace, ports 8080 and 8081 on all interfaces, plain HTTP and
   * open ({@link ServingSecurity#NONE}).
   */
  public static ExporterConfig defaults() {
    return new ExporterConfig(
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        KubeStashKinds.ALL,
        "0.0.0.0",
        8080,
        8081,
        4,
        ShardSelector.ALL,
        MetricsConfigSource.BUILTIN_CATALOGUE,
        DEFAULT_METRICS_CONFIG_INTERVAL,
        ServingSecurity.NONE);
  }

  /** The same, with metric definitions from {@code source}, checked every {@code interval}. */
  public ExporterConfig withMetricsConfig(MetricsConfigSource source, Duration interval) {
    Draft d = new Draft(this);
    d.metricsConfig = source;
    d.metricsConfigInterval = interval;
    return d.build();
  }

  public ExporterConfig withMasterUrl(String url) {
    Draft d = new Draft(this);
    d.masterUrl = Optional.of(url);
    return d.build();
  }

  public ExporterConfig withPorts(String address, int metricsPort, int selfPort) {
    Draft d = new Draft(this);
    d.bindAddress = address;
    d.port = metricsPort;
    d.telemetryPort = selfPort;
    return d.build();
  }

  public ExporterConfig withScope(List<String> watchNamespaces, Optional<String> selector) {
    Draft d = new Draft(this);
    d.namespaces = watchNamespaces;
    d.labelSelector = selector;
    return d.build();
  }

  public ExporterConfig withKinds(List<KubeStashKinds.Kind<?>> watchKinds) {
    Draft d = new Draft(this);
    d.kinds = watchKinds;
    return d.build();
  }

  public ExporterConfig withMaxConcurrentScrapes(int scrapes) {
    Draft d = new Draft(this);
    d.maxConcurrentScrapes = scrapes;
    return d.build();
  }

  /** The same, served with {@code serving} (TLS, authentication, the webhook). */
  public ExporterConfig withSecurity(ServingSecurity serving) {
    Draft d = new Draft(this);
    d.security = serving;
    return d.build();
  }

  /** A copy to change before building: each {@code with} method names only what it changes. */
  private static final class Draft {
    private final Optional<Path> kubeconfig;
    private Optional<String> masterUrl;
    private List<String> namespaces;
    private Optional<String> labelSelector;
    private List<KubeStashKinds.Kind<?>> kinds;
    private String bindAddress;
    private int port;
    private int telemetryPort;
    private int maxConcurrentScrapes;
    private final ShardSelector sharding;
    private MetricsConfigSource metricsConfig;
    private Duration metricsConfigInterval;
    private ServingSecurity security;

    Draft(ExporterConfig c) {
      kubeconfig = c.kubeconfig;
      masterUrl = c.masterUrl;
      namespaces = c.namespaces;
      labelSelector = c.labelSelector;
      kinds = c.kinds;
      bindAddress = c.bindAddress;
      port = c.port;
      telemetryPort = c.telemetryPort;
      maxConcurrentScrapes = c.maxConcurrentScrapes;
      sharding = c.sharding;
      metricsConfig = c.metricsConfig;
      metricsConfigInterval = c.metricsConfigInterval;
      security = c.security;
    }

    ExporterConfig build() {
      return new ExporterConfig(
          kubeconfig,
          masterUrl,
          namespaces,
          labelSelector,
          kinds,
          bindAddress,
          port,
          telemetryPort,
          maxConcurrentScrapes,
          sharding,
          metricsConfig,
          metricsConfigInterval,
          security);
    }
  }
}
