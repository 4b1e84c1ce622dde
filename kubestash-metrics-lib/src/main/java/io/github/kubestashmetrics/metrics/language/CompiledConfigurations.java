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

  /**
   * A hex SHA-256 of what these configurations render for objects of {@code target}: the options,
   * the target, and per configuration in order its common labels and each metric's full compiled
   * definition (expressions as trees); not names, metadata or problems. Equal fingerprints render
   * every object to the same bytes and errors (see {@code TargetPlan#fingerprint()}).
   */
  public String fingerprint(TargetKind target) {
    CanonicalForm form = new CanonicalForm();
    form.tag('O').number(options.seriesLimitPerMetric());
    form.tag('K').string(target.apiVersion()).string(target.kind());
    for (CompiledConfiguration configuration : configurations) {
      configuration.describeCommonLabels(form);
      form.number(configuration.metrics().size());
      for (CompiledMetric metric : configuration.metrics()) {
        metric.describe(form);
      }
    }
    return form.sha256();
  }

  /** Number of accepted metrics over all configurations. */
  public int metricCount() {
    return configurations.stream().mapToInt(c -> c.metrics().size()).sum();
  }
}
