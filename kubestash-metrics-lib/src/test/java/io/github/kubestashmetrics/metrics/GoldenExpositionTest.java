package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Exact exposition text for hand-built objects of every kind: every family, every label in contract
 * order, HELP and TYPE. The expected texts are written from the contract, not produced by this
 * library.
 */
class GoldenExpositionTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  private static String text(ExpositionFormat format, HasMetadata... objects) {
    List<RenderedObject> rendered = new ArrayList<>();
    for (HasMetadata object : objects) {
      rendered.add(CATALOGUE.render(object));
    }
    return ExpositionWriter.toText(CATALOGUE, rendered, format);
  }

  static final String BACKUPCONFIGURATION_TEXT =
"""
# HELP core_kubestash_com_backupconfiguration_created Unix creation timestamp of this BackupConfiguration object
# TYPE core_kubestash_com_backupconfiguration_created gauge
core_kubestash_com_backupconfiguration_created{backupconfiguration="sample-backup-sts",namespace="demo",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 1701930960
# HELP core_kubestash_com_backupconfiguration_info General information about this BackupConfiguration
# TYPE core_kubestash_com_backupconfiguration_info gauge
core_kubestash_com_backupconfiguration_info{backupconfiguration="sample-backup-sts",namespace="demo",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 1
core_kubestash_com_backupconfiguration_info{backupconfiguration="sparse",namespace="other",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sparse"} 1
# HELP core_kubestash_com_backupconfiguration_sessions List of sessions of this BackupConfiguration
# TYPE core_kubestash_com_backupconfiguration_sessions gauge
core_kubestash_com_backupconfiguration_sessions{backupconfiguration="sample-backup-sts",namespace="demo",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",session_name="demo-session",schedule="*/5 * * * *",addon_name="workload-addon"} 1
core_kubestash_com_backupconfiguration_sessions{backupconfiguration="sample-backup-sts",namespace="demo",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",session_name="weekly",schedule="@weekly"} 1
# HELP core_kubestash_com_backupconfiguration_phase BackupConfiguration object current phase
# TYPE core_kubestash_com_backupconfiguration_phase gauge
core_kubestash_com_backupconfiguration_phase{backupconfiguration="sample-backup-sts",namespace="demo",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",phase="Ready"} 1
core_kubestash_com_backupconfiguration_phase{backupconfiguration="sample-backup-sts",namespace="demo",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",phase="NotReady"} 0
core_kubestash_com_backupconfiguration_phase{backupconfiguration="sample-backup-sts",namespace="demo",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",phase="Invalid"} 0
core_kubestash_com_backupconfiguration_phase{backupconfiguration="sparse",namespace="other",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sparse",phase="Ready"} 0
core_kubestash_com_backupconfiguration_phase{backupconfiguration="sparse",namespace="other",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sparse",phase="NotReady"} 0
core_kubestash_com_backupconfiguration_phase{backupconfiguration="sparse",namespace="other",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sparse",phase="Invalid"} 0
# HELP core_kubestash_com_backupconfiguration_conditions Current conditions of this BackupConfiguration
# TYPE core_kubestash_com_backupconfiguration_conditions gauge
core_kubestash_com_backupconfiguration_conditions{backupconfiguration="sample-backup-sts",namespace="demo",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",condition="ValidationPassed",status="True"} 1
""";

  @Test
  void backupConfigurationsLeaveOutAbsentLabelsAndZeroUnknownPhases() {
    assertThat(
            text(
                ExpositionFormat.TEXT_0_0_4,
                GoldenFixtures.fullBackupConfiguration(),
                GoldenFixtures.sparseBackupConfiguration()))
        .isEqualTo(BACKUPCONFIGURATION_TEXT);
  }

  static final String BACKUPSESSION_TEXT =
