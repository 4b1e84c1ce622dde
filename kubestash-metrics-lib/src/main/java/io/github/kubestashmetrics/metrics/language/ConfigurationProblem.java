package io.github.kubestashmetrics.metrics.language;

import java.util.Objects;

/**
 * Why a configuration, or one part of it, was rejected, as data. A rejected metric never stops the
 * other metrics of its configuration; every problem of a configuration is reported, not only the
 * first.
 *
 * @param code what is wrong, from a closed set: classify by it, not by {@code reason}
 * @param configuration the configuration's {@code metadata.name} ({@code ""} when it has none)
 * @param origin the file and document, or the cluster object, it came from
 * @param path the full path in the configuration of what is wrong, e.g. {@code
 *     spec.metrics[3].labels[0].valuePath}
 * @param family the family name the metric would have had, or "" when the whole configuration is
 *     rejected (or the name cannot be formed)
 * @param reason what is wrong, in words, for people
 */
public record ConfigurationProblem(
    ProblemCode code,
    String configuration,
    ConfigurationOrigin origin,
    String path,
    String family,
    String reason) {

  public ConfigurationProblem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * One line: {@code <origin>: <name>: <path> (<family>): <reason> [<code>]}; the origin only when
   * it is a file (a cluster object is named by its name already).
   */
  @Override
  public String toString() {
    return (origin.isFile() ? origin + ": " : "")
        + (configuration.isEmpty() ? "(unnamed MetricsConfiguration)" : configuration)
        + ": "
        + path
        + (family.isEmpty() ? "" : " (" + family + ")")
        + ": "
        + reason
        + " ["
        + code.code()
        + "]";
  }
}
