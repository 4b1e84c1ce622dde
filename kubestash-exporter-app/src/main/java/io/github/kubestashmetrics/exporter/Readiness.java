package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.model.KubeStashKinds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Whether each watched thing has synced ({@code /readyz} is 200 only when all have) and whether it
 * is watching now. In the built-in mode these are the enabled kinds, each expected from the start
 * (a kind not tracked yet counts as not synced). With MetricsConfigurations they are the
 * configuration source and every target whose resource the API serves, tracked and untracked as
 * configurations come and go; a target whose resource is absent is pending and not tracked, so it
 * does not hold readiness.
 *
 * <p>Readiness, once reached, is not taken back by a name tracked afterwards: a target that joins a
 * ready exporter (a MetricsConfiguration added, a CRD installed, a resource served again) does not
 * hold {@code /readyz} while it lists, since the series served meanwhile are as complete as they
 * were a moment before, and a replica dropped from its Service for each configuration change would
 * be a gap in every scrape. Its progress shows in {@link #syncedByKind()} (the {@code
 * kubestash_exporter_kind_synced} self-metric). Names tracked before the exporter was first ready
 * hold it, each until it syncs.
 *
 * <p>A kind stays synced once it has listed, also while its watch is lost (API server down or
 * unreachable): the exporter then serves the last state it saw, which beats serving nothing, and
 * stays ready so that Prometheus keeps scraping it. That the state may be stale is what {@link
 * #watchingByKind()} tells (the {@code kubestash_exporter_kind_watching} self-metric and its
 * alert).
 */
@Singleton
public final class Readiness {

  private record Checks(BooleanSupplier synced, BooleanSupplier watching, boolean holds) {}

  /** Names expected from the start, in order; guarded by this. */
  private final List<String> expected;

  /** Tracked names in the order tracked (expected ones first); guarded by this. */
  private final Map<String, Checks> tracked = new LinkedHashMap<>();

  @Inject
  public Readiness(ExporterConfig config) {
    this.expected =
        config.metricsConfig().isBuiltin()
            ? config.kinds().stream().map(KubeStashKinds.Kind::kind).toList()
            : List.of();
  }

  /**
   * Registers how to tell whether {@code name} has synced and whether it has an open watch now;
   * until then it counts as neither. A name first tracked while the exporter is ready does not hold
   * readiness; tracking a name again replaces its checks and keeps whether it holds readiness.
   */
  void track(String name, BooleanSupplier hasSynced, BooleanSupplier isWatching) {
    // Read before the lock: isReady() calls the checks, which must not run under it.
    boolean readyNow = isReady();
    synchronized (this) {
      Checks before = tracked.get(name);
      boolean holds = expected.contains(name) || (before != null ? before.holds() : !readyNow);
      tracked.put(name, new Checks(hasSynced, isWatching, holds));
    }
  }

  /** Forgets {@code name}: it no longer holds readiness. */
  synchronized void untrack(String name) {
    tracked.remove(name);
  }

  /** Each expected or tracked name, expected first, with whether it has synced. */
  public Map<String, Boolean> syncedByKind() {
    return byName(true);
  }

  /**
   * Each expected or tracked name with whether all its informers have an open watch, so that its
   * series follow the API server; false while one re-lists or cannot reach it.
   */
  public Map<String, Boolean> watchingByKind() {
    return byName(false);
  }

  private Map<String, Boolean> byName(boolean synced) {
    Map<String, Checks> checks;
    List<String> names = new ArrayList<>();
    synchronized (this) {
      names.addAll(expected);
      for (String name : tracked.keySet()) {
        if (!expected.contains(name)) {
          names.add(name);
        }
      }
      checks = Map.copyOf(tracked);
    }
    Map<String, Boolean> result = new LinkedHashMap<>();
    for (String name : names) {
      Checks check = checks.get(name);
      result.put(
          name, check != null && (synced ? check.synced() : check.watching()).getAsBoolean());
    }
    return result;
  }

  /** Ready: something holds readiness, and every name that holds it has synced. */
  public boolean isReady() {
    Map<String, Boolean> synced = holdingReadiness();
    return !synced.isEmpty() && !synced.containsValue(false);
  }

  /**
   * The names holding readiness that have not synced yet ("nothing tracked" when none holds it).
   */
  public List<String> notSynced() {
    Map<String, Boolean> synced = holdingReadiness();
    if (synced.isEmpty()) {
      return List.of("nothing tracked");
    }
    return synced.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
  }

  /** {@link #syncedByKind()} of the names that hold readiness. */
  private Map<String, Boolean> holdingReadiness() {
    Map<String, Boolean> synced = syncedByKind();
    Set<String> notHolding = new HashSet<>();
    synchronized (this) {
      tracked.forEach(
          (name, checks) -> {
            if (!checks.holds()) {
              notHolding.add(name);
            }
          });
    }
    synced.keySet().removeAll(notHolding);
    return synced;
  }
}