"""
# HELP core_kubestash_com_backupsession_created Unix creation timestamp of this BackupSession object
# TYPE core_kubestash_com_backupsession_created gauge
core_kubestash_com_backupsession_created{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts"} 1702543201
# HELP core_kubestash_com_backupsession_info General information about this BackupSession
# TYPE core_kubestash_com_backupsession_info gauge
core_kubestash_com_backupsession_info{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",session="demo-session",phase="Succeeded"} 1
core_kubestash_com_backupsession_info{backupsession="long-running",namespace="demo",invoker_kind="BackupSession",invoker_name="long-running",phase="Running"} 1
# HELP core_kubestash_com_backupsession_snapshots General information about the snapshots of this BackupSession
# TYPE core_kubestash_com_backupsession_snapshots gauge
core_kubestash_com_backupsession_snapshots{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",snapshot_name="gcs-demo-repo-sample-backup-sts-demo-session-1702543201",snapshot_phase="Succeeded",repository="gcs-demo-repo",backedup_app_kind="StatefulSet",backedup_app_name="sample-sts",backedup_app_namespace="demo"} 1
# HELP core_kubestash_com_backupsession_phase BackupSession object current phase
# TYPE core_kubestash_com_backupsession_phase gauge
core_kubestash_com_backupsession_phase{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",phase="Pending"} 0
core_kubestash_com_backupsession_phase{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",phase="Running"} 0
core_kubestash_com_backupsession_phase{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",phase="Succeeded"} 1
core_kubestash_com_backupsession_phase{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",phase="Failed"} 0
core_kubestash_com_backupsession_phase{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",phase="Skipped"} 0
core_kubestash_com_backupsession_phase{backupsession="long-running",namespace="demo",invoker_kind="BackupSession",invoker_name="long-running",phase="Pending"} 0
core_kubestash_com_backupsession_phase{backupsession="long-running",namespace="demo",invoker_kind="BackupSession",invoker_name="long-running",phase="Running"} 1
core_kubestash_com_backupsession_phase{backupsession="long-running",namespace="demo",invoker_kind="BackupSession",invoker_name="long-running",phase="Succeeded"} 0
core_kubestash_com_backupsession_phase{backupsession="long-running",namespace="demo",invoker_kind="BackupSession",invoker_name="long-running",phase="Failed"} 0
core_kubestash_com_backupsession_phase{backupsession="long-running",namespace="demo",invoker_kind="BackupSession",invoker_name="long-running",phase="Skipped"} 0
# HELP core_kubestash_com_backupsession_duration_seconds Time required to complete this backup process
# TYPE core_kubestash_com_backupsession_duration_seconds gauge
core_kubestash_com_backupsession_duration_seconds{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts"} 65.2
core_kubestash_com_backupsession_duration_seconds{backupsession="long-running",namespace="demo",invoker_kind="BackupSession",invoker_name="long-running"} 7200
# HELP core_kubestash_com_backupsession_conditions Current conditions of this BackupSession
# TYPE core_kubestash_com_backupsession_conditions gauge
core_kubestash_com_backupsession_conditions{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",condition="BackupExecutorEnsured",status="True"} 1
core_kubestash_com_backupsession_conditions{backupsession="sample-backup-sts-demo-session-1702543201",namespace="demo",invoker_kind="BackupSession",invoker_name="sample-backup-sts-demo-session-1702543201",backup_invoker_kind="BackupConfiguration",backup_invoker_name="sample-backup-sts",condition="MetricsPushed",status="True"} 1
""";

  @Test
  void backupSessionsGiveFractionalAndWholeDurations() {
    assertThat(
            text(
                ExpositionFormat.TEXT_0_0_4,
                GoldenFixtures.fullBackupSession(),
                GoldenFixtures.runningBackupSession()))
        .isEqualTo(BACKUPSESSION_TEXT);
  }

  static final String BACKUPSTORAGE_TEXT =
