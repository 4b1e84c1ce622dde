package io.github.kubestashmetrics.examples.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MappingError;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.language.ConfigurationProblem;
import io.github.kubestashmetrics.metrics.language.TargetKind;
import io.github.kubestashmetrics.metrics.plan.ConfigurationPlan;
import io.github.kubestashmetrics.metrics.plan.ConfigurationStatus;
import io.github.kubestashmetrics.metrics.plan.TargetPlan;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Embedding way 4, the operator's own kinds from MetricsConfigurations ({@code
 * metrics.appscode.com/v1alpha1}, the format the exporter serves with {@code --metrics-config}):
 * the library plans them ({@link ConfigurationPlan}); each target kind gets a {@link
 * StoreEmbedding} of its catalogue, fed by an informer on raw objects of that kind; {@code
 * /metrics} serves every target's store as one exposition ({@link MetricsStore#writeAll}).
 *
 * <p>What the plan rejects (a metric the engine cannot run, a family another configuration defines)
 * goes to the operator's problem listener once, at construction; the other metrics are served. A
 * target kind the API does not serve (its CRD is not installed) is reported the same way, once per
 * configuration that names it, and the other targets are served.
 *
 * <p>Families are served in the order of the configurations' names (a target where its first-named
 * configuration is), the catalogue order within a target: KubeStash's own six configurations
 * ({@code BuiltInConfigurations.standard()}) thus serve exactly the bytes of the built-in
 * catalogue.
 *
 * <p>The configurations are fixed for the lifetime of an instance; an operator whose configurations
 * change builds a new one (and may keep the targets whose {@link TargetPlan#fingerprint()} did not
 * change, as the exporter does).
 */
public final class ConfiguredEmbedding implements AutoCloseable {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final ConfigurationPlan plan;
  private final List<MetricsStore> stores = new ArrayList<>();
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final List<CompletableFuture<Void>> synced = new ArrayList<>();

  /**
   * Plans {@code configurations}, reports what was rejected to {@code onProblem}, and starts one
   * informer per served target kind, in all namespaces, whose handler is registered before it
   * starts (so it hears the initial list). Mapping errors of objects go to {@code onMappingError},
   * once per change of an object.
   */
  public ConfiguredEmbedding(
      KubernetesClient client,
      List<MetricsConfiguration> configurations,
      Consumer<ConfigurationProblem> onProblem,
      Consumer<MappingError> onMappingError) {
    this.plan = ConfigurationPlan.of(configurations);
    plan.problems().forEach(onProblem);
    for (TargetPlan target : targetsInServingOrder(plan)) {
      MixedOperation<
              GenericKubernetesResource,
              GenericKubernetesResourceList,
              Resource<GenericKubernetesResource>>
          objects;
      try {
        // Plural and scope from API discovery, as kubectl resolves a kind.
        objects =
            client.genericKubernetesResources(target.target().apiVersion(), target.target().kind());
      } catch (KubernetesClientException notServed) {
        for (String name : target.configurationNames()) {
          onProblem.accept(
              new ConfigurationProblem(
                  name,
                  "spec.targetRef",
                  "",
                  "the API serves no " + target.target() + ", so its metrics are not served"));
        }
        continue;
      }
      StoreEmbedding store = new StoreEmbedding(target.catalogue(), onMappingError);
      SharedIndexInformer<GenericKubernetesResource> informer =
          objects.inAnyNamespace().runnableInformer(0);
      informer.addEventHandler(store);
      stores.add(store.store());
      informers.add(informer);
      synced.add(informer.start().toCompletableFuture());
    }
  }

  /**
   * One MetricsConfiguration from YAML (or JSON) text the operator ships, e.g. a class-path
   * resource. Throws on text that is not one: it is the operator's own, so its tests catch that.
   */
  public static MetricsConfiguration parse(String yaml) {
    return SERIALIZATION.unmarshal(yaml, MetricsConfiguration.class);
  }

  /** What was planned: targets, per-configuration status, problems. */
  public ConfigurationPlan plan() {
    return plan;
  }

  /** Waits until every started informer has its initial list. */
  public void awaitSynced(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    CompletableFuture.allOf(synced.toArray(new CompletableFuture<?>[0])).get(timeout, unit);
  }

  /**
   * What the operator's {@code /metrics} endpoint serves: every served target's series, one
   * exposition in {@code format} and {@code encoding} (gzip is one member). Returns the
   * uncompressed length; {@code out} is neither flushed nor closed.
   */
  public long write(OutputStream out, ExpositionFormat format, ContentEncoding encoding)
      throws IOException {
    return MetricsStore.writeAll(stores, out, format, encoding);
  }

  /** Objects stored now, of every served target. */
  public int objectCount() {
    return stores.stream().mapToInt(MetricsStore::objectCount).sum();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }

  /** The plan's targets, each where its first configuration by name is. */
  private static List<TargetPlan> targetsInServingOrder(ConfigurationPlan plan) {
    Set<TargetKind> order = new LinkedHashSet<>();
    for (ConfigurationStatus configuration : plan.configurations()) {
      if (!configuration.activeFamilies().isEmpty()) {
        order.add(configuration.target());
      }
    }
    List<TargetPlan> targets = new ArrayList<>();
    for (TargetKind kind : order) {
      plan.target(kind).ifPresent(targets::add);
    }
    return targets;
  }
}
