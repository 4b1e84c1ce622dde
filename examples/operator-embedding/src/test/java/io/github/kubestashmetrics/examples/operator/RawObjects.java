package io.github.kubestashmetrics.examples.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;

/** Raw objects on the mock server: how a test stores a field the typed model cannot read. */
final class RawObjects {

  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * Creates a Ready Repository whose {@code status.snapshotCount} is {@code "seven"} (a hand edit
   * the typed model cannot read) and returns the one mapping error it must cost.
   */
  static MappingError createBadlyTypedRepository(
      KubeStashMockServer server, String namespace, String name) {
    ObjectNode manifest =
        KubeStashFixtures.repository(namespace, name).phase("Ready").snapshotCount(7).manifest();
    ((ObjectNode) manifest.path("status")).put("snapshotCount", "seven");
    create(
        server,
        KubeStashKinds.REPOSITORY,
        JSON.convertValue(manifest, GenericKubernetesResource.class));
    return new MappingError(
        "storage_kubestash_com_repository_snapshot_count_total",
        "Repository",
        namespace,
        name,
        MappingError.WRONG_JSON_TYPE);
  }
}
