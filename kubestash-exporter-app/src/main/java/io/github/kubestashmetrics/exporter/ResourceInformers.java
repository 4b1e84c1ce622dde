package io.github.kubestashmetrics.exporter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.RenderedObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one resource (one per namespace when {@code --namespaces} lists some and the
 * resource is namespaced; one in all namespaces, or cluster-wide, otherwise), feeding one store: an
 * add or update renders the object once with the catalogue; a delete drops its series. Objects of
 * another shard are not kept; {@code --label-selector} applies.
 *
 * <p>A failing list or watch (CRD missing, 403, API down) is retried by fabric8 with backoff for as
 * long as the informers run; one WARN line per failed attempt, an INFO line when they sync or
 * recover. 410 Gone and dropped watches are recovered by fabric8 relisting, which replays every
 * object as an add or update; an object deleted meanwhile is a delete event of the relist.
 */
final class ResourceInformers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceInformers.class);

  /** Told of every object stored and removed, after the store changed. */
  interface StoreObserver {
    StoreObserver NONE = new StoreObserver() {};

    default void stored(String uid, RenderedObject rendered) {}

    default void removed(String uid) {}

    /** Told of every failed list or watch attempt (before fabric8 retries it). */
    default void failed(Throwable error) {}
  }

  private final KubernetesClient client;
  private final ExporterConfig config;
  private final Telemetry telemetry;
  private final String label;
  private final ResourceDefinitionContext resource;
  private final MetricCatalogue catalogue;
  private final MetricsStore store;
  private final StoreObserver observer;
  private final List<Watched> watched = new ArrayList<>();
  private CompletableFuture<Void> synced = new CompletableFuture<>();

  /**
   * @param label how logs and self-metrics name the resource (its kind)
   * @param resource group, version, kind, plural and scope of the resource
   */
  ResourceInformers(
      KubernetesClient client,
      ExporterConfig config,
      Telemetry telemetry,
      String label,
      ResourceDefinitionContext resource,
      MetricCatalogue catalogue,
      MetricsStore store,
      StoreObserver observer) {
    this.client = client;
    this.config = config;
    this.telemetry = telemetry;
    this.label = label;
    this.resource = resource;
    this.catalogue = catalogue;
    this.store = store;
    this.observer = observer;
  }

  /** Starts every informer without waiting for any to sync. */
  synchronized void start() {
    List<CompletableFuture<Void>> started = new ArrayList<>();
    if (config.namespaces().isEmpty() || !resource.isNamespaceScoped()) {
      started.add(watch(Optional.empty()));
    } else {
      for (String namespace : config.namespaces()) {
        started.add(watch(Optional.of(namespace)));
      }
    }
    synced = CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
  }

  String label() {
    return label;
  }

  MetricsStore store() {
    return store;
  }

  /** Completes when every informer has listed once (never completes exceptionally). */
  synchronized CompletableFuture<Void> synced() {
    return synced;
  }

  boolean hasSynced() {
    List<Watched> all = snapshot();
    return !all.isEmpty() && all.stream().allMatch(w -> w.informer.hasSynced());
  }

  /** True when every informer has an open watch, so no change can slip between list and watch. */
  boolean isWatching() {
    List<Watched> all = snapshot();
    return !all.isEmpty() && all.stream().allMatch(w -> w.informer.isWatching());
  }

  private synchronized List<Watched> snapshot() {
    return List.copyOf(watched);
  }

  private CompletableFuture<Void> watch(Optional<String> namespace) {
    // Raw objects, not the typed model: fabric8 fails a whole list (so the whole kind) on one
    // badly-typed field, while the catalogue reads raw objects leniently and counts what it drops.
    var resources = client.genericKubernetesResources(resource);
    Informable<GenericKubernetesResource> scope;
    if (namespace.isPresent()) {
      var inNamespace = resources.inNamespace(namespace.get());
      scope =
          config.labelSelector().isPresent()
              ? inNamespace.withLabelSelector(config.labelSelector().get())
              : inNamespace;
    } else {
      var everywhere = resources.inAnyNamespace();
      scope =
          config.labelSelector().isPresent()
              ? everywhere.withLabelSelector(config.labelSelector().get())
              : everywhere;
    }
    SharedIndexInformer<GenericKubernetesResource> informer = scope.runnableInformer(0);
    // The exporter renders every object as its event arrives and never reads the informer's cache
    // back, so the cache keeps only each object's identity, not every object in full a second time.
    informer.itemStore(new IdentityOnlyItemStore());
    Watched w =
        new Watched(
            namespace.orElse(resource.isNamespaceScoped() ? "*" : "cluster-scoped"), informer);
    informer.addEventHandler(w);
    informer.exceptionHandler(
        (started, error) -> {
          w.failed(error);
          return true;
        });
    watched.add(w);
    CompletableFuture<Void> listed = new CompletableFuture<>();
    informer
        .start()
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                w.synced();
                listed.complete(null);
              }
            });
    return listed;
  }

  @Override
  public synchronized void close() {
    for (Watched w : watched) {
      w.informer.close();
    }
    watched.clear();
  }

  private static String attempts(int failures) {
    return failures + (failures == 1 ? " failed attempt" : " failed attempts");
  }

  /** The HTTP status of the API's answer that failed, or 0 when there was none. */
  static int statusOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException e && e.getCode() > 0) {
        return e.getCode();
      }
    }
    return 0;
  }

  /** The message of the failure itself, not of the future that carried it. */
  static String messageOf(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank()
        ? cause.getClass().getSimpleName()
        : message.lines().findFirst().orElse(message).strip();
  }

  /** One informer and its failed attempts since it last worked. */
  private final class Watched implements ResourceEventHandler<GenericKubernetesResource> {
    private final String scope;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final long startedAt = System.nanoTime();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicLong failingSince = new AtomicLong();

    Watched(String scope, SharedIndexInformer<GenericKubernetesResource> informer) {
      this.scope = scope;
      this.informer = informer;
    }

    @Override
    public void onAdd(GenericKubernetesResource object) {
      recovered();
      render(object, "ADDED", null);
    }

    @Override
    public void onUpdate(GenericKubernetesResource oldObject, GenericKubernetesResource newObject) {
      recovered();
      // Same namespace/name but another object: it was deleted and re-created while no watch was
      // open (API server restarted, watch dropped), and a relist or re-watch saw only the new one.
      // The store is keyed by uid, so the old object's series must go in the same instant the new
      // ones arrive, or a scrape could see both: duplicate series, and Prometheus rejects the
      // whole scrape.
      String oldUid = uidOf(oldObject);
      boolean replaced = oldUid != null && !oldUid.equals(uidOf(newObject));
      render(newObject, "MODIFIED", replaced ? oldUid : null);
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean deletedFinalStateUnknown) {
      telemetry.watchEvent(label, "DELETED");
      String uid = uidOf(object);
      if (uid != null) {
        remove(uid);
      }
    }

    /** Renders and stores the object; {@code replacedUid}, when given, leaves the store too. */
    private void render(GenericKubernetesResource object, String eventType, String replacedUid) {
      telemetry.watchEvent(label, eventType);
      String uid = uidOf(object);
      if (uid == null || !config.sharding().keeps(uid)) {
        // No uid: the API server always sets one, and without it the object cannot be tracked.
        // Not kept: another replica's object.
        if (replacedUid != null) {
          remove(replacedUid);
        }
        return;
      }
      RenderedObject rendered = catalogue.render(object);
      telemetry.mappingErrors(rendered.errors());
      if (replacedUid != null) {
        store.replace(replacedUid, uid, rendered);
        observer.removed(replacedUid);
      } else {
        store.put(uid, rendered);
      }
      observer.stored(uid, rendered);
    }

    private void remove(String uid) {
      store.remove(uid);
      observer.removed(uid);
    }

    private String uidOf(GenericKubernetesResource object) {
      return object == null || object.getMetadata() == null ? null : object.getMetadata().getUid();
    }

    void synced() {
      Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
      int failures = failedAttempts.getAndSet(0);
      failingSince.set(0);
      LOG.info(
          "{} informer ({}) synced: {} objects in {} ms{}",
          label,
          scope,
          informer.getStore().list().size(),
          took.toMillis(),
          failures == 0 ? "" : " after " + attempts(failures));
    }

    /**
     * One WARN line per failed attempt (fabric8 calls this once per backoff step): the cause's
     * message, never its stack trace, which fabric8's own logger would print (silenced in
     * simplelogger.properties; {@code --log-level debug} brings it back).
     */
    void failed(Throwable error) {
      telemetry.informerRestart(label);
      int attempt = failedAttempts.incrementAndGet();
      failingSince.compareAndSet(0, System.nanoTime());
      LOG.warn(
          "{} informer ({}) cannot list/watch (attempt {}), retrying with backoff: {}",
          label,
          scope,
          attempt,
          messageOf(error));
      observer.failed(error);
    }

    /** An INFO summary once events flow again after failures. */
    private void recovered() {
      long since = failingSince.getAndSet(0);
      int failures = failedAttempts.getAndSet(0);
      if (since != 0 && failures > 0) {
        LOG.info(
            "{} informer ({}) recovered after {} in {} s",
            label,
            scope,
            attempts(failures),
            Duration.ofNanos(System.nanoTime() - since).toSeconds());
      }
    }
  }
}
