package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfiguration;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSession;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorage;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeStashFixturesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2025-04-22T05:45:00Z");

  @Test
  void backupConfigurationHasTheFieldsAsGiven() {
    BackupConfiguration object =
        KubeStashFixtures.backupConfiguration("demo", "nightly")
            .uid("uid-1")
            .labels(Map.of("team", "db"))
            .createdAt(CREATED)
            .target("apps", "StatefulSet", "sample-sts", "demo")
            .session("daily", "0 2 * * *", "workload-addon")
            .session("hourly", null, null)
            .backend("gcs", "demo", "gcs-storage")
            .paused(false)
            .phase("Ready")
            .condition("ValidationPassed", "True")
            .build();

    assertThat(object.getMetadata().getNamespace()).isEqualTo("demo");
    assertThat(object.getMetadata().getName()).isEqualTo("nightly");
    assertThat(object.getMetadata().getUid()).isEqualTo("uid-1");
    assertThat(object.getMetadata().getLabels()).containsExactly(Map.entry("team", "db"));
    assertThat(object.getMetadata().getCreationTimestamp()).isEqualTo("2025-04-22T05:45:00Z");
    assertThat(object.getSpec().getTarget())
        .extracting("apiGroup", "kind", "name", "namespace")
        .containsExactly("apps", "StatefulSet", "sample-sts", "demo");
    assertThat(object.getSpec().getSessions()).hasSize(2);
    assertThat(object.getSpec().getSessions().get(0).getName()).isEqualTo("daily");
    assertThat(object.getSpec().getSessions().get(0).getScheduler().getSchedule())
        .isEqualTo("0 2 * * *");
    assertThat(object.getSpec().getSessions().get(0).getAddon().getName())
        .isEqualTo("workload-addon");
    assertThat(object.getSpec().getSessions().get(1).getScheduler()).isNull();
    assertThat(object.getSpec().getBackends().get(0).getStorageRef().getName())
        .isEqualTo("gcs-storage");
    assertThat(object.getStatus().getPhase()).isEqualTo("Ready");
    assertThat(object.getStatus().getConditions())
        .extracting("type", "status")
        .containsExactly(tuple("ValidationPassed", "True"));
  }

  @Test
  void backupSessionHasTheFieldsAsGiven() {
    BackupSession object =
        KubeStashFixtures.backupSession("demo", "nightly-1")
            .phase("Succeeded")
            .duration("1m5s")
            .condition("BackupSucceeded", "True", "Done", "All done", CREATED)
            .invoker("BackupConfiguration", "nightly")
            .session("daily")
            .snapshot("snap-1", "Succeeded", "gcs-repo", "StatefulSet", "sample-sts", "demo")
            .totalSnapshots(1)
            .createdAt(CREATED)
            .build();

    assertThat(object.getSpec().getInvoker())
        .extracting("apiGroup", "kind", "name")
        .containsExactly("core.kubestash.com", "BackupConfiguration", "nightly");
    assertThat(object.getSpec().getSession()).isEqualTo("daily");
    assertThat(object.getStatus().getPhase()).isEqualTo("Succeeded");
    assertThat(object.getStatus().getDuration()).isEqualTo("1m5s");
    assertThat(object.getStatus().getTotalSnapshots()).isEqualTo(1);
    assertThat(object.getStatus().getConditions().get(0))
        .extracting("type", "status", "reason", "message", "lastTransitionTime")
        .containsExactly("BackupSucceeded", "True", "Done", "All done", "2025-04-22T05:45:00Z");
    assertThat(object.getStatus().getSnapshots())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo("snap-1");
              assertThat(s.getPhase()).isEqualTo("Succeeded");
              assertThat(s.getRepository()).isEqualTo("gcs-repo");
              assertThat(s.getAppRef())
                  .extracting("kind", "name", "namespace")
                  .containsExactly("StatefulSet", "sample-sts", "demo");
            });
  }

  @Test
  void backupStorageHasTheFieldsAsGiven() {
    BackupStorage object =
        KubeStashFixtures.backupStorage("demo", "gcs-storage")
            .provider("gcs")
            .defaultStorage(true)
            .deletionPolicy("WipeOut")
            .phase("Ready")
            .totalSize("12.222 MiB")
            .repository("gcs-repo", "demo", "/demo/sts", "6.017 KiB")
            .condition("BackendInitialized", "True")
            .build();

    assertThat(object.getSpec().getStorage().getProvider()).isEqualTo("gcs");
    assertThat(object.getSpec().get_default()).isTrue();
    assertThat(object.getSpec().getDeletionPolicy()).isEqualTo("WipeOut");
    assertThat(object.getStatus().getTotalSize()).isEqualTo("12.222 MiB");
    assertThat(object.getStatus().getRepositories())
        .extracting("name", "namespace", "path", "size")
        .containsExactly(tuple("gcs-repo", "demo", "/demo/sts", "6.017 KiB"));
    assertThat(object.getStatus().getPhase()).isEqualTo("Ready");
  }

  @Test
  void repositoryHasTheFieldsAsGiven() {
    Repository object =
        KubeStashFixtures.repository("demo", "gcs-repo")
            .appRef("apps", "StatefulSet", "sample-sts", "demo")
            .path("/demo/sts")
            .storageRef("demo", "gcs-storage")
            .deletionPolicy("Delete")
            .phase("Ready")
            .integrity(true)
            .lastBackupTime(CREATED)
            .size("12.222 MiB")
            .snapshotCount(7)
            .condition("RepositoryInitialized", "True")
            .build();

    assertThat(object.getSpec().getAppRef())
        .extracting("apiGroup", "kind", "name", "namespace")
        .containsExactly("apps", "StatefulSet", "sample-sts", "demo");
    assertThat(object.getSpec().getPath()).isEqualTo("/demo/sts");
    assertThat(object.getSpec().getStorageRef().getName()).isEqualTo("gcs-storage");
    assertThat(object.getStatus().getIntegrity()).isTrue();
    assertThat(object.getStatus().getLastBackupTime()).isEqualTo("2025-04-22T05:45:00Z");
    assertThat(object.getStatus().getSize()).isEqualTo("12.222 MiB");
    assertThat(object.getStatus().getSnapshotCount()).isEqualTo(7);
    assertThat(object.getStatus().getConditions()).hasSize(1);
  }

  @Test
  void restoreSessionHasTheFieldsAsGiven() {
    RestoreSession object =
        KubeStashFixtures.restoreSession("demo", "restore-1")
            .target("apps", "StatefulSet", "restore-sts", "demo")
            .dataSource("demo", "gcs-repo", "latest")
            .addon("workload-addon")
            .phase("Running")
            .duration("7.534461497s")
            .totalComponents(3)
            .condition("ValidationPassed", "True")
            .build();

    assertThat(object.getSpec().getTarget().getName()).isEqualTo("restore-sts");
    assertThat(object.getSpec().getDataSource())
        .extracting("namespace", "repository", "snapshot")
        .containsExactly("demo", "gcs-repo", "latest");
    assertThat(object.getSpec().getAddon().getName()).isEqualTo("workload-addon");
    assertThat(object.getStatus().getPhase()).isEqualTo("Running");
    assertThat(object.getStatus().getDuration()).isEqualTo("7.534461497s");
    assertThat(object.getStatus().getTotalComponents()).isEqualTo(3);
  }

  @Test
  void snapshotHasTheFieldsAsGiven() {
    Snapshot object =
        KubeStashFixtures.snapshot("demo", "gcs-repo-nightly-1")
            .type("FullBackup")
            .repository("gcs-repo")
            .session("daily")
            .backupSession("nightly-1")
            .version("v1")
            .snapshotId("01HHKQQ59XN4979HMDFNCANA9V")
            .appRef("StatefulSet", "sample-sts", "demo")
            .phase("Succeeded")
            .integrity(false)
            .size("13 B")
            .snapshotTime("2023-12-14T08:40:01.25Z")
            .totalComponents(2)
            .condition("SnapshotMetadataUploaded", "True")
            .build();

    assertThat(object.getSpec())
        .extracting("type", "repository", "session", "backupSession", "version", "snapshotID")
        .containsExactly(
            "FullBackup", "gcs-repo", "daily", "nightly-1", "v1", "01HHKQQ59XN4979HMDFNCANA9V");
    assertThat(object.getSpec().getAppRef().getApiGroup()).isNull();
    assertThat(object.getSpec().getAppRef().getKind()).isEqualTo("StatefulSet");
    assertThat(object.getStatus())
        .extracting("phase", "integrity", "size", "snapshotTime", "totalComponents")
        .containsExactly("Succeeded", false, "13 B", "2023-12-14T08:40:01.25Z", 2);
  }

  @Test
  void defaultsAreADerivedUidAFixedCreationTimeAndNoStatus() {
    BackupSession object = KubeStashFixtures.backupSession("demo", "nightly-1").build();

    assertThat(object.getApiVersion()).isEqualTo("core.kubestash.com/v1alpha1");
    assertThat(object.getKind()).isEqualTo("BackupSession");
    assertThat(object.getMetadata().getUid())
        .isEqualTo(KubeStashFixtures.uidFor(KubeStashKinds.BACKUP_SESSION, "demo", "nightly-1"))
        .isEqualTo(
            KubeStashFixtures.backupSession("demo", "nightly-1").build().getMetadata().getUid())
        .isNotEqualTo(
            KubeStashFixtures.snapshot("demo", "nightly-1").build().getMetadata().getUid())
        .isNotEqualTo(
            KubeStashFixtures.backupSession("demo", "nightly-2").build().getMetadata().getUid());
    assertThat(object.getMetadata().getCreationTimestamp())
        .isEqualTo(ObjectFixture.DEFAULT_CREATION_TIMESTAMP.toString());
    assertThat(object.getSpec()).isNotNull();
    assertThat(object.getStatus()).isNull();
  }

  @Test
  void nullRemovesAFieldAndEmptyStatusIsKept() {
    Repository object =
        KubeStashFixtures.repository(null, "r")
            .createdAt((Instant) null)
            .uid("u")
            .emptyStatus()
            .size("1 B")
            .size(null)
            .build();

    assertThat(object.getMetadata().getNamespace()).isNull();
    assertThat(object.getMetadata().getCreationTimestamp()).isNull();
    assertThat(object.getStatus()).isNotNull();
    assertThat(object.getStatus().getSize()).isNull();
  }

  @Test
  void labelsKeepTheirOrderAndEditReachesFieldsWithoutSetters() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("z", "1");
    labels.put("a", "2");
    SnapshotFixture fixture =
        KubeStashFixtures.snapshot("demo", "s")
            .labels(labels)
            .label("m", "3")
            .edit(m -> m.withObjectProperty("status").put("verificationStatus", "NotVerified"));

    Snapshot object = fixture.build();

    assertThat(object.getMetadata().getLabels().keySet()).containsExactly("z", "a", "m");
    assertThat(object.getStatus().getVerificationStatus()).isEqualTo("NotVerified");
    assertThat(JSON.<JsonNode>valueToTree(object)).isEqualTo(fixture.manifest());
  }
}
