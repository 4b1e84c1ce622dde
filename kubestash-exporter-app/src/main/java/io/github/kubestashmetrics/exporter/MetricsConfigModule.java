package io.github.kubestashmetrics.exporter;

import dagger.Module;
import dagger.Provides;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.metrics.MetricsStore;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * What feeds {@code /metrics}, by {@code --metrics-config}: the built-in kinds' informers and their
 * one store (the built-in mode, unchanged), or the targets of MetricsConfigurations read from the
 * cluster or from files.
 */
@Module
interface MetricsConfigModule {

  @Provides
  @Singleton
  static Informers informers(
      ExporterConfig config,
      Provider<KindInformers> builtin,
      Provider<ConfiguredTargets> configured) {
    return config.metricsConfig().isBuiltin() ? builtin.get() : configured.get();
  }

  @Provides
  @Singleton
  static ExpositionSource exposition(
      ExporterConfig config, MetricsStore store, Provider<ConfiguredTargets> configured) {
    if (config.metricsConfig().isBuiltin()) {
      return ExpositionSource.of(store);
    }
    ConfiguredTargets targets = configured.get();
    return (format, encoding, out) -> targets.write(out, format, encoding);
  }

  @Provides
  @Singleton
  static ConfiguredTargets configured(
      KubernetesClient client, ExporterConfig config, Telemetry telemetry, Readiness readiness) {
    ConfigurationSource source =
        switch (config.metricsConfig().mode()) {
          case CLUSTER -> new ClusterConfigurations(client, telemetry);
          case PATHS ->
              new FileConfigurations(
                  config.metricsConfig().paths(), config.metricsConfigInterval(), telemetry);
          case BUILTIN -> throw new IllegalStateException("the built-in mode has no targets");
        };
    return new ConfiguredTargets(client, config, telemetry, readiness, source);
  }
}