"""
# HELP storage_kubestash_com_backupstorage_created Unix creation timestamp of this BackupStorage object
# TYPE storage_kubestash_com_backupstorage_created gauge
storage_kubestash_com_backupstorage_created{backupstorage="gcs-storage",namespace="demo",invoker_kind="BackupStorage",invoker_name="gcs-storage"} 1701930600
storage_kubestash_com_backupstorage_created{backupstorage="local-storage",namespace="stash",invoker_kind="BackupStorage",invoker_name="local-storage"} 1701931080
# HELP storage_kubestash_com_backupstorage_info General information about this BackupStorage
# TYPE storage_kubestash_com_backupstorage_info gauge
storage_kubestash_com_backupstorage_info{backupstorage="gcs-storage",namespace="demo",invoker_kind="BackupStorage",invoker_name="gcs-storage",provider="gcs",default="true",deletionPolicy="WipeOut",phase="Ready"} 1
storage_kubestash_com_backupstorage_info{backupstorage="local-storage",namespace="stash",invoker_kind="BackupStorage",invoker_name="local-storage",default="false",deletionPolicy="Delete",phase="NotReady"} 1
# HELP storage_kubestash_com_backupstorage_repository_size_bytes Total backed up data in the repository of this BackupStorage
# TYPE storage_kubestash_com_backupstorage_repository_size_bytes gauge
storage_kubestash_com_backupstorage_repository_size_bytes{backupstorage="gcs-storage",namespace="demo",invoker_kind="BackupStorage",invoker_name="gcs-storage",repo_name="gcs-demo-repo",repo_namespace="demo",repo_path="/demo/data"} 13
storage_kubestash_com_backupstorage_repository_size_bytes{backupstorage="gcs-storage",namespace="demo",invoker_kind="BackupStorage",invoker_name="gcs-storage",repo_name="other-repo",repo_namespace="demo",repo_path="/other"} 1001
# HELP storage_kubestash_com_backupstorage_phase BackupStorage object current phase
# TYPE storage_kubestash_com_backupstorage_phase gauge
storage_kubestash_com_backupstorage_phase{backupstorage="gcs-storage",namespace="demo",invoker_kind="BackupStorage",invoker_name="gcs-storage",phase="Ready"} 1
storage_kubestash_com_backupstorage_phase{backupstorage="gcs-storage",namespace="demo",invoker_kind="BackupStorage",invoker_name="gcs-storage",phase="NotReady"} 0
storage_kubestash_com_backupstorage_phase{backupstorage="local-storage",namespace="stash",invoker_kind="BackupStorage",invoker_name="local-storage",phase="Ready"} 0
storage_kubestash_com_backupstorage_phase{backupstorage="local-storage",namespace="stash",invoker_kind="BackupStorage",invoker_name="local-storage",phase="NotReady"} 1
# HELP storage_kubestash_com_backupstorage_size_bytes Total backed up data size in this BackupStorage
# TYPE storage_kubestash_com_backupstorage_size_bytes gauge
storage_kubestash_com_backupstorage_size_bytes{backupstorage="gcs-storage",namespace="demo",invoker_kind="BackupStorage",invoker_name="gcs-storage"} 12815695
# HELP storage_kubestash_com_backupstorage_conditions Current conditions of this BackupStorage
# TYPE storage_kubestash_com_backupstorage_conditions gauge
storage_kubestash_com_backupstorage_conditions{backupstorage="gcs-storage",namespace="demo",invoker_kind="BackupStorage",invoker_name="gcs-storage",condition="BackendInitialized",status="True"} 1
""";

  @Test
  void backupStoragesGiveSizesBooleansAndOneSeriesPerRepository() {
    assertThat(
            text(
                ExpositionFormat.TEXT_0_0_4,
                GoldenFixtures.fullBackupStorage(),
                GoldenFixtures.notReadyBackupStorage()))
        .isEqualTo(BACKUPSTORAGE_TEXT);
  }

  static final String REPOSITORY_TEXT =
