package io.github.kubestashmetrics.benchmarks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.time.Instant;

/**
 * The objects the benchmarks map, as manifests shaped like KubeStash's own (the reference examples
 * of the kubestash and kubedb docs): a BackupSession with four conditions, a snapshot list and a
 * retention policy; a Snapshot with two conditions and two components with restic stats; both with
 * the finalizers, labels and owner references the controllers write. The other four kinds come from
 * the testkit's generators with a fixed seed, so every run maps the same objects.
 */
final class RealisticObjects {

  /** The seed of the generated kinds; fixed so that results compare across runs. */
  static final long SEED = 20_240_905L;

  private static final Instant CREATED = Instant.parse("2024-09-05T09:08:03Z");

  private RealisticObjects() {}

  /** The manifest of the benchmark object of this kind (one of the six kind names). */
  static ObjectNode manifest(String kind) {
    KubeStashGenerators generators = new KubeStashGenerators(SEED);
    return switch (kind) {
      case "BackupSession" -> backupSession();
      case "Snapshot" -> snapshot();
      case "BackupConfiguration" -> generators.backupConfigurationFixture().manifest();
      case "BackupStorage" -> generators.backupStorageFixture().manifest();
      case "Repository" -> generators.repositoryFixture().manifest();
      case "RestoreSession" -> generators.restoreSessionFixture().manifest();
      default -> throw new IllegalArgumentException("not a KubeStash kind: " + kind);
    };
  }

  /** The generated class of a kind name. */
  static Class<?> typeOf(String kind) {
    return KubeStashKinds.byName(kind)
        .orElseThrow(() -> new IllegalArgumentException("not a KubeStash kind: " + kind))
        .type();
  }

  private static ObjectNode backupSession() {
    return KubeStashFixtures.backupSession(
            "demo", "sample-postgres-backup-frequent-backup-1725449400")
        .uid("948cd21a-cc2d-4c4a-ba8f-d5045ffa32f9")
        .createdAt(CREATED)
        .label("kubestash.com/invoker-name", "sample-postgres-backup")
        .invoker("BackupConfiguration", "sample-postgres-backup")
        .session("frequent-backup")
        .phase("Succeeded")
        .duration("46.139498297s")
        .totalSnapshots(2)
        .condition(
            "SnapshotsEnsured",
            "True",
            "SuccessfullyEnsuredSnapshots",
            "Snapshots have been ensured successfully.",
            CREATED)
        .condition(
            "BackupExecutorEnsured",
            "True",
            "SuccessfullyEnsuredBackupExecutor",
            "Backup Executor has been ensured successfully.",
            CREATED)
        .condition(
            "SessionHistoryCleaned",
            "True",
            "SuccessfullyCleanedSessionHistory",
            null,
            CREATED.plusSeconds(32))
        .condition(
            "MetricsPushed",
            "True",
            "SuccessfullyPushedMetrics",
            "Metrics have been pushed successfully.",
            CREATED.plusSeconds(46))
        .snapshot(
            "gcs-postgres-repo-sample-postgres-backup-frequent-backup-1725449400",
            "Succeeded",
            "gcs-postgres-repo",
            "Postgres",
            "sample-postgres",
            "demo")
        .snapshot(
            "s3-postgres-repo-sample-postgres-backup-frequent-backup-1725449400",
            "Succeeded",
            "s3-postgres-repo",
            "Postgres",
            "sample-postgres",
            "demo")
        .edit(
            manifest -> {
              controllerMetadata(manifest, "core.kubestash.com/v1alpha1", "BackupConfiguration");
              ObjectNode spec = (ObjectNode) manifest.get("spec");
              spec.put("retryLeft", 2);
              ObjectNode retention =
                  ((ObjectNode) manifest.get("status")).putArray("retentionPolicy").addObject();
              retention.put("phase", "Applied");
              retention.putObject("ref").put("name", "demo-retention").put("namespace", "demo");
              retention.put("repository", "gcs-postgres-repo");
            })
        .manifest();
  }

