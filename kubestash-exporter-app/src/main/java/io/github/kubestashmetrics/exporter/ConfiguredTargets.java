package io.github.kubestashmetrics.exporter;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.EngineOptions;
import io.github.kubestashmetrics.metrics.language.TargetKind;
import io.github.kubestashmetrics.metrics.plan.ConfigurationPlan;
import io.github.kubestashmetrics.metrics.plan.ConfigurationStatus;
import io.github.kubestashmetrics.metrics.plan.TargetPlan;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MetricsConfiguration modes ({@code --metrics-config=cluster} or {@code =PATH}): on each
 * change of the configuration source, plans the configurations ({@link ConfigurationPlan}) and
 * brings the running targets to that plan; {@code /metrics} is every started target's store, one
 * exposition.
 *
 * <p>Per target kind: its resource (plural and scope) comes from API discovery, as kubectl resolves
 * it; when the API does not serve it (CRD absent) the target is pending, logged once, re-checked
 * every {@code --metrics-config-interval} and started when it appears, while the rest exports and
 * stays ready. Targets of the configurations listed at start hold {@code /readyz} until they have
 * listed; one that starts once the exporter is ready (a configuration added, a CRD installed) does
 * not take readiness back ({@link Readiness}). A started target has its own store and {@link
 * ResourceInformers} (namespaces, label selector and sharding as in the built-in mode). A target
 * whose configurations changed (another fingerprint) gets a new store and informers; the old ones
 * serve until the new ones have listed, then the swap is one atomic step, so no scrape lacks that
 * target's series. A target no configuration names any more is stopped and its series vanish at
 * once. Unchanged targets are untouched.
 *
 * <p>Every change runs on one thread, in order; scrapes read an immutable list of stores.
 */
final class ConfiguredTargets implements Informers, Telemetry.TargetsView {

  private static final Logger LOG = LoggerFactory.getLogger(ConfiguredTargets.class);

  private final KubernetesClient client;
  private final ExporterConfig config;
  private final Telemetry telemetry;
  private final Readiness readiness;

  /**
   * Discovery answers (empty: 404) of the current pass over the targets, by group version; a pass
   * (plan, periodic check, 404 of a list) runs on the single planning thread and starts afresh.
   */
  private final Map<String, Optional<APIResourceList>> discoveredThisPass = new HashMap<>();

  private final ConfigurationSource source;
  private final ConfigurationEvents events;
  private final ScheduledExecutorService changes;
  private final AtomicBoolean applyQueued = new AtomicBoolean();

  /** Targets of the current plan; only the change thread touches it. */
  private final Map<TargetKind, Target> targets = new LinkedHashMap<>();

  /** (configuration name, version) pairs whose problems were logged. */
  private final Set<String> loggedVersions = new HashSet<>();

  /** What scrapes and self-metrics read: replaced whole, never changed. */
  private volatile Serving serving = new Serving(List.of(), List.of(), Map.of(), Map.of());

  private volatile boolean planned;

  /** Set by {@link #close}: the reconcile thread starts no step and tears down after its last. */
  private volatile boolean closing;

  private final AtomicBoolean tornDown = new AtomicBoolean();

  /** The started targets' stores in serving order, and what self-metrics show of the plan. */
  private record Serving(
      List<Target> started,
      List<ConfigurationStatus> configurations,
      Map<String, Boolean> pending,
      Map<String, String> familyOwners) {}

