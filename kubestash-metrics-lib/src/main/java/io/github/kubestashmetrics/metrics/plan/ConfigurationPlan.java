package io.github.kubestashmetrics.metrics.plan;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.internal.value.Rfc3339;
import io.github.kubestashmetrics.metrics.language.CanonicalForm;
import io.github.kubestashmetrics.metrics.language.CompiledConfiguration;
import io.github.kubestashmetrics.metrics.language.CompiledConfigurations;
import io.github.kubestashmetrics.metrics.language.CompiledMetric;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import io.github.kubestashmetrics.metrics.language.TargetKind;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a set of MetricsConfigurations serves, as one exposition: per target kind the catalogue of
 * its surviving metrics, and per configuration what it serves and what was rejected. Immutable; the
 * result depends only on the set of configurations, never on their order in the list. Never throws
 * for any configuration content.
 *
 * <p><b>Conflicts.</b> One exposition holds every target's families, so a family name may be
 * defined once across all targets. When two configurations define the same family, the older one
 * wins: earlier {@code metadata.creationTimestamp} (RFC 3339; a missing or unparseable timestamp
 * counts as newest), then {@code metadata.name} ascending (then, for configurations alike in both,
 * their content). The loser keeps its other metrics and reports the lost one as a {@link
 * ConfigurationProblem} that names the winner. (Within one configuration a family declared twice
 * keeps its first declaration, as {@link MetricsConfigurationCompiler} decides.)
 *
 * <p><b>Re-planning.</b> A runtime builds a new plan whenever a configuration is added, changed or
 * removed, and compares each target's {@link TargetPlan#fingerprint()} with the previous plan's to
 * learn which targets must re-render their objects (see {@link TargetPlan}).
 */
public final class ConfigurationPlan {

  /** Canonical JSON of a configuration: only to order configurations alike in age and name. */
  private static final ObjectMapper CANONICAL_JSON =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  /** Oldest first; see the class comment. */
  private static final Comparator<Entry> AGE =
      Comparator.comparingDouble((Entry e) -> e.created)
          .thenComparing(e -> e.name)
          .thenComparing(e -> e.version)
          .thenComparing(Entry::content);

  private final EngineOptions options;
  private final List<TargetPlan> targets;
  private final List<ConfigurationProblem> problems;
  private final List<ConfigurationStatus> configurations;

  private ConfigurationPlan(
      EngineOptions options,
      List<TargetPlan> targets,
      List<ConfigurationProblem> problems,
      List<ConfigurationStatus> configurations) {
    this.options = options;
    this.targets = List.copyOf(targets);
    this.problems = List.copyOf(problems);
    this.configurations = List.copyOf(configurations);
  }

  /** The plan of these configurations (null elements are reported as rejected, not thrown on). */
  public static ConfigurationPlan of(
      List<MetricsConfiguration> configurations, EngineOptions options) {
    Objects.requireNonNull(options, "options");
    List<Entry> entries = new ArrayList<>();
    for (MetricsConfiguration configuration :
        configurations == null ? List.<MetricsConfiguration>of() : configurations) {
      entries.add(new Entry(configuration, options));
    }
    // Conflicts: the oldest configuration takes a family first.
    entries.sort(AGE);
    Map<String, Entry> owners = new HashMap<>();
    for (Entry entry : entries) {
      for (CompiledMetric metric : entry.compiledMetrics()) {
        Entry owner = owners.putIfAbsent(metric.name(), entry);
        if (owner == null) {
          entry.active.add(metric);
        } else {
          entry.lost.add(
              new ConfigurationProblem(
                  entry.label,
                  metric.where(),
                  metric.name(),
                  "family already defined by "
                      + owner.label
                      + ", an older configuration (the older wins)"));
        }
      }
    }
    // Statuses and catalogue order: by name (stable, so alike names stay oldest first).
    entries.sort(Comparator.comparing(e -> e.name));
    List<ConfigurationStatus> statuses = new ArrayList<>();
    List<ConfigurationProblem> problems = new ArrayList<>();
    Map<TargetKind, List<Entry>> byTarget = new TreeMap<>(TargetKind.ORDER);
    for (Entry entry : entries) {
      List<ConfigurationProblem> rejected = new ArrayList<>(entry.compileProblems);
      rejected.addAll(entry.lost);
      List<String> families = new ArrayList<>();
      for (CompiledMetric metric : entry.active) {
        families.add(metric.name());
      }
      statuses.add(
          new ConfigurationStatus(entry.name, entry.version, entry.target, families, rejected));
      problems.addAll(rejected);
      if (!entry.active.isEmpty()) {
        byTarget.computeIfAbsent(entry.target, t -> new ArrayList<>()).add(entry);
      }
    }
    List<TargetPlan> targets = new ArrayList<>();
    byTarget.forEach((target, list) -> targets.add(targetPlan(target, list, options)));
    return new ConfigurationPlan(options, targets, problems, statuses);
  }

