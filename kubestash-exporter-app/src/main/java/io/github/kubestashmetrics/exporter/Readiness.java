package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.model.KubeStashKinds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Whether each enabled kind has synced: {@code /readyz} is 200 only when all have. */
@Singleton
public final class Readiness {

  private final List<KubeStashKinds.Kind<?>> kinds;
  private final Map<KubeStashKinds.Kind<?>, BooleanSupplier> synced = new ConcurrentHashMap<>();

  @Inject
  public Readiness(ExporterConfig config) {
    this.kinds = config.kinds();
  }

  /** Registers how to tell whether a kind has synced; until then it counts as not synced. */
  void track(KubeStashKinds.Kind<?> kind, BooleanSupplier hasSynced) {
    synced.put(kind, hasSynced);
  }

  /** Each enabled kind, in catalogue order, with whether it has synced. */
  public Map<KubeStashKinds.Kind<?>, Boolean> syncedByKind() {
    Map<KubeStashKinds.Kind<?>, Boolean> result = new LinkedHashMap<>();
    for (KubeStashKinds.Kind<?> kind : kinds) {
      BooleanSupplier check = synced.get(kind);
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