"""
# HELP storage_kubestash_com_repository_created Unix creation timestamp of this Repository object
# TYPE storage_kubestash_com_repository_created gauge
storage_kubestash_com_repository_created{repository="gcs-demo-repo",namespace="demo",invoker_kind="Repository",invoker_name="gcs-demo-repo",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 1701931060.5
storage_kubestash_com_repository_created{repository="new-repo",namespace="demo",invoker_kind="Repository",invoker_name="new-repo"} 1704067200
# HELP storage_kubestash_com_repository_info General information about this Repository
# TYPE storage_kubestash_com_repository_info gauge
storage_kubestash_com_repository_info{repository="gcs-demo-repo",namespace="demo",invoker_kind="Repository",invoker_name="gcs-demo-repo",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",path="/demo/data",phase="Ready",integrity="true"} 1
storage_kubestash_com_repository_info{repository="new-repo",namespace="demo",invoker_kind="Repository",invoker_name="new-repo",path="/new"} 1
# HELP storage_kubestash_com_repository_last_successful_backup Last successful backup stored in this Repository
# TYPE storage_kubestash_com_repository_last_successful_backup gauge
storage_kubestash_com_repository_last_successful_backup{repository="gcs-demo-repo",namespace="demo",invoker_kind="Repository",invoker_name="gcs-demo-repo",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 1701931080
# HELP storage_kubestash_com_repository_size_bytes Total backed up data stored in this Repository
# TYPE storage_kubestash_com_repository_size_bytes gauge
storage_kubestash_com_repository_size_bytes{repository="gcs-demo-repo",namespace="demo",invoker_kind="Repository",invoker_name="gcs-demo-repo",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 12815695
# HELP storage_kubestash_com_repository_snapshot_count_total Number of current snapshots stored in this Repository
# TYPE storage_kubestash_com_repository_snapshot_count_total gauge
storage_kubestash_com_repository_snapshot_count_total{repository="gcs-demo-repo",namespace="demo",invoker_kind="Repository",invoker_name="gcs-demo-repo",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 7
# HELP storage_kubestash_com_repository_conditions Current conditions of this Repository
# TYPE storage_kubestash_com_repository_conditions gauge
storage_kubestash_com_repository_conditions{repository="gcs-demo-repo",namespace="demo",invoker_kind="Repository",invoker_name="gcs-demo-repo",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",condition="RepositoryInitialized",status="True"} 1
""";

  @Test
  void repositoriesGiveFractionalCreationTimeAndOneSeriesPerCondition() {
    assertThat(
            text(
                ExpositionFormat.TEXT_0_0_4,
                GoldenFixtures.fullRepository(),
                GoldenFixtures.newRepository()))
        .isEqualTo(REPOSITORY_TEXT);
  }

  static final String RESTORESESSION_TEXT =
