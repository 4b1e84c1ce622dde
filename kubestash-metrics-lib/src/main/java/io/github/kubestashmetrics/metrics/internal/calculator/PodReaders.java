package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The building blocks every kind combines: how a node of an object (a place with {@code replicas},
 * a pod template and a storage claim) becomes a {@link Role}.
 *
 * <ul>
 *   <li>{@link #podTemplateNode} (old-style offshoot pod template): the view of {@code
 *       podTemplate.spec.resources};
 *   <li>{@link #containerNode} (new-style): the view of the container named C in {@code
 *       podTemplate.spec.containers}, which must be there when the node is;
 *   <li>{@link #flatNode}: the view of the node's own {@code resources}.
 * </ul>
 *
 * All three read the pods from {@code replicas} (absent or null: 1) and set storage from the view
 * of {@code storage.resources}. An absent node is {@link Role#NONE}; a node that is present but not
 * an object is malformed.
 */
final class PodReaders {

  private PodReaders() {}

  /** Old-style node: pod-level {@code podTemplate.spec.resources}. */
  static Role podTemplateNode(JsonNode root, View view, String... path) {
    JsonNode node = presentNode(root, path);
    if (node == null) {
      return Role.NONE;
    }
    String where = ObjectFields.dotted(path);
    JsonNode spec = podSpec(node, where);
    JsonNode resources = spec == null ? null : spec.get("resources");
    ResourceList perPod = view.of(resources, where, ".podTemplate.spec.resources", "");
    return new Role(perPod.withStorage(storage(node, view, where)), replicas(node, where));
  }

  /** New-style node: the named container of {@code podTemplate.spec.containers}. */
  static Role containerNode(JsonNode root, View view, String container, String... path) {
    JsonNode node = presentNode(root, path);
    if (node == null) {
      return Role.NONE;
    }
    String where = ObjectFields.dotted(path);
    JsonNode named = namedContainer(node, container, where);
    if (named == null) {
      throw CalculationException.malformed(
          "failed to find container " + container + " in pod template of " + where);
    }
    ResourceList perPod =
        view.of(named.get("resources"), where, ".containers[" + container, "].resources");
    return new Role(perPod.withStorage(storage(node, view, where)), replicas(node, where));
  }

  /** Flat node: the node's own {@code resources}. */
  static Role flatNode(JsonNode node, View view, String where) {
    ObjectFields.requireObject(node, where);
    ResourceList perPod = view.of(node.get("resources"), where, ".resources", "");
    return new Role(perPod.withStorage(storage(node, view, where)), replicas(node, where));
  }

  /**
   * A sidecar: the view of the named container's resources (no storage), or zero when the node is
   * absent; malformed when the node is present without the container.
   */
  static ResourceList sidecar(JsonNode root, View view, String container, String... path) {
    JsonNode node = presentNode(root, path);
    if (node == null) {
      return ResourceList.ZERO;
    }
    String where = ObjectFields.dotted(path);
    JsonNode named = namedContainer(node, container, where);
    if (named == null) {
      throw CalculationException.malformed(
          "failed to find container " + container + " in podTemplate spec of " + where);
    }
    return view.of(named.get("resources"), where, ".containers[" + container, "].resources");
  }

  /** The exporter: the view of {@code spec.monitor.prometheus.exporter.resources}, or zero. */
  static ResourceList exporter(JsonNode root, View view) {
    String[] path = {"spec", "monitor", "prometheus", "exporter"};
    JsonNode exporter = presentNode(root, path);
    if (exporter == null) {
      return ResourceList.ZERO;
    }
    return view.of(exporter.get("resources"), "spec.monitor.prometheus.exporter.resources");
  }

  /** The view of a node's {@code storage.resources} storage (a claim spec), or zero. */
  static java.math.BigDecimal storage(JsonNode node, View view, String where) {
    JsonNode claim = ObjectFields.decodedObject(node, "storage", where);
    if (claim == null) {
      return java.math.BigDecimal.ZERO;
    }
    return view.of(claim.get("resources"), where, ".storage.resources", "").storage();
  }

  /** The node's {@code replicas}: absent or null is 1; anything but an integer is malformed. */
  static long replicas(JsonNode node, String where) {
    JsonNode replicas = node.get("replicas");
    if (replicas == null || replicas.isNull()) {
      return 1;
    }
    return ObjectFields.integerValue(replicas, where + ".replicas");
  }

  /** The node at the path: null when absent; malformed when present but not an object. */
  static JsonNode presentNode(JsonNode root, String... path) {
    JsonNode node = ObjectFields.find(root, path);
    if (node == null) {
      return null;
    }
    return node.isObject() ? node : ObjectFields.requireObject(node, ObjectFields.dotted(path));
  }

  private static JsonNode podSpec(JsonNode node, String where) {
    JsonNode template = ObjectFields.decodedObject(node, "podTemplate", where);
    return template == null
        ? null
        : ObjectFields.decodedObject(template, "spec", where + ".podTemplate");
  }

  private static JsonNode namedContainer(JsonNode node, String container, String where) {
    JsonNode spec = podSpec(node, where);
    JsonNode containers = spec == null ? null : spec.get("containers");
    if (containers == null || containers.isNull()) {
      return null;
    }
    if (!containers.isArray()) {
      throw CalculationException.malformed(
          where
              + ".podTemplate.spec.containers: "
              + ObjectFields.describe(containers)
              + ", expected a list");
    }
    JsonNode found = null;
    for (JsonNode element : containers) {
      ObjectFields.requireObject(element, where + ".podTemplate.spec.containers[]");
      JsonNode name = element.get("name");
      if (found == null && name != null && name.isTextual() && name.textValue().equals(container)) {
        found = element;
      }
    }
    return found;
  }
}
