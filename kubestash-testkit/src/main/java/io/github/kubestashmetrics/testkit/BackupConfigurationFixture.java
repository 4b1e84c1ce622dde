package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupConfiguration;

/**
 * Builds a {@link BackupConfiguration}; start from {@link KubeStashFixtures#backupConfiguration}.
 */
public final class BackupConfigurationFixture
    extends ObjectFixture<BackupConfigurationFixture, BackupConfiguration> {

  BackupConfigurationFixture(String namespace, String name) {
    super(KubeStashKinds.BACKUP_CONFIGURATION, namespace, name);
  }

  @Override
  BackupConfigurationFixture self() {
    return this;
  }

  /** Sets {@code .spec.target} without an API group. */
  public BackupConfigurationFixture target(String kind, String name, String namespace) {
    return target(null, kind, name, namespace);
  }

  /** Sets {@code .spec.target}. */
  public BackupConfigurationFixture target(
      String apiGroup, String kind, String name, String namespace) {
    putReference(spec(), "target", apiGroup, kind, name, namespace);
    return this;
  }

  /** Appends to {@code .spec.sessions}: name, {@code scheduler.schedule}, {@code addon.name}. */
  public BackupConfigurationFixture session(String name, String schedule, String addonName) {
    ObjectNode session = specArray("sessions").addObject();
    put(session, "name", name);
    if (schedule != null) {
      session.putObject("scheduler").put("schedule", schedule);
    }
    if (addonName != null) {
      session.putObject("addon").put("name", addonName);
    }
    return this;
  }

  /** Appends to {@code .spec.backends}: a backend name and its BackupStorage. */
  public BackupConfigurationFixture backend(
      String name, String storageNamespace, String storageName) {
    ObjectNode backend = specArray("backends").addObject();
    put(backend, "name", name);
    ObjectNode storageRef = backend.putObject("storageRef");
    put(storageRef, "namespace", storageNamespace);
    put(storageRef, "name", storageName);
    return this;
  }

  /** Sets {@code .spec.paused}. */
  public BackupConfigurationFixture paused(Boolean paused) {
    put(spec(), "paused", paused);
    return this;
  }

  /** Sets {@code .status.targetFound}. */
  public BackupConfigurationFixture targetFound(Boolean targetFound) {
    put(status(), "targetFound", targetFound);
    return this;
  }
}
