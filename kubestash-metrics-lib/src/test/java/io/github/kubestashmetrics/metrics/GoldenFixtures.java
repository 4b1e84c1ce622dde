package io.github.kubestashmetrics.metrics;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfiguration;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfigurationSpec;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfigurationStatus;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSessionSpec;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSessionStatus;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSession;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSessionSpec;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSessionStatus;
import io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationspec.Sessions;
import io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationspec.sessions.Addon;
import io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationspec.sessions.Scheduler;
import io.github.kubestashmetrics.model.core.v1alpha1.backupsessionspec.Invoker;
import io.github.kubestashmetrics.model.core.v1alpha1.backupsessionstatus.Snapshots;
import io.github.kubestashmetrics.model.core.v1alpha1.restoresessionspec.DataSource;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorage;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorageSpec;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorageStatus;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.model.storage.v1alpha1.RepositorySpec;
import io.github.kubestashmetrics.model.storage.v1alpha1.RepositoryStatus;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import io.github.kubestashmetrics.model.storage.v1alpha1.SnapshotSpec;
import io.github.kubestashmetrics.model.storage.v1alpha1.SnapshotStatus;
import io.github.kubestashmetrics.model.storage.v1alpha1.backupstoragespec.Storage;
import io.github.kubestashmetrics.model.storage.v1alpha1.backupstoragestatus.Repositories;
import java.util.List;

/**
 * Hand-built objects of every kind, two per kind: one with every field the contract reads, one that
 * exercises absent labels, unknown or absent phases and booleans false / integers zero.
 */
final class GoldenFixtures {

  private GoldenFixtures() {}

  static ObjectMeta meta(String name, String namespace, String created, String uid) {
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(namespace);
    meta.setCreationTimestamp(created);
    meta.setUid(uid);
    return meta;
  }

  // ---- BackupConfiguration -------------------------------------------------------------------

  static BackupConfiguration fullBackupConfiguration() {
    BackupConfiguration object = new BackupConfiguration();
    object.setMetadata(meta("sample-backup-sts", "demo", "2023-12-07T06:36:00Z", "uid-bc-1"));
    BackupConfigurationSpec spec = new BackupConfigurationSpec();
    var target =
        new io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationspec.Target();
    target.setApiGroup("apps");
    target.setKind("StatefulSet");
    target.setName("sample-sts");
    target.setNamespace("demo");
    spec.setTarget(target);
    // The first two sessions give the same label set: one series.
    spec.setSessions(
        List.of(
            session("demo-session", "*/5 * * * *", "workload-addon"),
            session("demo-session", "*/5 * * * *", "workload-addon"),
            session("weekly", "@weekly", null)));
    object.setSpec(spec);
    BackupConfigurationStatus status = new BackupConfigurationStatus();
    status.setPhase("Ready");
    var condition =
        new io.github.kubestashmetrics.model.core.v1alpha1.backupconfigurationstatus.Conditions();
    condition.setType("ValidationPassed");
    condition.setStatus("True");
    condition.setMessage("ignored by every family");
    status.setConditions(List.of(condition));
    object.setStatus(status);
    return object;
  }

  private static Sessions session(String name, String schedule, String addonName) {
    Sessions session = new Sessions();
    session.setName(name);
    Scheduler scheduler = new Scheduler();
    scheduler.setSchedule(schedule);
    session.setScheduler(scheduler);
    if (addonName != null) {
      Addon addon = new Addon();
      addon.setName(addonName);
      session.setAddon(addon);
    }
    return session;
  }

  /** No creation time, no target, no sessions, a phase the contract does not list. */
  static BackupConfiguration sparseBackupConfiguration() {
    BackupConfiguration object = new BackupConfiguration();
    object.setMetadata(meta("sparse", "other", null, null));
    BackupConfigurationStatus status = new BackupConfigurationStatus();
    status.setPhase("Terminating");
    object.setStatus(status);
    return object;
  }

  // ---- BackupSession -------------------------------------------------------------------------

  static BackupSession fullBackupSession() {
    BackupSession object = new BackupSession();
    object.setMetadata(
        meta(
            "sample-backup-sts-demo-session-1702543201",
            "demo",
            "2023-12-14T08:40:01Z",
            "uid-bs-1"));
    BackupSessionSpec spec = new BackupSessionSpec();
    Invoker invoker = new Invoker();
    invoker.setApiGroup("core.kubestash.com");
    invoker.setKind("BackupConfiguration");
    invoker.setName("sample-backup-sts");
    spec.setInvoker(invoker);
    spec.setSession("demo-session");
    object.setSpec(spec);
    BackupSessionStatus status = new BackupSessionStatus();
    status.setPhase("Succeeded");
    status.setDuration("1m5.2s");
    Snapshots snapshot = new Snapshots();
    snapshot.setName("gcs-demo-repo-sample-backup-sts-demo-session-1702543201");
    snapshot.setPhase("Succeeded");
    snapshot.setRepository("gcs-demo-repo");
    var appRef =
        new io.github.kubestashmetrics.model.core.v1alpha1.backupsessionstatus.snapshots.AppRef();
    appRef.setKind("StatefulSet");
    appRef.setName("sample-sts");
    appRef.setNamespace("demo");
    snapshot.setAppRef(appRef);
    status.setSnapshots(List.of(snapshot));
    status.setConditions(
        List.of(
            backupSessionCondition("BackupExecutorEnsured", "True"),
            backupSessionCondition("MetricsPushed", "True")));
    object.setStatus(status);
    return object;
  }

