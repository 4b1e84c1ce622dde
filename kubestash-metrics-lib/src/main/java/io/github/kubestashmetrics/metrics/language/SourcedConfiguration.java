package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.Objects;

/**
 * A MetricsConfiguration and where it came from.
 *
 * @param configuration the configuration (null is reported as a problem, never thrown on)
 * @param origin where it came from, and its version
 */
public record SourcedConfiguration(MetricsConfiguration configuration, ConfigurationOrigin origin) {

  public SourcedConfiguration {
    Objects.requireNonNull(origin, "origin");
  }

  /** An object of the cluster, its origin from its own metadata. */
  public static SourcedConfiguration ofCluster(MetricsConfiguration configuration) {
    var metadata = configuration == null ? null : configuration.getMetadata();
    return new SourcedConfiguration(
        configuration,
        ConfigurationOrigin.cluster(
            metadata == null ? null : metadata.getName(),
            metadata == null ? null : metadata.getResourceVersion()));
  }
}
