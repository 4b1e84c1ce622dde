package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;

/** How a kind reads its app nodes: the old pod-level resources, or a named container. */
@FunctionalInterface
interface NodeStyle {

  /** The role of the node at the path ({@link Role#NONE} when absent). */
  Role read(JsonNode root, View view, String... path);

  /** Old-style offshoot pod template: {@code podTemplate.spec.resources}. */
  static NodeStyle podTemplate() {
    return PodReaders::podTemplateNode;
  }

  /** New-style pod template: the container with this name, which must be there. */
  static NodeStyle container(String name) {
    return (root, view, path) -> PodReaders.containerNode(root, view, name, path);
  }
}
