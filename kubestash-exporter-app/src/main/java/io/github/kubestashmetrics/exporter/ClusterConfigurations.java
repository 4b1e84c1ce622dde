package io.github.kubestashmetrics.exporter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

  static final ResourceDefinitionContext RESOURCE =
      new ResourceDefinitionContext.Builder()
          .withGroup("metrics.appscode.com")
          .withVersion("v1alpha1")
          .withKind("MetricsConfiguration")
          .withPlural("metricsconfigurations")
          .withNamespaced(false)
          .build();

  private final KubernetesClient client;
  private final Telemetry telemetry;
  private final Map<String, MetricsConfiguration> byUid = new ConcurrentHashMap<>();
  private final Set<String> unreadableLogged = ConcurrentHashMap.newKeySet();
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
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(GenericKubernetesResource object) {
            put(object);
            changed.run();
          }

          @Override
          public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource object) {
            if (old != null && old.getMetadata() != null) {
              byUid.remove(String.valueOf(old.getMetadata().getUid()));
            }
            put(object);
            changed.run();
          }

          @Override
          public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
            if (object != null && object.getMetadata() != null) {
              byUid.remove(String.valueOf(object.getMetadata().getUid()));
            }
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
    boolean notFound = codeOf(error) == 404;
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

  /** The HTTP status of the API's answer that failed, or 0 when there was none. */
  private static int codeOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException e && e.getCode() > 0) {
        return e.getCode();
      }
    }
    return 0;
  }

  private void put(GenericKubernetesResource object) {
    if (object == null || object.getMetadata() == null || object.getMetadata().getUid() == null) {
      return;
    }
    String uid = object.getMetadata().getUid();
    try {
      MetricsConfiguration read =
          client.getKubernetesSerialization().convertValue(object, MetricsConfiguration.class);
      byUid.put(uid, read);
    } catch (RuntimeException e) {
      byUid.remove(uid);
      telemetry.configurationUnreadable(name());
      String version =
          object.getMetadata().getName() + "@" + object.getMetadata().getResourceVersion();
      if (unreadableLogged.add(version)) {
        LOG.warn(
            "MetricsConfiguration {} (resourceVersion {}) cannot be read, so it is ignored: {}",
            object.getMetadata().getName(),
            object.getMetadata().getResourceVersion(),
            ResourceInformers.messageOf(e));
      }
    }
  }

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
  public List<MetricsConfiguration> current() {
    return List.copyOf(byUid.values());
  }

  @Override
  public synchronized void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