  /** {@link #of(List, EngineOptions)} with {@link EngineOptions#DEFAULT}. */
  public static ConfigurationPlan of(List<MetricsConfiguration> configurations) {
    return of(configurations, EngineOptions.DEFAULT);
  }

  private static TargetPlan targetPlan(
      TargetKind target, List<Entry> entries, EngineOptions options) {
    CanonicalForm form = new CanonicalForm();
    form.tag('O').number(options.seriesLimitPerMetric());
    form.tag('K').string(target.apiVersion()).string(target.kind());
    List<CompiledConfiguration> kept = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Entry entry : entries) {
      CompiledConfiguration configuration = entry.compiled.withMetrics(entry.active);
      kept.add(configuration);
      names.add(entry.name);
      configuration.describeCommonLabels(form);
      form.number(entry.active.size());
      for (CompiledMetric metric : entry.active) {
        metric.describe(form);
      }
    }
    MetricCatalogue catalogue =
        MetricCatalogue.of(new CompiledConfigurations(kept, List.of(), options));
    return new TargetPlan(target, catalogue, names, form.sha256());
  }

  /** Every target with at least one family, by group, version and kind. */
  public List<TargetPlan> targets() {
    return targets;
  }

  /** The plan of this target, if any configuration serves a family for it. */
  public Optional<TargetPlan> target(TargetKind target) {
    for (TargetPlan plan : targets) {
      if (plan.target().equals(target)) {
        return Optional.of(plan);
      }
    }
    return Optional.empty();
  }

  /**
   * Everything rejected: compile problems and families lost to older configurations, per
   * configuration in {@link #configurations()} order.
   */
  public List<ConfigurationProblem> problems() {
    return problems;
  }

  /** One status per configuration given, by name. */
  public List<ConfigurationStatus> configurations() {
    return configurations;
  }

  /** The options every target's catalogue renders with. */
  public EngineOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return "ConfigurationPlan["
        + configurations.size()
        + " configurations, "
        + targets.size()
        + " targets, "
        + problems.size()
        + " problems]";
  }

  /** One configuration given, compiled on its own. */
  private static final class Entry {
    final MetricsConfiguration source;
    final String name;
    final String label; // how problems name it
    final String version;
    final double created; // Unix seconds; +infinity when unknown (newest)
    final TargetKind target;
    final CompiledConfiguration compiled; // null when rejected whole
    final List<ConfigurationProblem> compileProblems;
    final List<CompiledMetric> active = new ArrayList<>();
    final List<ConfigurationProblem> lost = new ArrayList<>();
    private String content;

    Entry(MetricsConfiguration configuration, EngineOptions options) {
      this.source = configuration;
      ObjectMeta metadata = configuration == null ? null : configuration.getMetadata();
      this.name = metadata == null || metadata.getName() == null ? "" : metadata.getName();
      this.label = name.isEmpty() ? "(unnamed MetricsConfiguration)" : name;
      this.version =
          metadata == null || metadata.getResourceVersion() == null
              ? ""
              : metadata.getResourceVersion();
      this.created =
          Rfc3339.parseEpochSeconds(metadata == null ? null : metadata.getCreationTimestamp())
              .orElse(Double.POSITIVE_INFINITY);
      var targetRef =
          configuration == null || configuration.getSpec() == null
              ? null
              : configuration.getSpec().getTargetRef();
      CompiledConfigurations one =
          MetricsConfigurationCompiler.compile(Collections.singletonList(configuration), options);
      this.compiled = one.configurations().isEmpty() ? null : one.configurations().get(0);
      this.compileProblems = one.problems();
      // A compiled configuration's target is the grouping key; otherwise as written.
      this.target =
          compiled != null
              ? TargetKind.of(compiled.apiVersion(), compiled.kind())
              : TargetKind.of(
                  targetRef == null ? null : targetRef.getApiVersion(),
                  targetRef == null ? null : targetRef.getKind());
    }

    List<CompiledMetric> compiledMetrics() {
      return compiled == null ? List.of() : compiled.metrics();
    }

    /** Canonical JSON, computed only when age, name and version tie. */
    String content() {
      if (content == null) {
        try {
          content = CANONICAL_JSON.writeValueAsString(source);
        } catch (Exception e) {
          content = ""; // content Jackson cannot write: ordered as empty
        }
      }
      return content;
    }
  }
}
