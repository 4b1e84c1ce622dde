package io.github.kubestashmetrics.metrics.plan;

import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.language.TargetKind;
import java.util.List;
import java.util.Objects;

/**
 * One target kind of a {@link ConfigurationPlan}: the catalogue of the metrics that serve objects
 * of that kind (those that survived compilation and conflicts), the configurations they come from,
 * and a fingerprint of what the catalogue renders. Immutable.
 *
 * <p><b>Fingerprint invariant.</b> Two target plans with equal {@link #fingerprint()}s render every
 * object of the kind to the same bytes and errors, and write the same HELP/TYPE headers: the
 * fingerprint is a SHA-256 of a canonical text of the target ({@code apiVersion}, kind), the engine
 * options and, per contributing configuration in catalogue order, its common labels and each
 * surviving metric's full compiled definition (name, HELP, labels, paths, parameters, states,
 * values, expressions as trees). It leaves out what does not change rendering: configuration names,
 * metadata (labels, annotations, {@code resourceVersion}, timestamps), metrics rejected or lost to
 * another configuration, and other targets. So a runtime that re-lists a target only when its
 * fingerprint changes re-lists it whenever its metrics change and not when an unrelated
 * configuration does. (The converse is not promised: two definitions that differ in form but happen
 * to render alike, such as {@code a + b} and {@code b + a}, have different fingerprints; that costs
 * a needless re-list, never a stale series.)
 */
public final class TargetPlan {

  private final TargetKind target;
  private final MetricCatalogue catalogue;
  private final List<String> configurationNames;
  private final String fingerprint;

  TargetPlan(
      TargetKind target,
      MetricCatalogue catalogue,
      List<String> configurationNames,
      String fingerprint) {
    this.target = Objects.requireNonNull(target);
    this.catalogue = Objects.requireNonNull(catalogue);
    this.configurationNames = List.copyOf(configurationNames);
    this.fingerprint = Objects.requireNonNull(fingerprint);
  }

  /** The kind whose objects this plan renders. */
  public TargetKind target() {
    return target;
  }

  /**
   * The families of this target only (at least one), in catalogue order: configurations by name,
   * each one's metrics in its order. Renders objects of {@link #target()}; others give no series.
   */
  public MetricCatalogue catalogue() {
    return catalogue;
  }

  /** The configurations with at least one family here, in catalogue order. */
  public List<String> configurationNames() {
    return configurationNames;
  }

  /** A hex SHA-256 that changes exactly when what this target renders may change; see above. */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public String toString() {
    return "TargetPlan["
        + target
        + ", "
        + catalogue.families().size()
        + " families from "
        + configurationNames
        + ", "
        + fingerprint.substring(0, 12)
        + "]";
  }
}
