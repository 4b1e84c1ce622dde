package io.github.kubestashmetrics.metrics;

import static io.github.kubestashmetrics.metrics.Families.conditions;
import static io.github.kubestashmetrics.metrics.Families.constant;
import static io.github.kubestashmetrics.metrics.Families.created;
import static io.github.kubestashmetrics.metrics.Families.duration;
import static io.github.kubestashmetrics.metrics.Families.elements;
import static io.github.kubestashmetrics.metrics.Families.field;
import static io.github.kubestashmetrics.metrics.Families.info;
import static io.github.kubestashmetrics.metrics.Families.label;
import static io.github.kubestashmetrics.metrics.Families.metadataName;
import static io.github.kubestashmetrics.metrics.Families.one;
import static io.github.kubestashmetrics.metrics.Families.phase;

import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSessionSpec;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSessionStatus;
import io.github.kubestashmetrics.model.core.v1alpha1.backupsessionspec.Invoker;
import io.github.kubestashmetrics.model.core.v1alpha1.backupsessionstatus.Conditions;
import io.github.kubestashmetrics.model.core.v1alpha1.backupsessionstatus.Snapshots;
import io.github.kubestashmetrics.model.core.v1alpha1.backupsessionstatus.snapshots.AppRef;
import java.util.function.Function;

/** The BackupSession families (core.kubestash.com/v1alpha1), in contract order. */
final class BackupSessionMetrics {

  private BackupSessionMetrics() {}

  static FamilyTable<BackupSession> table() {
    return FamilyTable.builder(KubeStashKinds.BACKUP_SESSION)
        .commonLabels(
            constant("invoker_kind", "BackupSession"),
            label("invoker_name", metadataName()),
            label(
                "backup_invoker_kind",
                field(
                    ".spec.invoker.kind",
                    BackupSession::getSpec,
                    BackupSessionSpec::getInvoker,
                    Invoker::getKind)),
            label(
                "backup_invoker_name",
                field(
                    ".spec.invoker.name",
                    BackupSession::getSpec,
                    BackupSessionSpec::getInvoker,
                    Invoker::getName)))
        .family(
            created(
                "core_kubestash_com_backupsession_created",
                "Unix creation timestamp of this BackupSession object"))
        .family(
            info(
                "core_kubestash_com_backupsession_info",
                "General information about this BackupSession",
                label(
                    "session",
                    field(".spec.session", BackupSession::getSpec, BackupSessionSpec::getSession)),
                label("phase", status(".status.phase", BackupSessionStatus::getPhase))))
        .family(
            elements(
                "core_kubestash_com_backupsession_snapshots",
                "General information about the snapshots of this BackupSession",
                field(
                    ".status.snapshots",
                    BackupSession::getStatus,
                    BackupSessionStatus::getSnapshots),
                one(),
                label("snapshot_name", field(".status.snapshots[*].name", Snapshots::getName)),
                label("snapshot_phase", field(".status.snapshots[*].phase", Snapshots::getPhase)),
                label(
                    "repository",
                    field(".status.snapshots[*].repository", Snapshots::getRepository)),
                label(
                    "backedup_app_kind",
                    field(
                        ".status.snapshots[*].appRef.kind", Snapshots::getAppRef, AppRef::getKind)),
                label(
                    "backedup_app_name",
                    field(
                        ".status.snapshots[*].appRef.name", Snapshots::getAppRef, AppRef::getName)),
                label(
                    "backedup_app_namespace",
                    field(
                        ".status.snapshots[*].appRef.namespace",
                        Snapshots::getAppRef,
                        AppRef::getNamespace))))
        .family(
            phase(
                "core_kubestash_com_backupsession_phase",
                "BackupSession object current phase",
                status(".status.phase", BackupSessionStatus::getPhase),
                "Pending",
                "Running",
                "Succeeded",
                "Failed",
                "Skipped"))
        .family(
            duration(
                "core_kubestash_com_backupsession_duration_seconds",
                "Time required to complete this backup process",
                status(".status.duration", BackupSessionStatus::getDuration)))
        .family(
            conditions(
                "core_kubestash_com_backupsession_conditions",
                "Current conditions of this BackupSession",
                field(
                    ".status.conditions",
                    BackupSession::getStatus,
                    BackupSessionStatus::getConditions),
                Conditions::getType,
                Conditions::getStatus))
        .build();
  }

  private static Field<BackupSession, String> status(
      String path, Function<BackupSessionStatus, String> getter) {
    return field(path, BackupSession::getStatus, getter);
  }
}
