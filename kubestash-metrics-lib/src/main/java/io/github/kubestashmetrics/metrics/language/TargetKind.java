package io.github.kubestashmetrics.metrics.language;

import java.util.Comparator;
import java.util.Objects;

/**
 * The kind of object a MetricsConfiguration targets: its API group ({@code ""} for the core group),
 * version and kind, e.g. {@code ("apps", "v1", "Deployment")} or {@code ("", "v1", "Pod")}. Where
 * objects of the kind are listed (plural, scope) is not part of it: that is what API discovery
 * answers.
 *
 * @param group the API group, {@code ""} for the core group
 * @param version the API version within the group, e.g. {@code v1alpha1}
 * @param kind the kind, e.g. {@code BackupSession}
 */
public record TargetKind(String group, String version, String kind) {

  /**
   * Group, then version, then kind: the order of {@link
   * io.github.kubestashmetrics.metrics.plan.ConfigurationPlan#targets()}.
   */
  public static final Comparator<TargetKind> ORDER =
      Comparator.comparing(TargetKind::group)
          .thenComparing(TargetKind::version)
          .thenComparing(TargetKind::kind);

  public TargetKind {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * The kind an {@code apiVersion} ({@code v1}, or {@code group/version}) and a kind name give;
   * null parts are empty.
   */
  public static TargetKind of(String apiVersion, String kind) {
    String text = apiVersion == null ? "" : apiVersion;
    int slash = text.indexOf('/');
    return slash < 0
        ? new TargetKind("", text, kind == null ? "" : kind)
        : new TargetKind(
            text.substring(0, slash), text.substring(slash + 1), kind == null ? "" : kind);
  }

  /** {@code version} for the core group, {@code group/version} otherwise. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** E.g. {@code Deployment.v1.apps}, or {@code Pod.v1} for the core group. */
  @Override
  public String toString() {
    return kind + "." + version + (group.isEmpty() ? "" : "." + group);
  }
}
