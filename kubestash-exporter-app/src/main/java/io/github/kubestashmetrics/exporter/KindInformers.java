package io.github.kubestashmetrics.exporter;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The built-in mode: the informers of every enabled kind ({@link ResourceInformers}, one per
 * namespace when namespaces are listed), all feeding the one store of the built-in catalogue.
 */
@Singleton
public final class KindInformers implements Informers {

  private final KubernetesClient client;
  private final ExporterConfig config;
  private final MetricCatalogue catalogue;
  private final MetricsStore store;
  private final Telemetry telemetry;
  private final Readiness readiness;
  private final List<ResourceInformers> watched = new ArrayList<>();

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
  @Override
  public synchronized void start() {
    for (KubeStashKinds.Kind<?> kind : config.kinds()) {
      ResourceInformers ofKind =
          new ResourceInformers(
              client,
              config,
              telemetry,
              kind.kind(),
              kind.resourceDefinitionContext(),
              catalogue,
              store,
              ResourceInformers.StoreObserver.NONE);
      ofKind.start();
      watched.add(ofKind);
      readiness.track(kind.kind(), ofKind::hasSynced, ofKind::isWatching);
    }
  }

  @Override
  public synchronized boolean allWatching() {
    return !watched.isEmpty() && watched.stream().allMatch(ResourceInformers::isWatching);
  }

  @Override
  public int objectCount() {
    return store.objectCount();
  }

  @Override
  public synchronized void close() {
    for (ResourceInformers w : watched) {
      w.close();
    }
    watched.clear();
  }
}
