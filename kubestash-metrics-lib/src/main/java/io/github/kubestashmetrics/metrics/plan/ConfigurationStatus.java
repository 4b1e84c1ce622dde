package io.github.kubestashmetrics.metrics.plan;

import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.TargetKind;
import java.util.List;
import java.util.Objects;

/**
 * What became of one MetricsConfiguration in a {@link ConfigurationPlan}: the families it serves
 * and every metric (or the whole configuration) rejected, with the reason. A runtime exports the
 * counts per configuration and logs each rejection once per {@code (name, version)}.
 *
 * @param name the configuration's {@code metadata.name} ({@code ""} when it has none)
 * @param version its {@code metadata.resourceVersion}, or {@code ""}: a changed configuration has a
 *     new one
 * @param target the kind it targets as written (parts empty when it names none)
 * @param activeFamilies the families it serves, in its order
 * @param rejected its compile problems, then the families it lost to an older configuration
 */
public record ConfigurationStatus(
    String name,
    String version,
    TargetKind target,
    List<String> activeFamilies,
    List<ConfigurationProblem> rejected) {

  public ConfigurationStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(target, "target");
    activeFamilies = List.copyOf(activeFamilies);
    rejected = List.copyOf(rejected);
  }
}
