package io.github.kubestashmetrics.exporter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One informer per enabled kind (and per namespace when namespaces are listed), feeding the metric
 * store: an add or update renders the object once; a delete drops its series.
 *
 * <p>A failing list or watch (CRD missing, 403, API down) is retried by fabric8 with backoff for as
 * long as the exporter runs; the other kinds keep exporting meanwhile. 410 Gone and dropped watches
 * are recovered by fabric8 relisting, which replays every object as an add or update.
 */
@Singleton
public final class KindInformers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KindInformers.class);

  private final KubernetesClient client;
  private final ExporterConfig config;
  private final MetricCatalogue catalogue;
  private final MetricsStore store;
  private final Telemetry telemetry;
  private final Readiness readiness;
  private final List<Watched<?>> watched = new ArrayList<>();

  @Inject
  KindInformers(
      KubernetesClient client,
      ExporterConfig config,
      MetricCatalogue catalogue,
      MetricsStore store,
      Telemetry telemetry,
      Readiness readiness) {
    this.client = client;
    this.config = config;
    this.catalogue = catalogue;
    this.store = store;
    this.telemetry = telemetry;
    this.readiness = readiness;
  }

  /** Starts every informer without waiting for any to sync. */
  public synchronized void start() {
    for (KubeStashKinds.Kind<?> kind : config.kinds()) {
      List<Watched<?>> ofKind = new ArrayList<>();
      if (config.namespaces().isEmpty()) {
        ofKind.add(watch(kind, Optional.empty()));
      } else {
        for (String namespace : config.namespaces()) {
          ofKind.add(watch(kind, Optional.of(namespace)));
        }
      }
      watched.addAll(ofKind);
      readiness.track(
          kind,
          () -> ofKind.stream().allMatch(w -> w.informer.hasSynced()),
          () -> ofKind.stream().allMatch(w -> w.informer.isWatching()));
    }
  }

  private Watched<GenericKubernetesResource> watch(
      KubeStashKinds.Kind<?> kind, Optional<String> namespace) {
    // Raw objects, not the typed model: fabric8 fails a whole list (so the whole kind) on one
    // badly-typed field, while the catalogue reads raw objects leniently and counts what it drops.
    var resources = client.genericKubernetesResources(kind.resourceDefinitionContext());
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
    Watched<GenericKubernetesResource> w = new Watched<>(kind, namespace.orElse("*"), informer);
    informer.addEventHandler(w);
    informer.exceptionHandler(
        (started, error) -> {
          w.failed(error);
          return true;
        });
    informer
        .start()
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                w.synced();
              }
            });
    return w;
  }

  /** True when every informer has an open watch, so no change can slip between list and watch. */
  public synchronized boolean allWatching() {
    return !watched.isEmpty() && watched.stream().allMatch(w -> w.informer.isWatching());
  }

  @Override
  public synchronized void close() {
    for (Watched<?> w : watched) {
      w.informer.close();
    }
    watched.clear();
  }

  private static String attempts(int failures) {
    return failures + (failures == 1 ? " failed attempt" : " failed attempts");
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
  private final class Watched<T extends HasMetadata> implements ResourceEventHandler<T> {
    private final KubeStashKinds.Kind<?> kind;
    private final String scope;
    private final SharedIndexInformer<T> informer;
    private final long startedAt = System.nanoTime();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final AtomicLong failingSince = new AtomicLong();

    Watched(KubeStashKinds.Kind<?> kind, String scope, SharedIndexInformer<T> informer) {
      this.kind = kind;
      this.scope = scope;
      this.informer = informer;
    }

    @Override
    public void onAdd(T object) {
      recovered();
      render(object, "ADDED", null);
    }

    @Override
    public void onUpdate(T oldObject, T newObject) {
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
    public void onDelete(T object, boolean deletedFinalStateUnknown) {
      telemetry.watchEvent(kind, "DELETED");
      String uid = uidOf(object);
      if (uid != null) {
        store.remove(uid);
      }
    }

    /** Renders and stores the object; {@code replacedUid}, when given, leaves the store too. */
    private void render(T object, String eventType, String replacedUid) {
      telemetry.watchEvent(kind, eventType);
      String uid = uidOf(object);
      if (uid == null || !config.sharding().keeps(uid)) {
        // No uid: the API server always sets one, and without it the object cannot be tracked.
        // Not kept: another replica's object.
        if (replacedUid != null) {
          store.remove(replacedUid);
        }
        return;
      }
      RenderedObject rendered = catalogue.render(object);
      telemetry.mappingErrors(rendered.errors());
      if (replacedUid != null) {
        store.replace(replacedUid, uid, rendered);
      } else {
        store.put(uid, rendered);
      }
    }

    private String uidOf(T object) {
      return object == null || object.getMetadata() == null ? null : object.getMetadata().getUid();
    }

    void synced() {
      Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
      int failures = failedAttempts.getAndSet(0);
      failingSince.set(0);
      LOG.info(
          "{} informer ({}) synced: {} objects in {} ms{}",
          kind.kind(),
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
      telemetry.informerRestart(kind);
      int attempt = failedAttempts.incrementAndGet();
      failingSince.compareAndSet(0, System.nanoTime());
      LOG.warn(
          "{} informer ({}) cannot list/watch (attempt {}), retrying with backoff: {}",
          kind.kind(),
          scope,
          attempt,
          messageOf(error));
    }

    /** An INFO summary once events flow again after failures. */
    private void recovered() {
      long since = failingSince.getAndSet(0);
      int failures = failedAttempts.getAndSet(0);
      if (since != 0 && failures > 0) {
        LOG.info(
            "{} informer ({}) recovered after {} in {} s",
            kind.kind(),
            scope,
            attempts(failures),
            Duration.ofNanos(System.nanoTime() - since).toSeconds());
      }
    }
  }
}
