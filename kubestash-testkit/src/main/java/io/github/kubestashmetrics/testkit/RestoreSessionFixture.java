package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.RestoreSession;
import java.time.Duration;

/** Builds a {@link RestoreSession}; start from {@link KubeStashFixtures#restoreSession}. */
public final class RestoreSessionFixture
    extends ObjectFixture<RestoreSessionFixture, RestoreSession> {

  RestoreSessionFixture(String namespace, String name) {
    super(KubeStashKinds.RESTORE_SESSION, namespace, name);
  }

  @Override
  RestoreSessionFixture self() {
    return this;
  }

  /** Sets {@code .spec.target} without an API group. */
  public RestoreSessionFixture target(String kind, String name, String namespace) {
    return target(null, kind, name, namespace);
  }

  /** Sets {@code .spec.target}. */
  public RestoreSessionFixture target(String apiGroup, String kind, String name, String namespace) {
    putReference(spec(), "target", apiGroup, kind, name, namespace);
    return this;
  }

  /** Sets {@code .spec.dataSource}: where the Repository lives, its name, the Snapshot. */
  public RestoreSessionFixture dataSource(String namespace, String repository, String snapshot) {
    ObjectNode dataSource = spec().putObject("dataSource");
    put(dataSource, "namespace", namespace);
    put(dataSource, "repository", repository);
    put(dataSource, "snapshot", snapshot);
    return this;
  }

  /** Sets {@code .spec.addon.name}. */
  public RestoreSessionFixture addon(String name) {
    put(spec().withObjectProperty("addon"), "name", name);
    return this;
  }

  /** Sets {@code .status.duration} to Go duration text. */
  public RestoreSessionFixture duration(String goDuration) {
    put(status(), "duration", goDuration);
    return this;
  }

  /** Sets {@code .status.duration} written as Go writes it. */
  public RestoreSessionFixture duration(Duration duration) {
    return duration(duration == null ? null : GoDurationText.format(duration.toNanos()));
  }

  /** Sets {@code .status.totalComponents}. */
  public RestoreSessionFixture totalComponents(Integer totalComponents) {
    put(status(), "totalComponents", totalComponents);
    return this;
  }
}
