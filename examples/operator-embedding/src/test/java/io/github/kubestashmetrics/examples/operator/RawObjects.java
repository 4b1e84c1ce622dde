package io.github.kubestashmetrics.examples.operator;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;

/** Raw objects on the mock server: how a test stores a field the typed model cannot read. */
final class RawObjects {

  private RawObjects() {}

  /** Creates the object, then its status as KubeStash writes it (the API drops it on create). */
  static void create(
      KubeStashMockServer server, KubeStashKinds.Kind<?> kind, GenericKubernetesResource object) {
    NonNamespaceOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        resources =
            server
                .client()
                .genericKubernetesResources(kind.resourceDefinitionContext())
                .inNamespace(object.getMetadata().getNamespace());
    GenericKubernetesResource created = resources.resource(object).create();
    created.setAdditionalProperty("status", object.getAdditionalProperties().get("status"));
    resources.resource(created).updateStatus();
  }
}
