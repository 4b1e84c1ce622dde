package io.github.kubestashmetrics.testkit;

import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import java.time.Instant;

/** Builds a {@link Snapshot}; start from {@link KubeStashFixtures#snapshot}. */
public final class SnapshotFixture extends ObjectFixture<SnapshotFixture, Snapshot> {

  SnapshotFixture(String namespace, String name) {
    super(KubeStashKinds.SNAPSHOT, namespace, name);
  }

  @Override
  SnapshotFixture self() {
    return this;
  }

  /** Sets {@code .spec.type} ({@code FullBackup}, {@code IncrementalBackup}). */
  public SnapshotFixture type(String type) {
    put(spec(), "type", type);
    return this;
  }

  /** Sets {@code .spec.repository}. */
  public SnapshotFixture repository(String repository) {
    put(spec(), "repository", repository);
    return this;
  }

  /** Sets {@code .spec.session}. */
  public SnapshotFixture session(String session) {
    put(spec(), "session", session);
    return this;
  }

  /** Sets {@code .spec.backupSession}. */
  public SnapshotFixture backupSession(String backupSession) {
    put(spec(), "backupSession", backupSession);
    return this;
  }

  /** Sets {@code .spec.version}. */
  public SnapshotFixture version(String version) {
    put(spec(), "version", version);
    return this;
  }

  /** Sets {@code .spec.snapshotID}. */
  public SnapshotFixture snapshotId(String snapshotId) {
    put(spec(), "snapshotID", snapshotId);
    return this;
  }

  /** Sets {@code .spec.appRef} without an API group. */
  public SnapshotFixture appRef(String kind, String name, String namespace) {
    return appRef(null, kind, name, namespace);
  }

  /** Sets {@code .spec.appRef}. */
  public SnapshotFixture appRef(String apiGroup, String kind, String name, String namespace) {
    putReference(spec(), "appRef", apiGroup, kind, name, namespace);
    return this;
  }

  /** Sets {@code .status.integrity}. */
  public SnapshotFixture integrity(Boolean integrity) {
    put(status(), "integrity", integrity);
    return this;
  }

  /** Sets {@code .status.size} to size text such as {@code 12.222 MiB}. */
  public SnapshotFixture size(String size) {
    put(status(), "size", size);
    return this;
  }

  /** Sets {@code .status.snapshotTime} in RFC 3339. */
  public SnapshotFixture snapshotTime(Instant snapshotTime) {
    return snapshotTime(snapshotTime == null ? null : rfc3339(snapshotTime));
  }

  /** Sets {@code .status.snapshotTime} to any text. */
  public SnapshotFixture snapshotTime(String snapshotTime) {
    put(status(), "snapshotTime", snapshotTime);
    return this;
  }

  /** Sets {@code .status.totalComponents}. */
  public SnapshotFixture totalComponents(Integer totalComponents) {
    put(status(), "totalComponents", totalComponents);
    return this;
  }
}
