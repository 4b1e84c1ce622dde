package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Which names hold {@code /readyz}: every built-in kind, and in the MetricsConfiguration modes what
 * was tracked before the exporter was first ready — not a target that joins a ready exporter.
 */
class ReadinessTest {

  private static Readiness configured() {
    return new Readiness(
        ExporterConfig.defaults()
            .withMetricsConfig(MetricsConfigSource.CLUSTER_OBJECTS, Duration.ofSeconds(10)));
  }

  private static void track(Readiness readiness, String name, AtomicBoolean synced) {
    readiness.track(name, synced::get, () -> false);
  }

  @Test
  void builtInKindsHoldReadinessFromTheStartEvenBeforeTheyAreTracked() {
    Readiness readiness = new Readiness(ExporterConfig.defaults());
    assertThat(readiness.isReady()).isFalse();
    assertThat(readiness.notSynced())
        .containsExactly(
            "BackupConfiguration",
            "BackupSession",
            "BackupStorage",
            "Repository",
            "RestoreSession",
            "Snapshot");
  }

  @Test
  void nothingTrackedIsNotReady() {
    Readiness readiness = configured();
    assertThat(readiness.isReady()).isFalse();
    assertThat(readiness.notSynced()).containsExactly("nothing tracked");
  }

  @Test
  void namesTrackedBeforeFirstReadyEachHoldItUntilSynced() {
    Readiness readiness = configured();
    AtomicBoolean source = new AtomicBoolean();
    AtomicBoolean widgets = new AtomicBoolean();
    AtomicBoolean gadgets = new AtomicBoolean();
    track(readiness, "MetricsConfiguration", source);
    track(readiness, "Widget", widgets);
    track(readiness, "Gadget", gadgets);

    source.set(true);
    widgets.set(true);
    assertThat(readiness.isReady()).isFalse();
    assertThat(readiness.notSynced()).containsExactly("Gadget");
    gadgets.set(true);
    assertThat(readiness.isReady()).isTrue();
    assertThat(readiness.notSynced()).isEmpty();
  }

  @Test
  void aTargetJoiningAReadyExporterDoesNotTakeReadinessBackButShowsAsNotSynced() {
    Readiness readiness = configured();
    AtomicBoolean source = new AtomicBoolean(true);
    track(readiness, "MetricsConfiguration", source);
    assertThat(readiness.isReady()).isTrue();

    AtomicBoolean sprockets = new AtomicBoolean();
    track(readiness, "Sprocket", sprockets);
    assertThat(readiness.isReady()).isTrue();
    assertThat(readiness.notSynced()).isEmpty();
    assertThat(readiness.syncedByKind())
        .isEqualTo(ordered("MetricsConfiguration", true, "Sprocket", false));

    // Its new store swapped in (tracked again): still not holding readiness.
    readiness.track("Sprocket", () -> false, () -> false);
    assertThat(readiness.isReady()).isTrue();
    // Pending again and back: it joins a ready exporter again.
    readiness.untrack("Sprocket");
    track(readiness, "Sprocket", sprockets);
    assertThat(readiness.isReady()).isTrue();
  }

  @Test
  void aNameHoldingReadinessKeepsHoldingItWhenTrackedAgain() {
    Readiness readiness = configured();
    AtomicBoolean source = new AtomicBoolean();
    track(readiness, "MetricsConfiguration", source);
    readiness.track("Widget", () -> false, () -> false);
    source.set(true);
    assertThat(readiness.isReady()).isFalse();
    // The plan changed before the first list ended: the new generation still holds readiness.
    readiness.track("Widget", () -> false, () -> false);
    assertThat(readiness.isReady()).isFalse();
    assertThat(readiness.notSynced()).containsExactly("Widget");
    readiness.track("Widget", () -> true, () -> true);
    assertThat(readiness.isReady()).isTrue();
  }

  @Test
  void theConfigurationSourceLosingItsSyncTakesReadinessBack() {
    // Held from the start, so a source that is not synced (its CRD deleted) makes the exporter
    // not ready again, as a built-in kind would.
    Readiness readiness = configured();
    AtomicBoolean source = new AtomicBoolean(true);
    track(readiness, "MetricsConfiguration", source);
    assertThat(readiness.isReady()).isTrue();
    source.set(false);
    assertThat(readiness.isReady()).isFalse();
    assertThat(readiness.notSynced()).isEqualTo(List.of("MetricsConfiguration"));
  }

  private static Map<String, Boolean> ordered(String a, boolean av, String b, boolean bv) {
    Map<String, Boolean> map = new LinkedHashMap<>();
    map.put(a, av);
    map.put(b, bv);
    return map;
  }
}
