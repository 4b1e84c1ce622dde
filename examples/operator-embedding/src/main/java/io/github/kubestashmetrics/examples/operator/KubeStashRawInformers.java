package io.github.kubestashmetrics.examples.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One informer per KubeStash kind, in all namespaces, on raw objects ({@link
 * GenericKubernetesResource}): fabric8 fails a whole typed list or watch on one badly typed field,
 * while the library reads raw objects leniently and reports what it could not map.
 */
public final class KubeStashRawInformers implements AutoCloseable {

  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final List<CompletableFuture<Void>> synced = new ArrayList<>();

  /** Starts the six informers; they list and then watch on the client's threads. */
  public KubeStashRawInformers(KubernetesClient client) {
    this(client, null);
  }

  /**
   * Starts the six informers with {@code handler} (if not null) registered before they start, so
   * that it hears every object of the initial list as an addition, then every change.
   */
  public KubeStashRawInformers(
      KubernetesClient client, ResourceEventHandler<GenericKubernetesResource> handler) {
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      SharedIndexInformer<GenericKubernetesResource> informer =
          client
              .genericKubernetesResources(kind.resourceDefinitionContext())
              .inAnyNamespace()
              .runnableInformer(0);
      if (handler != null) {
        informer.addEventHandler(handler);
      }
      informers.add(informer);
      synced.add(informer.start().toCompletableFuture());
    }
  }

  /** Waits until every informer has its initial list. */
  public void awaitSynced(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture.allOf(synced.toArray(new CompletableFuture<?>[0])).get(timeout, unit);
  }

  /** Every object the informers hold now: what the library maps on each scrape. */
  public List<GenericKubernetesResource> objects() {
    List<GenericKubernetesResource> all = new ArrayList<>();
    for (SharedIndexInformer<GenericKubernetesResource> informer : informers) {
      all.addAll(informer.getStore().list());
    }
    return all;
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
