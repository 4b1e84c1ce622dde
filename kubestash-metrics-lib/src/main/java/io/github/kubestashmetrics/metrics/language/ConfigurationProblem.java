package io.github.kubestashmetrics.metrics.language;

import java.util.Objects;

/**
 * Why a configuration, or one metric of it, was rejected. A rejected metric never stops the other
 * metrics of its configuration.
 *
 * @param configuration the configuration's {@code metadata.name} (or where it came from)
 * @param path where in the configuration, e.g. {@code spec.metrics[3].metricValue}
 * @param family the family name the metric would have had, or "" when the whole configuration is
 *     rejected (or the name cannot be formed)
 * @param reason what is wrong, in words
 */
public record ConfigurationProblem(
    String configuration, String path, String family, String reason) {

  public ConfigurationProblem {
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return configuration
        + ": "
        + path
        + (family.isEmpty() ? "" : " (" + family + ")")
        + ": "
        + reason;
  }
}
