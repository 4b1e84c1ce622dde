package io.github.kubestashmetrics.metrics;

import static io.github.kubestashmetrics.metrics.Families.conditions;
import static io.github.kubestashmetrics.metrics.Families.constant;
import static io.github.kubestashmetrics.metrics.Families.count;
import static io.github.kubestashmetrics.metrics.Families.created;
import static io.github.kubestashmetrics.metrics.Families.field;
import static io.github.kubestashmetrics.metrics.Families.info;
import static io.github.kubestashmetrics.metrics.Families.label;
import static io.github.kubestashmetrics.metrics.Families.metadataName;
import static io.github.kubestashmetrics.metrics.Families.phase;
import static io.github.kubestashmetrics.metrics.Families.size;
import static io.github.kubestashmetrics.metrics.Families.timestamp;

import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import io.github.kubestashmetrics.model.storage.v1alpha1.SnapshotSpec;
import io.github.kubestashmetrics.model.storage.v1alpha1.SnapshotStatus;
import io.github.kubestashmetrics.model.storage.v1alpha1.snapshotspec.AppRef;
import io.github.kubestashmetrics.model.storage.v1alpha1.snapshotstatus.Conditions;
import java.util.function.Function;

/** The Snapshot families (storage.kubestash.com/v1alpha1), in contract order. */
final class SnapshotMetrics {

  private SnapshotMetrics() {}

  static FamilyTable<Snapshot> table() {
    return FamilyTable.builder(KubeStashKinds.SNAPSHOT)
        .commonLabels(
            constant("invoker_kind", "Snapshot"),
            label("invoker_name", metadataName()),
            label("target_kind", appRef(".spec.appRef.kind", AppRef::getKind)),
            label("target_name", appRef(".spec.appRef.name", AppRef::getName)),
            label("target_namespace", appRef(".spec.appRef.namespace", AppRef::getNamespace)))
        .family(
            created(
                "storage_kubestash_com_snapshot_created",
                "Unix creation timestamp of this Snapshot object"))
        .family(
            info(
                "storage_kubestash_com_snapshot_info",
                "General information about this Snapshot",
                label("snapshot_type", spec(".spec.type", SnapshotSpec::getType)),
                label("repository", spec(".spec.repository", SnapshotSpec::getRepository)),
                label("session", spec(".spec.session", SnapshotSpec::getSession)),
                label("backupsession", spec(".spec.backupSession", SnapshotSpec::getBackupSession)),
                label("version", spec(".spec.version", SnapshotSpec::getVersion)),
                label("phase", status(".status.phase", SnapshotStatus::getPhase)),
                label("integrity", status(".status.integrity", SnapshotStatus::getIntegrity))))
        .family(
            phase(
                "storage_kubestash_com_snapshot_phase",
                "Snapshot object current phase",
                status(".status.phase", SnapshotStatus::getPhase),
                "Pending",
                "Running",
                "Succeeded",
                "Failed"))
        .family(
            size(
                "storage_kubestash_com_snapshot_size_bytes",
                "Size of this Snapshot",
                status(".status.size", SnapshotStatus::getSize)))
        .family(
            timestamp(
                "storage_kubestash_com_snapshot_time_seconds",
                "The time when this Snapshot was taken",
                status(".status.snapshotTime", SnapshotStatus::getSnapshotTime)))
        .family(
            count(
                "storage_kubestash_com_snapshot_component_count_total",
                "The number of total components for this Snapshot",
                status(".status.totalComponents", SnapshotStatus::getTotalComponents)))
        .family(
            conditions(
                "storage_kubestash_com_snapshot_conditions",
                "Current conditions of this Snapshot",
                status(".status.conditions", SnapshotStatus::getConditions),
                Conditions::getType,
                Conditions::getStatus))
        .build();
  }

  private static Field<Snapshot, String> appRef(String path, Function<AppRef, String> getter) {
    return field(path, Snapshot::getSpec, SnapshotSpec::getAppRef, getter);
  }

  private static <V> Field<Snapshot, V> spec(String path, Function<SnapshotSpec, V> getter) {
    return field(path, Snapshot::getSpec, getter);
  }

  private static <V> Field<Snapshot, V> status(String path, Function<SnapshotStatus, V> getter) {
    return field(path, Snapshot::getStatus, getter);
  }
}