  private static io.github.kubestashmetrics.model.core.v1alpha1.backupsessionstatus.Conditions
      backupSessionCondition(String type, String status) {
    var condition =
        new io.github.kubestashmetrics.model.core.v1alpha1.backupsessionstatus.Conditions();
    condition.setType(type);
    condition.setStatus(status);
    return condition;
  }

  /** Running for two hours, no invoker, no creation time, an empty session name. */
  static BackupSession runningBackupSession() {
    BackupSession object = new BackupSession();
    object.setMetadata(meta("long-running", "demo", null, null));
    BackupSessionSpec spec = new BackupSessionSpec();
    spec.setSession("");
    object.setSpec(spec);
    BackupSessionStatus status = new BackupSessionStatus();
    status.setPhase("Running");
    status.setDuration("2h0m0s");
    object.setStatus(status);
    return object;
  }

  // ---- BackupStorage -------------------------------------------------------------------------

  static BackupStorage fullBackupStorage() {
    BackupStorage object = new BackupStorage();
    object.setMetadata(meta("gcs-storage", "demo", "2023-12-07T06:30:00Z", "uid-bst-1"));
    BackupStorageSpec spec = new BackupStorageSpec();
    Storage storage = new Storage();
    storage.setProvider("gcs");
    spec.setStorage(storage);
    spec.set_default(true);
    spec.setDeletionPolicy("WipeOut");
    object.setSpec(spec);
    BackupStorageStatus status = new BackupStorageStatus();
    status.setPhase("Ready");
    status.setTotalSize("12.222 MiB");
    status.setRepositories(
        List.of(
            repository("gcs-demo-repo", "demo", "/demo/data", "13 B"),
            repository("other-repo", "demo", "/other", "1.001 kB"),
            // Same labels as the first element: collapsed into the first.
            repository("gcs-demo-repo", "demo", "/demo/data", "2 KiB"),
            // No size: no series for this element.
            repository("unsynced", "demo", "/unsynced", null)));
    var condition =
        new io.github.kubestashmetrics.model.storage.v1alpha1.backupstoragestatus.Conditions();
    condition.setType("BackendInitialized");
    condition.setStatus("True");
    status.setConditions(List.of(condition));
    object.setStatus(status);
    return object;
  }

  private static Repositories repository(String name, String namespace, String path, String size) {
    Repositories repository = new Repositories();
    repository.setName(name);
    repository.setNamespace(namespace);
    repository.setPath(path);
    repository.setSize(size);
    return repository;
  }

  /** Not default (a false boolean label), NotReady, no provider, no sizes. */
  static BackupStorage notReadyBackupStorage() {
    BackupStorage object = new BackupStorage();
    object.setMetadata(meta("local-storage", "stash", "2023-12-07T12:08:00+05:30", null));
    BackupStorageSpec spec = new BackupStorageSpec();
    spec.set_default(false);
    spec.setDeletionPolicy("Delete");
    object.setSpec(spec);
    BackupStorageStatus status = new BackupStorageStatus();
    status.setPhase("NotReady");
    status.setRepositories(List.of());
    object.setStatus(status);
    return object;
  }

  // ---- Repository ----------------------------------------------------------------------------

  static Repository fullRepository() {
    Repository object = new Repository();
    object.setMetadata(meta("gcs-demo-repo", "demo", "2023-12-07T06:37:40.5Z", "uid-repo-1"));
    RepositorySpec spec = new RepositorySpec();
    var appRef = new io.github.kubestashmetrics.model.storage.v1alpha1.repositoryspec.AppRef();
    appRef.setApiGroup("apps");
    appRef.setKind("StatefulSet");
    appRef.setName("sample-sts");
    appRef.setNamespace("demo");
    spec.setAppRef(appRef);
    spec.setPath("/demo/data");
    object.setSpec(spec);
    RepositoryStatus status = new RepositoryStatus();
    status.setPhase("Ready");
    status.setIntegrity(true);
    status.setLastBackupTime("2023-12-07T06:38:00Z");
    status.setSize("12.222 MiB");
    status.setSnapshotCount(7);
    status.setConditions(
        List.of(
            repositoryCondition("RepositoryInitialized", "True"),
            repositoryCondition("RepositoryInitialized", "True")));
    object.setStatus(status);
    return object;
  }

