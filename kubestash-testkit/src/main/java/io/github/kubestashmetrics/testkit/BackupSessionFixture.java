package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import java.time.Duration;

/** Builds a {@link BackupSession}; start from {@link KubeStashFixtures#backupSession}. */
public final class BackupSessionFixture extends ObjectFixture<BackupSessionFixture, BackupSession> {

  BackupSessionFixture(String namespace, String name) {
    super(KubeStashKinds.BACKUP_SESSION, namespace, name);
  }

  @Override
  BackupSessionFixture self() {
    return this;
  }

  /** Sets {@code .spec.invoker} (API group {@code core.kubestash.com}, as KubeStash writes it). */
  public BackupSessionFixture invoker(String kind, String name) {
    ObjectNode invoker = spec().putObject("invoker");
    invoker.put("apiGroup", KubeStashKinds.CORE_GROUP);
    put(invoker, "kind", kind);
    put(invoker, "name", name);
    return this;
  }

  /** Sets {@code .spec.session}, the BackupConfiguration session this run belongs to. */
  public BackupSessionFixture session(String session) {
    put(spec(), "session", session);
    return this;
  }

  /** Sets {@code .status.duration} to Go duration text such as {@code 1m5s}. */
  public BackupSessionFixture duration(String goDuration) {
    put(status(), "duration", goDuration);
    return this;
  }

  /** Sets {@code .status.duration} written as Go writes it. */
  public BackupSessionFixture duration(Duration duration) {
    return duration(duration == null ? null : GoDurationText.format(duration.toNanos()));
  }

  /** Appends to {@code .status.snapshots}. */
  public BackupSessionFixture snapshot(
      String name,
      String phase,
      String repository,
      String appKind,
      String appName,
      String appNamespace) {
    ObjectNode snapshot = statusArray("snapshots").addObject();
    put(snapshot, "name", name);
    put(snapshot, "phase", phase);
    put(snapshot, "repository", repository);
    putReference(snapshot, "appRef", null, appKind, appName, appNamespace);
    return this;
  }

  /** Sets {@code .status.totalSnapshots}. */
  public BackupSessionFixture totalSnapshots(Integer totalSnapshots) {
    put(status(), "totalSnapshots", totalSnapshots);
    return this;
  }
}