  private static ObjectNode snapshot() {
    return KubeStashFixtures.snapshot(
            "demo", "gcs-postgres-repo-sample-postgres-backup-frequent-backup-1725449400")
        .uid("43f17a3f-4ac7-443c-a139-151f2e5bf462")
        .createdAt(CREATED)
        .label("kubedb.com/db-version", "18.3")
        .label("kubestash.com/app-ref-kind", "Postgres")
        .label("kubestash.com/app-ref-name", "sample-postgres")
        .label("kubestash.com/app-ref-namespace", "demo")
        .label("kubestash.com/repo-name", "gcs-postgres-repo")
        .appRef("kubedb.com", "Postgres", "sample-postgres", "demo")
        .backupSession("sample-postgres-backup-frequent-backup-1725527283")
        .repository("gcs-postgres-repo")
        .session("frequent-backup")
        .snapshotId("01J70Q1NT6FW11YBBARRFJ6SYB")
        .type("FullBackup")
        .version("v1")
        .phase("Succeeded")
        .integrity(true)
        .size("4.106 KiB")
        .snapshotTime(CREATED)
        .totalComponents(2)
        .condition(
            "RecentSnapshotListUpdated",
            "True",
            "SuccessfullyUpdatedRecentSnapshotList",
            "Recent snapshot list updated successfully",
            CREATED)
        .condition(
            "SnapshotMetadataUploaded",
            "True",
            "SuccessfullyUploadedSnapshotMetadata",
            "Metadata uploaded to backend successfully",
            CREATED.plusSeconds(46))
        .edit(
            manifest -> {
              controllerMetadata(manifest, "storage.kubestash.com/v1alpha1", "Repository");
              ((ObjectNode) manifest.get("spec")).put("deletionPolicy", "Delete");
              ObjectNode components = ((ObjectNode) manifest.get("status")).putObject("components");
              component(
                  components,
                  "dump",
                  "6.684476865s",
                  "dumpfile.sql",
                  "4b820700710f9f7b6a8d5b052367b51875e68dcd9052c749a686506db6a66374",
                  "1.135 KiB");
              component(
                  components,
                  "manifest",
                  "7.477728298s",
                  "/kubestash-tmp/manifest",
                  "9da4d1b7df6dd946e15a8a0d2a2a3c14776351e27926156770530ca03f6f8002",
                  "2.972 KiB");
            })
        .manifest();
  }

  /** Finalizer, generation, resource version and controller reference, as the API server has. */
  private static void controllerMetadata(ObjectNode manifest, String ownerApiVersion, String kind) {
    ObjectNode metadata = (ObjectNode) manifest.get("metadata");
    metadata.putArray("finalizers").add("kubestash.com/cleanup");
    metadata.put("generation", 1);
    metadata.put("resourceVersion", "289843");
    ArrayNode owners = metadata.putArray("ownerReferences");
    owners
        .addObject()
        .put("apiVersion", ownerApiVersion)
        .put("blockOwnerDeletion", true)
        .put("controller", true)
        .put("kind", kind)
        .put("name", "sample-postgres-backup")
        .put("uid", "fa9086e5-285a-4b4a-9096-072bf7dbe2f7");
  }

  private static void component(
      ObjectNode components,
      String name,
      String duration,
      String hostPath,
      String id,
      String size) {
    ObjectNode component = components.putObject(name);
    component.put("driver", "Restic");
    component.put("duration", duration);
    component.put("integrity", true);
    component.put("path", "repository/v1/frequent-backup/" + name);
    component.put("phase", "Succeeded");
    ObjectNode summary = component.putArray("resticStats").addObject().putObject("summary");
    summary.put("hostPath", hostPath);
    summary.put("id", id);
    summary.put("size", "3.345 KiB");
    summary.put("uploaded", "3.634 KiB");
    component.put("size", size);
  }
}
