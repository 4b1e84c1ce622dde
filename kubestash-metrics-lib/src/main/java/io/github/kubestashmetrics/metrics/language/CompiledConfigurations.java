package io.github.kubestashmetrics.metrics.language;

import java.util.List;

/**
 * A set of compiled MetricsConfigurations in the order given, and every problem found: rejected
 * configurations and metrics, and families a later configuration defined again (the first wins).
 *
 * @param configurations the accepted configurations, each with its accepted metrics
 * @param problems everything rejected, in configuration order
 * @param options how the metrics render
 */
public record CompiledConfigurations(
    List<CompiledConfiguration> configurations,
    List<ConfigurationProblem> problems,
    EngineOptions options) {

  public CompiledConfigurations {
    configurations = List.copyOf(configurations);
    problems = List.copyOf(problems);
  }

  /** Number of accepted metrics over all configurations. */
  public int metricCount() {
    return configurations.stream().mapToInt(c -> c.metrics().size()).sum();
  }
}
