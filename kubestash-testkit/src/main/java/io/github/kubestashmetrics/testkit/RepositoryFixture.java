package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import java.time.Instant;

/** Builds a {@link Repository}; start from {@link KubeStashFixtures#repository}. */
public final class RepositoryFixture extends ObjectFixture<RepositoryFixture, Repository> {

  RepositoryFixture(String namespace, String name) {
    super(KubeStashKinds.REPOSITORY, namespace, name);
  }

  @Override
  RepositoryFixture self() {
    return this;
  }

  /** Sets {@code .spec.appRef} without an API group. */
  public RepositoryFixture appRef(String kind, String name, String namespace) {
    return appRef(null, kind, name, namespace);
  }

  /** Sets {@code .spec.appRef}. */
  public RepositoryFixture appRef(String apiGroup, String kind, String name, String namespace) {
    putReference(spec(), "appRef", apiGroup, kind, name, namespace);
    return this;
  }

  /** Sets {@code .spec.path}, the directory inside the BackupStorage. */
  public RepositoryFixture path(String path) {
    put(spec(), "path", path);
    return this;
  }

  /** Sets {@code .spec.storageRef}. */
  public RepositoryFixture storageRef(String namespace, String name) {
    ObjectNode ref = spec().putObject("storageRef");
    put(ref, "namespace", namespace);
    put(ref, "name", name);
    return this;
  }

  /** Sets {@code .spec.deletionPolicy}. */
  public RepositoryFixture deletionPolicy(String deletionPolicy) {
    put(spec(), "deletionPolicy", deletionPolicy);
    return this;
  }

  /** Sets {@code .status.integrity}. */
  public RepositoryFixture integrity(Boolean integrity) {
    put(status(), "integrity", integrity);
    return this;
  }

  /** Sets {@code .status.lastBackupTime} in RFC 3339. */
  public RepositoryFixture lastBackupTime(Instant lastBackupTime) {
    return lastBackupTime(lastBackupTime == null ? null : rfc3339(lastBackupTime));
  }

  /** Sets {@code .status.lastBackupTime} to any text. */
  public RepositoryFixture lastBackupTime(String lastBackupTime) {
    put(status(), "lastBackupTime", lastBackupTime);
    return this;
  }

  /** Sets {@code .status.size} to size text such as {@code 12.222 MiB}. */
  public RepositoryFixture size(String size) {
    put(status(), "size", size);
    return this;
  }

  /** Sets {@code .status.snapshotCount}. */
  public RepositoryFixture snapshotCount(Integer snapshotCount) {
    put(status(), "snapshotCount", snapshotCount);
    return this;
  }
}
