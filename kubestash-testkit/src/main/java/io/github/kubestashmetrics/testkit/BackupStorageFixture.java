package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.storage.v1alpha1.BackupStorage;

/** Builds a {@link BackupStorage}; start from {@link KubeStashFixtures#backupStorage}. */
public final class BackupStorageFixture extends ObjectFixture<BackupStorageFixture, BackupStorage> {

  BackupStorageFixture(String namespace, String name) {
    super(KubeStashKinds.BACKUP_STORAGE, namespace, name);
  }

  @Override
  BackupStorageFixture self() {
    return this;
  }

  /**
   * Sets {@code .spec.storage.provider} ({@code s3}, {@code gcs}, {@code azure}, {@code local}).
   */
  public BackupStorageFixture provider(String provider) {
    put(spec().withObjectProperty("storage"), "provider", provider);
    return this;
  }

  /** Sets {@code .spec.default}. */
  public BackupStorageFixture defaultStorage(Boolean isDefault) {
    put(spec(), "default", isDefault);
    return this;
  }

  /** Sets {@code .spec.deletionPolicy} ({@code Delete}, {@code WipeOut}). */
  public BackupStorageFixture deletionPolicy(String deletionPolicy) {
    put(spec(), "deletionPolicy", deletionPolicy);
    return this;
  }

  /** Sets {@code .status.totalSize} to size text such as {@code 12.222 MiB}. */
  public BackupStorageFixture totalSize(String totalSize) {
    put(status(), "totalSize", totalSize);
    return this;
  }

  /** Appends to {@code .status.repositories}. */
  public BackupStorageFixture repository(String name, String namespace, String path, String size) {
    ObjectNode repository = statusArray("repositories").addObject();
    put(repository, "name", name);
    put(repository, "namespace", namespace);
    put(repository, "path", path);
    put(repository, "size", size);
    repository.put("synced", true);
    return this;
  }
}
