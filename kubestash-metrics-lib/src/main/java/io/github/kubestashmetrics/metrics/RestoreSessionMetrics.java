package io.github.kubestashmetrics.metrics;

import static io.github.kubestashmetrics.metrics.Families.conditions;
import static io.github.kubestashmetrics.metrics.Families.constant;
import static io.github.kubestashmetrics.metrics.Families.count;
import static io.github.kubestashmetrics.metrics.Families.created;
import static io.github.kubestashmetrics.metrics.Families.duration;
import static io.github.kubestashmetrics.metrics.Families.field;
import static io.github.kubestashmetrics.metrics.Families.info;
import static io.github.kubestashmetrics.metrics.Families.label;
import static io.github.kubestashmetrics.metrics.Families.metadataName;
import static io.github.kubestashmetrics.metrics.Families.phase;

import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSession;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSessionSpec;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSessionStatus;
import io.github.kubestashmetrics.model.core.v1alpha1.restoresessionspec.Addon;
import io.github.kubestashmetrics.model.core.v1alpha1.restoresessionspec.DataSource;
import io.github.kubestashmetrics.model.core.v1alpha1.restoresessionspec.Target;
import io.github.kubestashmetrics.model.core.v1alpha1.restoresessionstatus.Conditions;
import java.util.function.Function;

/** The RestoreSession families (core.kubestash.com/v1alpha1), in contract order. */
final class RestoreSessionMetrics {

  private RestoreSessionMetrics() {}

  static FamilyTable<RestoreSession> table() {
    return FamilyTable.builder(KubeStashKinds.RESTORE_SESSION)
        .commonLabels(
            constant("invoker_kind", "RestoreSession"),
            label("invoker_name", metadataName()),
            label("target_kind", target(".spec.target.kind", Target::getKind)),
            label("target_name", target(".spec.target.name", Target::getName)),
            label("target_namespace", target(".spec.target.namespace", Target::getNamespace)))
        .family(
            created(
                "core_kubestash_com_restoresession_created",
                "Unix creation timestamp of this RestoreSession object"))
        .family(
            info(
                "core_kubestash_com_restoresession_info",
                "General information about this RestoreSession",
                label(
                    "datasource_namespace",
                    dataSource(".spec.dataSource.namespace", DataSource::getNamespace)),
                label(
                    "repository",
                    dataSource(".spec.dataSource.repository", DataSource::getRepository)),
                label("snapshot", dataSource(".spec.dataSource.snapshot", DataSource::getSnapshot)),
                label(
                    "addon_name",
                    field(
                        ".spec.addon.name",
                        RestoreSession::getSpec,
                        RestoreSessionSpec::getAddon,
                        Addon::getName)),
                label("phase", status(".status.phase", RestoreSessionStatus::getPhase))))
        .family(
            phase(
                "core_kubestash_com_restoresession_phase",
                "RestoreSession object current phase",
                status(".status.phase", RestoreSessionStatus::getPhase),
                "Pending",
                "Running",
                "Succeeded",
                "Failed",
                "Invalid",
                "Unknown"))
        .family(
            duration(
                "core_kubestash_com_restoresession_duration_seconds",
                "The total time taken to complete the restore process",
                status(".status.duration", RestoreSessionStatus::getDuration)))
        .family(
            count(
                "core_kubestash_com_restoresession_component_count_total",
                "The number of total components for this RestoreSession",
                status(".status.totalComponents", RestoreSessionStatus::getTotalComponents)))
        .family(
            conditions(
                "core_kubestash_com_restoresession_conditions",
                "Current conditions of this RestoreSession",
                status(".status.conditions", RestoreSessionStatus::getConditions),
                Conditions::getType,
                Conditions::getStatus))
        .build();
  }

  private static Field<RestoreSession, String> target(
      String path, Function<Target, String> getter) {
    return field(path, RestoreSession::getSpec, RestoreSessionSpec::getTarget, getter);
  }

  private static Field<RestoreSession, String> dataSource(
      String path, Function<DataSource, String> getter) {
    return field(path, RestoreSession::getSpec, RestoreSessionSpec::getDataSource, getter);
  }

  private static <V> Field<RestoreSession, V> status(
      String path, Function<RestoreSessionStatus, V> getter) {
    return field(path, RestoreSession::getStatus, getter);
  }
}
