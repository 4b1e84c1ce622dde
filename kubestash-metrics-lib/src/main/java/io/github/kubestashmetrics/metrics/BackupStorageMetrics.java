package io.github.kubestashmetrics.metrics;

import static io.github.kubestashmetrics.metrics.Families.conditions;
import static io.github.kubestashmetrics.metrics.Families.constant;
import static io.github.kubestashmetrics.metrics.Families.created;
import static io.github.kubestashmetrics.metrics.Families.elements;
import static io.github.kubestashmetrics.metrics.Families.field;
import static io.github.kubestashmetrics.metrics.Families.info;
import static io.github.kubestashmetrics.metrics.Families.label;
import static io.github.kubestashmetrics.metrics.Families.metadataName;
import static io.github.kubestashmetrics.metrics.Families.phase;
import static io.github.kubestashmetrics.metrics.Families.size;
import static io.github.kubestashmetrics.metrics.Families.sizeOf;

import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorage;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorageSpec;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorageStatus;
import io.github.kubestashmetrics.model.storage.v1alpha1.backupstoragespec.Storage;
import io.github.kubestashmetrics.model.storage.v1alpha1.backupstoragestatus.Conditions;
import io.github.kubestashmetrics.model.storage.v1alpha1.backupstoragestatus.Repositories;

/** The BackupStorage families (storage.kubestash.com/v1alpha1), in contract order. */
final class BackupStorageMetrics {

  private BackupStorageMetrics() {}

  static FamilyTable<BackupStorage> table() {
    return FamilyTable.builder(KubeStashKinds.BACKUP_STORAGE)
        .commonLabels(
            constant("invoker_kind", "BackupStorage"), label("invoker_name", metadataName()))
        .family(
            created(
                "storage_kubestash_com_backupstorage_created",
                "Unix creation timestamp of this BackupStorage object"))
        .family(
            info(
                "storage_kubestash_com_backupstorage_info",
                "General information about this BackupStorage",
                label(
                    "provider",
                    field(
                        ".spec.storage.provider",
                        BackupStorage::getSpec,
                        BackupStorageSpec::getStorage,
                        Storage::getProvider)),
                label(
                    "default",
                    field(".spec.default", BackupStorage::getSpec, BackupStorageSpec::get_default)),
                label(
                    "deletionPolicy",
                    field(
                        ".spec.deletionPolicy",
                        BackupStorage::getSpec,
                        BackupStorageSpec::getDeletionPolicy)),
                label(
                    "phase",
                    field(
                        ".status.phase", BackupStorage::getStatus, BackupStorageStatus::getPhase))))
        .family(
            elements(
                "storage_kubestash_com_backupstorage_repository_size_bytes",
                "Total backed up data in the repository of this BackupStorage",
                field(
                    ".status.repositories",
                    BackupStorage::getStatus,
                    BackupStorageStatus::getRepositories),
                sizeOf(field(".status.repositories[*].size", Repositories::getSize)),
                label("repo_name", field(".status.repositories[*].name", Repositories::getName)),
                label(
                    "repo_namespace",
                    field(".status.repositories[*].namespace", Repositories::getNamespace)),
                label("repo_path", field(".status.repositories[*].path", Repositories::getPath))))
        .family(
            phase(
                "storage_kubestash_com_backupstorage_phase",
                "BackupStorage object current phase",
                field(".status.phase", BackupStorage::getStatus, BackupStorageStatus::getPhase),
                "Ready",
                "NotReady"))
        .family(
            size(
                "storage_kubestash_com_backupstorage_size_bytes",
                "Total backed up data size in this BackupStorage",
                field(
                    ".status.totalSize",
                    BackupStorage::getStatus,
                    BackupStorageStatus::getTotalSize)))
        .family(
            conditions(
                "storage_kubestash_com_backupstorage_conditions",
                "Current conditions of this BackupStorage",
                field(
                    ".status.conditions",
                    BackupStorage::getStatus,
                    BackupStorageStatus::getConditions),
                Conditions::getType,
                Conditions::getStatus))
        .build();
  }
}
