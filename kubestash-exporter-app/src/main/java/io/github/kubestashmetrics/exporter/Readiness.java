package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.model.KubeStashKinds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Whether each enabled kind has synced ({@code /readyz} is 200 only when all have) and whether it
 * is watching now.
 *
 * <p>A kind stays synced once it has listed, also while its watch is lost (API server down or
 * unreachable): the exporter then serves the last state it saw, which beats serving nothing, and
 * stays ready so that Prometheus keeps scraping it. That the state may be stale is what {@link
 * #watchingByKind()} tells (the {@code kubestash_exporter_kind_watching} self-metric and its
 * alert).
 */
@Singleton
public final class Readiness {

  private final List<KubeStashKinds.Kind<?>> kinds;
  private final Map<KubeStashKinds.Kind<?>, BooleanSupplier> synced = new ConcurrentHashMap<>();
  private final Map<KubeStashKinds.Kind<?>, BooleanSupplier> watching = new ConcurrentHashMap<>();

  @Inject
  public Readiness(ExporterConfig config) {
    this.kinds = config.kinds();
  }

  /**
   * Registers how to tell whether a kind has synced and whether it has an open watch now; until
   * then it counts as neither.
   */
  void track(KubeStashKinds.Kind<?> kind, BooleanSupplier hasSynced, BooleanSupplier isWatching) {
    synced.put(kind, hasSynced);
    watching.put(kind, isWatching);
  }

  /** Each enabled kind, in catalogue order, with whether it has synced. */
  public Map<KubeStashKinds.Kind<?>, Boolean> syncedByKind() {
    return byKind(synced);
  }

  /**
   * Each enabled kind, in catalogue order, with whether all its informers have an open watch, so
   * that its series follow the API server; false while one re-lists or cannot reach it.
   */
  public Map<KubeStashKinds.Kind<?>, Boolean> watchingByKind() {
    return byKind(watching);
  }

  private Map<KubeStashKinds.Kind<?>, Boolean> byKind(
      Map<KubeStashKinds.Kind<?>, BooleanSupplier> checks) {
    Map<KubeStashKinds.Kind<?>, Boolean> result = new LinkedHashMap<>();
    for (KubeStashKinds.Kind<?> kind : kinds) {
      BooleanSupplier check = checks.get(kind);
      result.put(kind, check != null && check.getAsBoolean());
    }
    return result;
  }

  public boolean isReady() {
    return syncedByKind().values().stream().allMatch(Boolean::booleanValue);
  }

  /** The enabled kinds that have not synced yet. */
  public List<String> notSynced() {
    return syncedByKind().entrySet().stream()
        .filter(e -> !e.getValue())
        .map(e -> e.getKey().kind())
        .toList();
  }
}