  ConfiguredTargets(
      KubernetesClient client,
      ExporterConfig config,
      Telemetry telemetry,
      Readiness readiness,
      ConfigurationSource source) {
    this.client = client;
    this.config = config;
    this.telemetry = telemetry;
    this.readiness = readiness;
    this.source = source;
    this.events = ConfigurationEvents.of(client, config);
    this.changes =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "metrics-config-targets");
              thread.setDaemon(true);
              return thread;
            });
  }

  @Override
  public void start() {
    telemetry.observe(this);
    // Not ready before the first complete set of configurations has been planned and applied.
    readiness.track(source.name(), () -> planned && source.hasSynced(), () -> source.isWatching());
    source.start(this::changed);
    long every = config.metricsConfigInterval().toMillis();
    changes.scheduleWithFixedDelay(
        () -> guarded(this::checkTargets), every, every, TimeUnit.MILLISECONDS);
  }

  /** Many changes in a burst (an initial list) become one plan. */
  private void changed() {
    if (applyQueued.compareAndSet(false, true)) {
      try {
        changes.execute(
            () -> {
              applyQueued.set(false);
              guarded(this::apply);
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Closed: nothing more to apply.
      }
    }
  }

  private void guarded(Runnable step) {
    if (closing) {
      return;
    }
    try {
      step.run();
    } catch (RuntimeException e) {
      // One failed step must not stop every later one on this thread.
      if (!closing) {
        LOG.warn("applying MetricsConfigurations failed: {}", ResourceInformers.messageOf(e), e);
      }
    } finally {
      if (closing) {
        // close() gave up waiting for this step (a call outlived its wait): the targets are torn
        // down here, once the step is done with them, never under its feet.
        tearDown();
      }
    }
  }

  /** Plans the current configurations and brings the targets to the plan. */
  private void apply() {
    discoveredThisPass.clear();
    if (!source.hasSynced()) {
      return; // a partial set (mid initial list) would start and stop targets for nothing
    }
    ConfigurationPlan plan = ConfigurationPlan.ofSourced(source.sourced(), EngineOptions.DEFAULT);
    logProblems(plan);
    Map<TargetKind, TargetPlan> wanted = new LinkedHashMap<>();
    for (TargetPlan t : plan.targets()) {
      wanted.put(t.target(), t);
    }
    for (Target gone : new ArrayList<>(targets.values())) {
      if (!wanted.containsKey(gone.kind)) {
        LOG.info("{}: no configuration targets it any more; its series are removed", gone.label);
        gone.stop();
        targets.remove(gone.kind);
      }
    }
    Map<String, Integer> kindCounts = new HashMap<>();
    for (TargetKind t : wanted.keySet()) {
      kindCounts.merge(t.kind(), 1, Integer::sum);
    }
    for (TargetPlan t : wanted.values()) {
      Target running = targets.get(t.target());
      if (running == null) {
        String label =
            kindCounts.get(t.target().kind()) > 1
                ? t.target().kind()
                    + "."
                    + (t.target().group().isEmpty() ? "core" : t.target().group())
                : t.target().kind();
        Target added = new Target(t, label);
        targets.put(t.target(), added);
        added.startIfServed();
      } else if (!running.plan.fingerprint().equals(t.fingerprint())) {
        running.plan = t;
        running.restart();
      } else {
        running.plan = t;
      }
    }
    Map<String, String> owners = new HashMap<>();
    for (ConfigurationStatus c : plan.configurations()) {
      for (String family : c.activeFamilies()) {
        owners.putIfAbsent(family, c.name());
      }
    }
    publish(plan.configurations(), owners);
    planned = true;
  }

  /** Logs each problem of a configuration once per version of it, not once per object. */
  private void logProblems(ConfigurationPlan plan) {
    Map<String, String> versions = new HashMap<>();
    for (ConfigurationStatus c : plan.configurations()) {
      versions.put(c.name(), c.version());
    }
    Set<String> seen = new HashSet<>();
    for (ConfigurationProblem problem : plan.problems()) {
      String key =
          problem.configuration() + "@" + versions.getOrDefault(problem.configuration(), "");
      seen.add(key);
      if (!loggedVersions.contains(key)) {
        LOG.warn("MetricsConfiguration rejected: {}", problem);
        events.rejected(problem, versions.getOrDefault(problem.configuration(), ""));
      }
    }
    loggedVersions.addAll(seen);
  }

  /**
   * Every interval: a pending target starts when the API serves its resource, and a started one
   * goes back to pending when discovery says the API no longer serves it (its CRD deleted; a real
   * API server also fails its list with 404, which {@link Target#notFound} acts on at once).
   */
  private void checkTargets() {
    discoveredThisPass.clear();
    boolean changed = false;
    for (Target t : new ArrayList<>(targets.values())) {
      if (t.resource == null) {
        changed |= t.startIfServed();
      } else {
        changed |= t.pendingIfNotServed();
      }
    }
    if (changed) {
      publish(serving.configurations(), serving.familyOwners());
    }
  }

  private void publish(List<ConfigurationStatus> configurations, Map<String, String> owners) {
    List<Target> started = new ArrayList<>();
    Map<String, Boolean> pending = new LinkedHashMap<>();
    for (Target t : targets.values()) {
      pending.put(t.label, t.resource == null);
      if (t.active != null) {
        started.add(t);
      }
    }
    // Kind order (then group, version): KubeStash's six configurations serve in the built-in
    // catalogue's order, so the two modes' scrapes are byte for byte the same.
    started.sort(
        Comparator.comparing((Target t) -> t.kind.kind())
            .thenComparing(t -> t.kind.group())
            .thenComparing(t -> t.kind.version()));
    serving =
        new Serving(List.copyOf(started), List.copyOf(configurations), pending, Map.copyOf(owners));
  }

  /** Writes every started target's store as one exposition. */
  long write(OutputStream out, ExpositionFormat format, ContentEncoding encoding)
      throws IOException {
    List<MetricsStore> stores = new ArrayList<>();
    for (Target t : serving.started()) {
      Generation g = t.active;
      if (g != null) {
        stores.add(g.store);
      }
    }
    return MetricsStore.writeAll(stores, out, format, encoding);
  }

  @Override
  public boolean allWatching() {
    if (!source.isWatching() || !planned) {
      return false;
    }
    for (Target t : serving.started()) {
      Generation g = t.active;
      if (g == null || !g.informers.isWatching()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int objectCount() {
    return stores().values().stream().mapToInt(MetricsStore::objectCount).sum();
  }

  @Override
  public Map<String, MetricsStore> stores() {
    Map<String, MetricsStore> stores = new LinkedHashMap<>();
    for (Target t : serving.started()) {
      Generation g = t.active;
      if (g != null) {
        stores.put(t.label, g.store);
      }
    }
    return stores;
  }

  @Override
  public Map<String, Long> series() {
    Map<String, Long> series = new LinkedHashMap<>();
    for (Target t : serving.started()) {
      Generation g = t.active;
      if (g != null) {
        series.put(t.label, g.store.seriesCount());
      }
    }
    return series;
  }

  @Override
  public Map<String, Boolean> pending() {
    return serving.pending();
  }

  @Override
  public List<ConfigurationStatus> configurations() {
    return serving.configurations();
  }

  @Override
  public Optional<String> ownerOf(String family) {
    return Optional.ofNullable(serving.familyOwners().get(family));
  }

  /**
   * Stops the reconcile thread, then tears the targets down. The thread's current step (a discovery
   * call, say) is interrupted and waited for up to 5 s; if it outlives that, close returns and the
   * thread tears the targets down itself when the step ends, starting nothing new meanwhile: the
   * targets are never torn down while a step still works on them.
   */
  @Override
  public void close() {
    closing = true;
    changes.shutdownNow();
    boolean stopped = false;
    try {
      stopped = changes.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
    serving = new Serving(List.of(), List.of(), Map.of(), Map.of());
    if (stopped) {
      tearDown();
    } else {
      LOG.warn(
          "closing: a MetricsConfiguration step is still running (a call to the API server);"
              + " its targets are stopped when it returns");
    }
  }

  /** Stops every target, once; on the reconcile thread's behalf only after it stopped. */
  private void tearDown() {
    if (!tornDown.compareAndSet(false, true)) {
      return;
    }
    for (Target t : targets.values()) {
      t.stop();
    }
    targets.clear();
    serving = new Serving(List.of(), List.of(), Map.of(), Map.of());
  }

  /** True once the targets are torn down (tests). */
  boolean isTornDown() {
    return tornDown.get();
  }

  /**
   * The resource the API serves for this kind, as kubectl finds it: the group version's resource
   * list, the entry of this kind that is not a subresource. Empty when the API does not serve it.
   */
  private Optional<ResourceDefinitionContext> discover(TargetKind kind) {
    // One discovery call per group version and pass: the targets of a group share its answer.
    Optional<APIResourceList> answer = discoveredThisPass.get(kind.apiVersion());
    if (answer == null) {
      try {
        answer = Optional.ofNullable(client.getApiResources(kind.apiVersion()));
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404) {
          throw e; // not remembered: the next target of the group asks again
        }
        answer = Optional.empty();
      }
      discoveredThisPass.put(kind.apiVersion(), answer);
    }
    APIResourceList list = answer.orElse(null);
    if (list == null || list.getResources() == null) {
      return Optional.empty();
    }
    for (APIResource r : list.getResources()) {
      if (kind.kind().equals(r.getKind()) && r.getName() != null && !r.getName().contains("/")) {
        return Optional.of(
            new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(kind.version())
                .withKind(kind.kind())
                .withPlural(r.getName())
                .withNamespaced(Boolean.TRUE.equals(r.getNamespaced()))
                .build());
      }
    }
    return Optional.empty();
  }

  private static final String NOT_SERVED = "the API does not serve it (CRD not installed?)";

  /** One target kind of the plan: pending, or started with its current store and informers. */
  private final class Target {
    private final TargetKind kind;
    private final String label;
    private TargetPlan plan;
    private ResourceDefinitionContext resource; // null while pending
    private String pendingReason; // the last reason logged, so each is logged once
    private volatile Generation active;
    private Generation next; // listing, to replace active once synced

    Target(TargetPlan plan, String label) {
      this.kind = plan.target();
      this.label = label;
      this.plan = plan;
    }

    /** Starts the target if the API serves its resource; true when it started. */
    boolean startIfServed() {
      Optional<ResourceDefinitionContext> found;
      String reason;
      try {
        found = discover(kind);
        reason = NOT_SERVED;
      } catch (KubernetesClientException e) {
        found = Optional.empty();
        reason = "discovery failed: " + ResourceInformers.messageOf(e);
      }
      if (found.isEmpty()) {
        if (!reason.equals(pendingReason)) {
          pendingReason = reason;
          LOG.warn(
              "{} ({}) is pending: {}; re-checked every {} ms, the other targets are served",
              label,
              kind.apiVersion(),
              reason,
              config.metricsConfigInterval().toMillis());
        }
        return false;
      }
      resource = found.get();
      LOG.info(
          "{} ({}): watching {} ({}){}",
          label,
          kind.apiVersion(),
          resource.getPlural(),
          resource.isNamespaceScoped() ? "namespaced" : "cluster-scoped",
          pendingReason == null ? "" : " now that the API serves it");
      active = new Generation(this);
      readiness.track(label, active.informers::hasSynced, active.informers::isWatching);
      return true;
    }

    /** New store and informers for the changed plan; swapped in once they have listed. */
    void restart() {
      if (resource == null) {
        return; // pending: it starts with the current plan when its resource appears
      }
      if (next != null) {
        next.close();
      }
      Generation fresh = new Generation(this);
      next = fresh;
      LOG.info("{}: its configurations changed; re-listing into a new store", label);
      fresh
          .informers
          .synced()
          .thenRun(
              () -> {
                try {
                  changes.execute(() -> guarded(() -> swap(fresh)));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                  // Closed meanwhile.
                }
              });
    }

    private void swap(Generation fresh) {
      if (next != fresh || targets.get(kind) != this) {
        return; // superseded by a later change, or the target was removed
      }
      Generation old = active;
      active = fresh;
      next = null;
      readiness.track(label, fresh.informers::hasSynced, fresh.informers::isWatching);
      publish(serving.configurations(), serving.familyOwners());
      if (old != null) {
        old.close();
      }
      LOG.info("{}: serving its changed configurations", label);
    }

    /**
     * A list or watch of {@code failing} was answered 404: when discovery agrees that the API no
     * longer serves the resource, the target goes back to pending at once.
     */
    void notFound(Generation failing) {
      discoveredThisPass.clear();
      if ((failing == active || failing == next) && pendingIfNotServed()) {
        publish(serving.configurations(), serving.familyOwners());
      }
    }

    /**
     * Back to pending when the API no longer serves the resource (its CRD was deleted): its series
     * leave, it stops holding /readyz, and it starts again when the resource reappears — instead of
     * retrying (and logging) a resource that is gone for as long as the exporter runs. A discovery
     * that fails (rather than answering "not served") changes nothing.
     *
     * @return true when the target went back to pending
     */
    boolean pendingIfNotServed() {
      if (resource == null) {
        return false;
      }
      try {
        if (discover(kind).isPresent()) {
          return false;
        }
      } catch (KubernetesClientException e) {
        return false; // the API did not answer: no evidence that the resource is gone
      }
      stop();
      resource = null;
      pendingReason = NOT_SERVED;
      LOG.warn(
          "{} ({}) is pending again: {}; its series are removed, re-checked every {} ms",
          label,
          kind.apiVersion(),
          NOT_SERVED,
          config.metricsConfigInterval().toMillis());
      return true;
    }

    void stop() {
      readiness.untrack(label);
      if (next != null) {
        next.close();
        next = null;
      }
      if (active != null) {
        active.close();
        active = null;
      }
    }
  }

  /** One store and the informers that fill it, for one plan of a target. */
  private final class Generation {
    private final MetricsStore store;
    private final ResourceInformers informers;

    Generation(Target target) {
      this.store = new MetricsStore(target.plan.catalogue());
      // A 404 (the resource gone) is checked on the plan's thread; the store counts its series.
      ResourceInformers.StoreObserver observer =
          new ResourceInformers.StoreObserver() {
            @Override
            public void failed(Throwable error) {
              if (ResourceInformers.statusOf(error) == 404) {
                try {
                  changes.execute(() -> guarded(() -> target.notFound(Generation.this)));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                  // Closed: nothing more to do.
                }
              }
            }
          };
      this.informers =
          new ResourceInformers(
              client,
              config,
              telemetry,
              target.label,
              target.resource,
              target.plan.catalogue(),
              store,
              observer);
      informers.start();
    }

    void close() {
      informers.close();
    }
  }
}
