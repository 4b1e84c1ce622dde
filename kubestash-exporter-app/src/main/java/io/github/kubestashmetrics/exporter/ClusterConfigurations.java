package io.github.kubestashmetrics.exporter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.kubestashmetrics.model.MetricsConfigurationResource;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's MetricsConfiguration objects ({@code metrics.appscode.com/v1alpha1},
 * cluster-scoped, never filtered by {@code --namespaces} or {@code --label-selector}), through a
 * raw informer. An object that cannot be read as a MetricsConfiguration is logged once per
 * resourceVersion, counted, and left out. When the CRD is not installed, one line says so (not one
 * per retry); fabric8 keeps retrying and the configurations are read as soon as the CRD appears.
 */
final class ClusterConfigurations implements ConfigurationSource {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterConfigurations.class);

  static final ResourceDefinitionContext RESOURCE = MetricsConfigurationResource.CONTEXT;

  private final KubernetesClient client;
  private final Telemetry telemetry;
  private final Map<String, Read> readByUid = new HashMap<>(); // guarded by this
  private final AtomicReference<String> lastFailure = new AtomicReference<>();
  private SharedIndexInformer<GenericKubernetesResource> informer;

  ClusterConfigurations(KubernetesClient client, Telemetry telemetry) {
    this.client = client;
    this.telemetry = telemetry;
  }

  @Override
  public String name() {
    return "MetricsConfiguration";
  }

  @Override
  public synchronized void start(Runnable changed) {
    informer = client.genericKubernetesResources(RESOURCE).inAnyNamespace().runnableInformer(0);
    // The handlers only signal a change: what changed is read from the informer's cache, which
    // fabric8 updates before it notifies, and which holds the whole list once hasSynced() is
    // true, while notifications of the initial list may still be on their way.
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource object) {
            changed.run();
          }

          @Override
          public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource object) {
            changed.run();
          }

          @Override
          public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            changed.run();
          }
        });
    informer.exceptionHandler(
        (started, error) -> {
          failed(error);
          return true;
        });
    informer
        .start()
        .whenComplete(
            (ok, error) -> {
              if (error == null) {
                lastFailure.set(null);
                LOG.info(
                    "MetricsConfiguration informer synced: {} configurations",
                    informer.getStore().list().size());
                changed.run();
              }
            });
  }

  /**
   * One line per kind of failure, not per retry: the CRD missing is the common case (cluster mode
   * before the CRD is installed) and would otherwise log every backoff step for ever.
   */
  private void failed(Throwable error) {
    String message = ResourceInformers.messageOf(error);
    boolean notFound = ResourceInformers.statusOf(error) == 404;
    String key = notFound ? "404" : message;
    telemetry.informerRestart(name());
    if (!key.equals(lastFailure.getAndSet(key))) {
      if (notFound) {
        LOG.warn(
            "the MetricsConfiguration CRD (metricsconfigurations.metrics.appscode.com) is not"
                + " installed: /readyz waits for it, and its configurations are read as soon as"
                + " it is (retrying with backoff)");
      } else {
        LOG.warn(
            "MetricsConfiguration informer cannot list/watch, retrying with backoff: {}", message);
      }
    }
  }

  /** The object read as a MetricsConfiguration, or null (logged once per version, counted). */
  private MetricsConfiguration read(GenericKubernetesResource object) {
    if (object == null || object.getMetadata() == null || object.getMetadata().getUid() == null) {
      return null;
    }
    String version =
        object.getMetadata().getUid() + "@" + object.getMetadata().getResourceVersion();
    Read known = readByUid.get(object.getMetadata().getUid());
    if (known != null && known.version().equals(version)) {
      return known.configuration();
    }
    MetricsConfiguration configuration;
    try {
      configuration =
          client.getKubernetesSerialization().convertValue(object, MetricsConfiguration.class);
    } catch (RuntimeException e) {
      configuration = null;
      telemetry.configurationUnreadable(name());
      LOG.warn(
          "MetricsConfiguration {} (resourceVersion {}) cannot be read, so it is ignored: {}",
          object.getMetadata().getName(),
          object.getMetadata().getResourceVersion(),
          ResourceInformers.messageOf(e));
    }
    // Remembered either way: an unreadable version is logged and counted once, not per change.
    readByUid.put(object.getMetadata().getUid(), new Read(version, configuration));
    return configuration;
  }

  /** One object's last read: its uid@resourceVersion and what it gave (null: unreadable). */
  private record Read(String version, MetricsConfiguration configuration) {}

  @Override
  public boolean hasSynced() {
    SharedIndexInformer<GenericKubernetesResource> i = informer;
    return i != null && i.hasSynced();
  }

  @Override
  public boolean isWatching() {
    SharedIndexInformer<GenericKubernetesResource> i = informer;
    return i != null && i.isWatching();
  }

  @Override
  public synchronized List<MetricsConfiguration> current() {
    SharedIndexInformer<GenericKubernetesResource> i = informer;
    if (i == null) {
      return List.of();
    }
    List<MetricsConfiguration> current = new ArrayList<>();
    Set<String> uids = new HashSet<>();
    for (GenericKubernetesResource object : i.getStore().list()) {
      MetricsConfiguration configuration = read(object);
      if (configuration != null) {
        current.add(configuration);
      }
      if (object != null && object.getMetadata() != null) {
        uids.add(object.getMetadata().getUid());
      }
    }
    readByUid.keySet().retainAll(uids); // deleted objects' reads go with them
    return List.copyOf(current);
  }

  @Override
  public synchronized void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