"""
# HELP core_kubestash_com_restoresession_created Unix creation timestamp of this RestoreSession object
# TYPE core_kubestash_com_restoresession_created gauge
core_kubestash_com_restoresession_created{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo"} 1701932400.25
core_kubestash_com_restoresession_created{restoresession="pending-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="pending-restore"} 1701932400
# HELP core_kubestash_com_restoresession_info General information about this RestoreSession
# TYPE core_kubestash_com_restoresession_info gauge
core_kubestash_com_restoresession_info{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo",datasource_namespace="demo",repository="gcs-demo-repo",snapshot="latest",addon_name="workload-addon",phase="Succeeded"} 1
core_kubestash_com_restoresession_info{restoresession="pending-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="pending-restore"} 1
# HELP core_kubestash_com_restoresession_phase RestoreSession object current phase
# TYPE core_kubestash_com_restoresession_phase gauge
core_kubestash_com_restoresession_phase{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo",phase="Pending"} 0
core_kubestash_com_restoresession_phase{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo",phase="Running"} 0
core_kubestash_com_restoresession_phase{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo",phase="Succeeded"} 1
core_kubestash_com_restoresession_phase{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo",phase="Failed"} 0
core_kubestash_com_restoresession_phase{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo",phase="Invalid"} 0
core_kubestash_com_restoresession_phase{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo",phase="Unknown"} 0
core_kubestash_com_restoresession_phase{restoresession="pending-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="pending-restore",phase="Pending"} 0
core_kubestash_com_restoresession_phase{restoresession="pending-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="pending-restore",phase="Running"} 0
core_kubestash_com_restoresession_phase{restoresession="pending-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="pending-restore",phase="Succeeded"} 0
core_kubestash_com_restoresession_phase{restoresession="pending-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="pending-restore",phase="Failed"} 0
core_kubestash_com_restoresession_phase{restoresession="pending-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="pending-restore",phase="Invalid"} 0
core_kubestash_com_restoresession_phase{restoresession="pending-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="pending-restore",phase="Unknown"} 0
# HELP core_kubestash_com_restoresession_duration_seconds The total time taken to complete the restore process
# TYPE core_kubestash_com_restoresession_duration_seconds gauge
core_kubestash_com_restoresession_duration_seconds{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo"} 0.3
# HELP core_kubestash_com_restoresession_component_count_total The number of total components for this RestoreSession
# TYPE core_kubestash_com_restoresession_component_count_total gauge
core_kubestash_com_restoresession_component_count_total{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo"} 3
# HELP core_kubestash_com_restoresession_conditions Current conditions of this RestoreSession
# TYPE core_kubestash_com_restoresession_conditions gauge
core_kubestash_com_restoresession_conditions{restoresession="sample-restore",namespace="demo",invoker_kind="RestoreSession",invoker_name="sample-restore",target_kind="StatefulSet",target_name="restore-sts",target_namespace="demo",condition="RestoreExecutorEnsured",status="True"} 1
""";

  @Test
  void restoreSessionsWithoutStatusGiveAllPhasesZero() {
    assertThat(
            text(
                ExpositionFormat.TEXT_0_0_4,
                GoldenFixtures.fullRestoreSession(),
                GoldenFixtures.pendingRestoreSession()))
        .isEqualTo(RESTORESESSION_TEXT);
  }

  static final String SNAPSHOT_TEXT =
