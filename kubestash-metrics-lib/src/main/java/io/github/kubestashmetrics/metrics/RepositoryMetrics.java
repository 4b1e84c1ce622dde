package io.github.kubestashmetrics.metrics;

import static io.github.kubestashmetrics.metrics.Families.conditions;
import static io.github.kubestashmetrics.metrics.Families.constant;
import static io.github.kubestashmetrics.metrics.Families.count;
import static io.github.kubestashmetrics.metrics.Families.created;
import static io.github.kubestashmetrics.metrics.Families.field;
import static io.github.kubestashmetrics.metrics.Families.info;
import static io.github.kubestashmetrics.metrics.Families.label;
import static io.github.kubestashmetrics.metrics.Families.metadataName;
import static io.github.kubestashmetrics.metrics.Families.size;
import static io.github.kubestashmetrics.metrics.Families.timestamp;

import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.model.storage.v1alpha1.RepositorySpec;
import io.github.kubestashmetrics.model.storage.v1alpha1.RepositoryStatus;
import io.github.kubestashmetrics.model.storage.v1alpha1.repositoryspec.AppRef;
import io.github.kubestashmetrics.model.storage.v1alpha1.repositorystatus.Conditions;
import java.util.function.Function;

/** The Repository families (storage.kubestash.com/v1alpha1), in contract order. */
final class RepositoryMetrics {

  private RepositoryMetrics() {}

  static FamilyTable<Repository> table() {
    return FamilyTable.builder(KubeStashKinds.REPOSITORY)
        .commonLabels(
            constant("invoker_kind", "Repository"),
            label("invoker_name", metadataName()),
            label("target_kind", appRef(".spec.appRef.kind", AppRef::getKind)),
            label("target_name", appRef(".spec.appRef.name", AppRef::getName)),
            label("target_namespace", appRef(".spec.appRef.namespace", AppRef::getNamespace)))
        .family(
            created(
                "storage_kubestash_com_repository_created",
                "Unix creation timestamp of this Repository object"))
        .family(
            info(
                "storage_kubestash_com_repository_info",
                "General information about this Repository",
                label("path", field(".spec.path", Repository::getSpec, RepositorySpec::getPath)),
                label("phase", status(".status.phase", RepositoryStatus::getPhase)),
                label("integrity", status(".status.integrity", RepositoryStatus::getIntegrity))))
        .family(
            timestamp(
                "storage_kubestash_com_repository_last_successful_backup",
                "Last successful backup stored in this Repository",
                status(".status.lastBackupTime", RepositoryStatus::getLastBackupTime)))
        .family(
            size(
                "storage_kubestash_com_repository_size_bytes",
                "Total backed up data stored in this Repository",
                status(".status.size", RepositoryStatus::getSize)))
        .family(
            count(
                "storage_kubestash_com_repository_snapshot_count_total",
                "Number of current snapshots stored in this Repository",
                status(".status.snapshotCount", RepositoryStatus::getSnapshotCount)))
        .family(
            conditions(
                "storage_kubestash_com_repository_conditions",
                "Current conditions of this Repository",
                status(".status.conditions", RepositoryStatus::getConditions),
                Conditions::getType,
                Conditions::getStatus))
        .build();
  }

  private static Field<Repository, String> appRef(String path, Function<AppRef, String> getter) {
    return field(path, Repository::getSpec, RepositorySpec::getAppRef, getter);
  }

  private static <V> Field<Repository, V> status(
      String path, Function<RepositoryStatus, V> getter) {
    return field(path, Repository::getStatus, getter);
  }
}
