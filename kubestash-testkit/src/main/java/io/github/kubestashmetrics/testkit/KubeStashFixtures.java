package io.github.kubestashmetrics.testkit;

import io.github.kubestashmetrics.model.KubeStashKinds;

/**
 * Fluent builders of the six kinds with valid minimal defaults, for example-based tests.
 *
 * <pre>{@code
 * BackupSession session =
 *     KubeStashFixtures.backupSession("demo", "nightly-1")
 *         .invoker("BackupConfiguration", "nightly")
 *         .session("daily")
 *         .phase("Succeeded")
 *         .duration("1m5s")
 *         .condition("BackupSucceeded", "True")
 *         .build();
 * }</pre>
 *
 * <p>What a fixture holds by default is described on {@link ObjectFixture}: everything else is
 * absent until set, so a test sees exactly the fields it wrote.
 */
public final class KubeStashFixtures {

  private KubeStashFixtures() {}

  /** A BackupConfiguration builder. */
  public static BackupConfigurationFixture backupConfiguration(String namespace, String name) {
    return new BackupConfigurationFixture(namespace, name);
  }

  /** A BackupSession builder. */
  public static BackupSessionFixture backupSession(String namespace, String name) {
    return new BackupSessionFixture(namespace, name);
  }

  /** A BackupStorage builder. */
  public static BackupStorageFixture backupStorage(String namespace, String name) {
    return new BackupStorageFixture(namespace, name);
  }

  /** A Repository builder. */
  public static RepositoryFixture repository(String namespace, String name) {
    return new RepositoryFixture(namespace, name);
  }

  /** A RestoreSession builder. */
  public static RestoreSessionFixture restoreSession(String namespace, String name) {
    return new RestoreSessionFixture(namespace, name);
  }

  /** A Snapshot builder. */
  public static SnapshotFixture snapshot(String namespace, String name) {
    return new SnapshotFixture(namespace, name);
  }

  /**
   * The uid a fixture gets when none is set: a name-based UUID of kind, namespace and name, so the
   * same object always has the same uid and objects of different kinds never share one.
   */
  public static String uidFor(KubeStashKinds.Kind<?> kind, String namespace, String name) {
    return ObjectFixture.nameUuid(kind.kind() + "/" + namespace + "/" + name);
  }
}
