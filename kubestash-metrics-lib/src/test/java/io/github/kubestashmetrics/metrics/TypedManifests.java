package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.model.KubeStashKinds;

/** Valid manifests read into their kind's generated class, as an informer hands objects over. */
final class TypedManifests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TypedManifests() {}

  /** The manifest (of one of the six kinds, well-typed) as an instance of its generated class. */
  static HasMetadata read(JsonNode manifest) {
    String kind = manifest.path("kind").asText();
    Class<?> type = KubeStashKinds.byName(kind).orElseThrow().type();
    try {
      return (HasMetadata) JSON.treeToValue(manifest, type);
    } catch (JsonProcessingException e) {
      throw new AssertionError("a valid manifest must read into " + type, e);
    }
  }
}