"""
# HELP storage_kubestash_com_snapshot_created Unix creation timestamp of this Snapshot object
# TYPE storage_kubestash_com_snapshot_created gauge
storage_kubestash_com_snapshot_created{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 1701931080
storage_kubestash_com_snapshot_created{snapshot="failed-snapshot",namespace="demo",invoker_kind="Snapshot",invoker_name="failed-snapshot"} 1701931080
# HELP storage_kubestash_com_snapshot_info General information about this Snapshot
# TYPE storage_kubestash_com_snapshot_info gauge
storage_kubestash_com_snapshot_info{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",snapshot_type="FullBackup",repository="gcs-demo-repo",session="demo-session",backupsession="sample-backup-sts-demo-session-1701940920",version="v1",phase="Succeeded",integrity="true"} 1
storage_kubestash_com_snapshot_info{snapshot="failed-snapshot",namespace="demo",invoker_kind="Snapshot",invoker_name="failed-snapshot",phase="Failed",integrity="false"} 1
# HELP storage_kubestash_com_snapshot_phase Snapshot object current phase
# TYPE storage_kubestash_com_snapshot_phase gauge
storage_kubestash_com_snapshot_phase{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",phase="Pending"} 0
storage_kubestash_com_snapshot_phase{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",phase="Running"} 0
storage_kubestash_com_snapshot_phase{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",phase="Succeeded"} 1
storage_kubestash_com_snapshot_phase{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",phase="Failed"} 0
storage_kubestash_com_snapshot_phase{snapshot="failed-snapshot",namespace="demo",invoker_kind="Snapshot",invoker_name="failed-snapshot",phase="Pending"} 0
storage_kubestash_com_snapshot_phase{snapshot="failed-snapshot",namespace="demo",invoker_kind="Snapshot",invoker_name="failed-snapshot",phase="Running"} 0
storage_kubestash_com_snapshot_phase{snapshot="failed-snapshot",namespace="demo",invoker_kind="Snapshot",invoker_name="failed-snapshot",phase="Succeeded"} 0
storage_kubestash_com_snapshot_phase{snapshot="failed-snapshot",namespace="demo",invoker_kind="Snapshot",invoker_name="failed-snapshot",phase="Failed"} 1
# HELP storage_kubestash_com_snapshot_size_bytes Size of this Snapshot
# TYPE storage_kubestash_com_snapshot_size_bytes gauge
storage_kubestash_com_snapshot_size_bytes{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 6161
# HELP storage_kubestash_com_snapshot_time_seconds The time when this Snapshot was taken
# TYPE storage_kubestash_com_snapshot_time_seconds gauge
storage_kubestash_com_snapshot_time_seconds{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 1701931090.123456
# HELP storage_kubestash_com_snapshot_component_count_total The number of total components for this Snapshot
# TYPE storage_kubestash_com_snapshot_component_count_total gauge
storage_kubestash_com_snapshot_component_count_total{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo"} 3
storage_kubestash_com_snapshot_component_count_total{snapshot="failed-snapshot",namespace="demo",invoker_kind="Snapshot",invoker_name="failed-snapshot"} 0
# HELP storage_kubestash_com_snapshot_conditions Current conditions of this Snapshot
# TYPE storage_kubestash_com_snapshot_conditions gauge
storage_kubestash_com_snapshot_conditions{snapshot="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",namespace="demo",invoker_kind="Snapshot",invoker_name="gcs-demo-repo-sample-backup-sts-demo-session-1701940920",target_kind="StatefulSet",target_name="sample-sts",target_namespace="demo",condition="SnapshotMetadataUploaded",status="True"} 1
""";

  @Test
  void snapshotsGiveMicrosecondTimestampsFalseBooleansAndZeroCounts() {
    assertThat(
            text(
                ExpositionFormat.TEXT_0_0_4,
                GoldenFixtures.fullSnapshot(),
                GoldenFixtures.failedSnapshot()))
        .isEqualTo(SNAPSHOT_TEXT);
  }

  @Test
  void openMetricsHasTheSameLinesAndEndsWithEof() {
    String expected =
        BACKUPCONFIGURATION_TEXT
            + BACKUPSESSION_TEXT
            + BACKUPSTORAGE_TEXT
            + REPOSITORY_TEXT
            + RESTORESESSION_TEXT
            + SNAPSHOT_TEXT
            + "# EOF\n";
    assertThat(
            text(
                ExpositionFormat.OPENMETRICS_1_0_0,
                GoldenFixtures.all().toArray(new HasMetadata[0])))
        .isEqualTo(expected);
  }

  @Test
  void familiesComeInCatalogueOrderWhateverTheObjectOrder() {
    String expected =
        BACKUPCONFIGURATION_TEXT
            + BACKUPSESSION_TEXT
            + BACKUPSTORAGE_TEXT
            + REPOSITORY_TEXT
            + RESTORESESSION_TEXT
            + SNAPSHOT_TEXT;
    assertThat(text(ExpositionFormat.TEXT_0_0_4, GoldenFixtures.all().toArray(new HasMetadata[0])))
        .isEqualTo(expected);

    List<HasMetadata> reversed = new ArrayList<>(GoldenFixtures.all());
    Collections.reverse(reversed);
    String reversedText = text(ExpositionFormat.TEXT_0_0_4, reversed.toArray(new HasMetadata[0]));
    assertThat(typeLines(reversedText)).isEqualTo(typeLines(expected)).hasSize(36);
    assertThat(sortedLines(reversedText)).isEqualTo(sortedLines(expected));
  }

  private static List<String> typeLines(String text) {
    return text.lines().filter(line -> line.startsWith("# TYPE ")).collect(Collectors.toList());
  }

  private static List<String> sortedLines(String text) {
    return text.lines().sorted().collect(Collectors.toList());
  }
}