  private static io.github.kubestashmetrics.model.storage.v1alpha1.repositorystatus.Conditions
      repositoryCondition(String type, String status) {
    var condition =
        new io.github.kubestashmetrics.model.storage.v1alpha1.repositorystatus.Conditions();
    condition.setType(type);
    condition.setStatus(status);
    return condition;
  }

  /** No status at all: only created and info. */
  static Repository newRepository() {
    Repository object = new Repository();
    object.setMetadata(meta("new-repo", "demo", "2024-01-01T00:00:00Z", null));
    RepositorySpec spec = new RepositorySpec();
    spec.setPath("/new");
    object.setSpec(spec);
    return object;
  }

  // ---- RestoreSession ------------------------------------------------------------------------

  static RestoreSession fullRestoreSession() {
    RestoreSession object = new RestoreSession();
    object.setMetadata(meta("sample-restore", "demo", "2023-12-07T07:00:00.25Z", "uid-rs-1"));
    RestoreSessionSpec spec = new RestoreSessionSpec();
    var target = new io.github.kubestashmetrics.model.core.v1alpha1.restoresessionspec.Target();
    target.setKind("StatefulSet");
    target.setName("restore-sts");
    target.setNamespace("demo");
    spec.setTarget(target);
    DataSource dataSource = new DataSource();
    dataSource.setNamespace("demo");
    dataSource.setRepository("gcs-demo-repo");
    dataSource.setSnapshot("latest");
    spec.setDataSource(dataSource);
    var addon = new io.github.kubestashmetrics.model.core.v1alpha1.restoresessionspec.Addon();
    addon.setName("workload-addon");
    spec.setAddon(addon);
    object.setSpec(spec);
    RestoreSessionStatus status = new RestoreSessionStatus();
    status.setPhase("Succeeded");
    status.setDuration("300ms");
    status.setTotalComponents(3);
    var condition =
        new io.github.kubestashmetrics.model.core.v1alpha1.restoresessionstatus.Conditions();
    condition.setType("RestoreExecutorEnsured");
    condition.setStatus("True");
    status.setConditions(List.of(condition));
    object.setStatus(status);
    return object;
  }

  /** No status: the phase family still has all six states, all 0. */
  static RestoreSession pendingRestoreSession() {
    RestoreSession object = new RestoreSession();
    object.setMetadata(meta("pending-restore", "demo", "2023-12-07T07:00:00Z", null));
    return object;
  }

  // ---- Snapshot ------------------------------------------------------------------------------

  static Snapshot fullSnapshot() {
    Snapshot object = new Snapshot();
    object.setMetadata(
        meta(
            "gcs-demo-repo-sample-backup-sts-demo-session-1701940920",
            "demo",
            "2023-12-07T06:38:00Z",
            "uid-snap-1"));
    SnapshotSpec spec = new SnapshotSpec();
    var appRef = new io.github.kubestashmetrics.model.storage.v1alpha1.snapshotspec.AppRef();
    appRef.setKind("StatefulSet");
    appRef.setName("sample-sts");
    appRef.setNamespace("demo");
    spec.setAppRef(appRef);
    spec.setType("FullBackup");
    spec.setRepository("gcs-demo-repo");
    spec.setSession("demo-session");
    spec.setBackupSession("sample-backup-sts-demo-session-1701940920");
    spec.setVersion("v1");
    object.setSpec(spec);
    SnapshotStatus status = new SnapshotStatus();
    status.setPhase("Succeeded");
    status.setIntegrity(true);
    status.setSize("6.017 KiB");
    status.setSnapshotTime("2023-12-07T06:38:10.123456Z");
    status.setTotalComponents(3);
    var condition =
        new io.github.kubestashmetrics.model.storage.v1alpha1.snapshotstatus.Conditions();
    condition.setType("SnapshotMetadataUploaded");
    condition.setStatus("True");
    status.setConditions(List.of(condition));
    object.setStatus(status);
    return object;
  }

  /** Failed, integrity false, zero components, no size or time. */
  static Snapshot failedSnapshot() {
    Snapshot object = new Snapshot();
    object.setMetadata(meta("failed-snapshot", "demo", "2023-12-07T06:38:00Z", null));
    SnapshotStatus status = new SnapshotStatus();
    status.setPhase("Failed");
    status.setIntegrity(false);
    status.setTotalComponents(0);
    object.setStatus(status);
    return object;
  }

  /** Every fixture, in contract kind order. */
  static List<io.fabric8.kubernetes.api.model.HasMetadata> all() {
    return List.of(
        fullBackupConfiguration(),
        sparseBackupConfiguration(),
        fullBackupSession(),
        runningBackupSession(),
        fullBackupStorage(),
        notReadyBackupStorage(),
        fullRepository(),
        newRepository(),
        fullRestoreSession(),
        pendingRestoreSession(),
        fullSnapshot(),
        failedSnapshot());
  }
}
