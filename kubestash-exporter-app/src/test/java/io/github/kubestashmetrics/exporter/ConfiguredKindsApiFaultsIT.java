package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ApiFaultsIT}'s scenarios (dropped watch, 410 Gone, API restart with objects deleted while
 * it was down, 403, absent CRD, slow API) with the six kinds driven by the engine: KubeStash's six
 * MetricsConfigurations read from a file ({@code --metrics-config=PATH}), each kind a target with
 * its own store and informers. The expected series are the built-in catalogue's, which the six
 * configurations reproduce exactly.
 */
class ConfiguredKindsApiFaultsIT extends ApiFaultsIT {

  @TempDir static Path configurations;

  @Override
  ExporterConfig config() throws Exception {
    Path file = configurations.resolve("kubestash.yaml");
    ConfiguredApi.writeYaml(file, BuiltInConfigurations.standard());
    return ExporterConfig.defaults()
        .withMetricsConfig(MetricsConfigSource.files(List.of(file)), Duration.ofMillis(200));
  }

  @Override
  boolean absentCrdHoldsReadiness() {
    return false;
  }
}
