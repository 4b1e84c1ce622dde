package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.config.CompiledConfiguration;
import io.github.kubestashmetrics.metrics.config.CompiledConfigurations;
import io.github.kubestashmetrics.metrics.config.CompiledMetric;
import io.github.kubestashmetrics.metrics.config.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.config.EngineOptions;
import io.github.kubestashmetrics.metrics.config.MetricsConfigurationCompiler;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Interim twin of the library's {@code ConfigurationPlan} (branch {@code plan}, same names and
 * meaning), to be deleted when that lands: MetricsConfigurations compiled once (older by
 * creationTimestamp first, so the older one wins a duplicate family) and split per target kind.
 */
final class ConfigurationPlan {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The kind a configuration targets. */
  record TargetKind(String group, String version, String kind) {
    String apiVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }

    static TargetKind of(String apiVersion, String kind) {
      int slash = apiVersion.indexOf('/');
      return slash < 0
          ? new TargetKind("", apiVersion, kind)
          : new TargetKind(apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
    }
  }

  /** One target: its catalogue, the configurations that give it families, and a fingerprint. */
  record TargetPlan(
      TargetKind target,
      MetricCatalogue catalogue,
      List<String> configurationNames,
      Object fingerprint) {}

  /** What became of one configuration. */
  record ConfigurationStatus(
      String name,
      String version,
      TargetKind target,
      List<String> activeFamilies,
      List<ConfigurationProblem> rejected) {}

  private final List<TargetPlan> targets;
  private final List<ConfigurationProblem> problems;
  private final List<ConfigurationStatus> configurations;

  private ConfigurationPlan(
      List<TargetPlan> targets,
      List<ConfigurationProblem> problems,
      List<ConfigurationStatus> configurations) {
    this.targets = List.copyOf(targets);
    this.problems = List.copyOf(problems);
    this.configurations = List.copyOf(configurations);
  }

  static ConfigurationPlan of(List<MetricsConfiguration> given, EngineOptions options) {
    List<MetricsConfiguration> ordered = new ArrayList<>(given);
    ordered.sort(
        Comparator.comparing(
            ConfigurationPlan::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
    CompiledConfigurations compiled = MetricsConfigurationCompiler.compile(ordered, options);
    Map<TargetKind, List<CompiledConfiguration>> byTarget = new LinkedHashMap<>();
    for (CompiledConfiguration c : compiled.configurations()) {
      if (!c.metrics().isEmpty()) {
        byTarget
            .computeIfAbsent(TargetKind.of(c.apiVersion(), c.kind()), t -> new ArrayList<>())
            .add(c);
      }
    }
    Map<String, MetricsConfiguration> byName = new LinkedHashMap<>();
    for (MetricsConfiguration c : ordered) {
      byName.putIfAbsent(nameOf(c), c);
    }
    List<TargetPlan> targets = new ArrayList<>();
    byTarget.forEach(
        (target, list) -> {
          List<Object> fingerprint = new ArrayList<>();
          for (CompiledConfiguration c : list) {
            fingerprint.add(specText(byName.get(c.name())));
            fingerprint.add(c.metrics().stream().map(CompiledMetric::name).toList());
          }
          targets.add(
              new TargetPlan(
                  target,
                  MetricCatalogue.of(new CompiledConfigurations(list, List.of(), options)),
                  list.stream().map(CompiledConfiguration::name).toList(),
                  List.copyOf(fingerprint)));
        });
    List<ConfigurationStatus> statuses = new ArrayList<>();
    for (MetricsConfiguration c : ordered) {
      String name = nameOf(c);
      CompiledConfiguration accepted =
          compiled.configurations().stream()
              .filter(x -> x.name().equals(name))
              .findFirst()
              .orElse(null);
      TargetKind target =
          c.getSpec() == null || c.getSpec().getTargetRef() == null
              ? null
              : TargetKind.of(
                  Objects.toString(c.getSpec().getTargetRef().getApiVersion(), ""),
                  Objects.toString(c.getSpec().getTargetRef().getKind(), ""));
      statuses.add(
          new ConfigurationStatus(
              name,
              c.getMetadata() == null
                  ? ""
                  : Objects.toString(c.getMetadata().getResourceVersion(), ""),
              target,
              accepted == null
                  ? List.of()
                  : accepted.metrics().stream().map(CompiledMetric::name).toList(),
              compiled.problems().stream()
                  .filter(
                      p ->
                          p.configuration()
                              .equals(name.isEmpty() ? "(unnamed MetricsConfiguration)" : name))
                  .toList()));
    }
    return new ConfigurationPlan(targets, compiled.problems(), statuses);
  }

  List<TargetPlan> targets() {
    return targets;
  }

  List<ConfigurationProblem> problems() {
    return problems;
  }

  List<ConfigurationStatus> configurations() {
    return configurations;
  }

  private static String nameOf(MetricsConfiguration c) {
    return c.getMetadata() == null ? "" : Objects.toString(c.getMetadata().getName(), "");
  }

  private static String createdAt(MetricsConfiguration c) {
    return c.getMetadata() == null ? null : c.getMetadata().getCreationTimestamp();
  }

  private static String specText(MetricsConfiguration c) {
    try {
      return c == null ? "" : JSON.writeValueAsString(c.getSpec());
    } catch (JsonProcessingException e) {
      return String.valueOf(c.getSpec());
    }
  }
}
