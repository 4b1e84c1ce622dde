package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * A Kubernetes workload (apps/v1, batch, core v1): one app role, the sum of the containers of its
 * pod spec, and an {@link Role#INIT} role, the element-wise maximum of its init containers, both
 * with the same pods. No exporter, sidecars, mode or TLS; storage comes only from containers.
 *
 * @param podSpec path of the pod spec ({@code spec.template.spec}, {@code spec} for a Pod)
 * @param pods how many pods the workload has
 */
record WorkloadCalculator(String[] podSpec, Pods pods) implements Calculator {

  /** Where a workload's pod count comes from. */
  enum Pods {
    /** {@code spec.replicas}, or 1; the same count in {@code resource_replicas}. */
    SPEC_REPLICAS,
    /** One pod for resources, 0 in {@code resource_replicas} (DaemonSet, Job, CronJob). */
    ONE_UNCOUNTED,
    /** One pod, counted (Pod). */
    ONE
  }

  private static final List<String> ROLES = List.of(Role.DEFAULT);

  static WorkloadCalculator at(String dottedPodSpec, Pods pods) {
    return new WorkloadCalculator(ObjectFields.path(dottedPodSpec), pods);
  }

  @Override
  public List<String> appRoles() {
    return ROLES;
  }

  @Override
  public List<String> runtimeRoles() {
    return ROLES;
  }

  @Override
  public Map<String, Long> replicaMap(JsonNode object) {
    switch (pods) {
      case SPEC_REPLICAS:
        return Map.of(Role.DEFAULT, ObjectFields.integer(object, "spec", "replicas").orElse(1));
      case ONE:
        return Map.of(Role.DEFAULT, 1L);
      default:
        return Map.of();
    }
  }

  @Override
  public Map<String, Role> roles(JsonNode object, View view) {
    long count =
        pods == Pods.SPEC_REPLICAS ? ObjectFields.integer(object, "spec", "replicas").orElse(1) : 1;
    ResourceList containers = aggregate(object, view, "containers", ResourceList::plus);
    ResourceList init = aggregate(object, view, "initContainers", ResourceList::max);
    return Map.of(Role.DEFAULT, new Role(containers, count), Role.INIT, new Role(init, count));
  }

  @Override
  public String mode(JsonNode object) {
    return "";
  }

  @Override
  public boolean usesTls(JsonNode object) {
    return false;
  }

  /**
   * The views of a container list folded with {@code fold}: absent is zero, null or a non-list is
   * malformed, non-object elements are skipped.
   */
  private ResourceList aggregate(
      JsonNode object, View view, String list, BinaryOperator<ResourceList> fold) {
    String[] path = java.util.Arrays.copyOf(podSpec, podSpec.length + 1);
    path[podSpec.length] = list;
    JsonNode containers = ObjectFields.find(object, path);
    if (containers == null) {
      return ResourceList.ZERO;
    }
    String where = String.join(".", path);
    if (!containers.isArray()) {
      throw CalculationException.malformed(
          where + " accessor error: " + ObjectFields.describe(containers) + ", expected a list");
    }
    ResourceList result = ResourceList.ZERO;
    for (JsonNode container : containers) {
      if (container.isObject()) {
        result = fold.apply(result, view.of(container.get("resources"), where, "[].resources", ""));
      }
    }
    return result;
  }
}
