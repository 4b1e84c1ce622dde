package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What every fixture builder shares: metadata, phase and conditions, and the way to the typed
 * object. A fixture writes a manifest (a JSON tree) and reads it into the generated class, so
 * {@link #manifest()} and {@link #build()} always describe the same object.
 *
 * <p>Defaults: the given namespace and name, a uid derived from kind, namespace and name (see
 * {@link KubeStashFixtures#uidFor}), creation timestamp {@link #DEFAULT_CREATION_TIMESTAMP}, an
 * empty {@code spec} and no {@code status} until a status field is set. Passing null to a setter
 * removes the field.
 *
 * @param <F> the concrete fixture, returned by every setter
 * @param <T> the kind's generated class
 */
public abstract class ObjectFixture<F extends ObjectFixture<F, T>, T extends CustomResource<?, ?>> {

  /** The creation timestamp of a fixture that does not set one. */
  public static final Instant DEFAULT_CREATION_TIMESTAMP = Instant.parse("2024-01-02T03:04:05Z");

  static final ObjectMapper JSON = new ObjectMapper();

  private final KubeStashKinds.Kind<T> kind;
  private final ObjectNode manifest = JSON.createObjectNode();
  private final ObjectNode metadata;
  private boolean uidSet;

  ObjectFixture(KubeStashKinds.Kind<T> kind, String namespace, String name) {
    this.kind = Objects.requireNonNull(kind, "kind");
    manifest.put("apiVersion", kind.apiVersion());
    manifest.put("kind", kind.kind());
    metadata = manifest.putObject("metadata");
    put(metadata, "name", name);
    put(metadata, "namespace", namespace);
    createdAt(DEFAULT_CREATION_TIMESTAMP);
    manifest.putObject("spec");
  }

  abstract F self();

  /** Sets {@code .metadata.uid}; null means the derived default. */
  public F uid(String uid) {
    uidSet = uid != null;
    put(metadata, "uid", uid);
    return self();
  }

  /** Replaces {@code .metadata.labels}, keeping the map's iteration order. */
  public F labels(Map<String, String> labels) {
    metadata.remove("labels");
    if (labels != null) {
      ObjectNode node = metadata.putObject("labels");
      labels.forEach(node::put);
    }
    return self();
  }

  /** Adds one label to {@code .metadata.labels}. */
  public F label(String key, String value) {
    metadata.withObjectProperty("labels").put(key, value);
    return self();
  }

  /** Sets {@code .metadata.creationTimestamp} in RFC 3339 as the API server writes it. */
  public F createdAt(Instant created) {
    return createdAt(created == null ? null : rfc3339(created));
  }

  /** Sets {@code .metadata.creationTimestamp} to any text, parseable or not; null removes it. */
  public F createdAt(String created) {
    put(metadata, "creationTimestamp", created);
    return self();
  }

  /** Sets {@code .status.phase}, creating the status. */
  public F phase(String phase) {
    put(status(), "phase", phase);
    return self();
  }

  /** Appends a condition of this type and status ({@code True}, {@code False}, {@code Unknown}). */
  public F condition(String type, String status) {
    return condition(type, status, null, null, null);
  }

  /** Appends a condition with every field the KubeStash controllers write. */
  public F condition(
      String type, String status, String reason, String message, Instant lastTransitionTime) {
    ObjectNode condition = status().withArrayProperty("conditions").addObject();
    put(condition, "type", type);
    put(condition, "status", status);
    put(condition, "reason", reason);
    put(condition, "message", message);
    put(
        condition,
        "lastTransitionTime",
        lastTransitionTime == null ? null : rfc3339(lastTransitionTime));
    return self();
  }

  /** Makes {@code .status} present even when no status field is set ({@code status: {}}). */
  public F emptyStatus() {
    status();
    return self();
  }

  /** Changes the manifest directly, for shapes the setters do not offer. */
  public F edit(Consumer<ObjectNode> change) {
    change.accept(manifest);
    return self();
  }

  /** The manifest as a new JSON tree. */
  public ObjectNode manifest() {
    ObjectNode copy = manifest.deepCopy();
    if (!uidSet && metadata.hasNonNull("name")) {
      ObjectNode copyMetadata = (ObjectNode) copy.get("metadata");
      copyMetadata.put(
          "uid",
          KubeStashFixtures.uidFor(
              kind, metadata.path("namespace").asText(null), metadata.path("name").asText()));
    }
    return copy;
  }

  /** The typed object. */
  public T build() {
    try {
      return JSON.treeToValue(manifest(), kind.type());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("fixture does not fit " + kind.kind() + ": " + e, e);
    }
  }

  ObjectNode spec() {
    return (ObjectNode) manifest.get("spec");
  }

  ObjectNode status() {
    return manifest.withObjectProperty("status");
  }

  ArrayNode specArray(String field) {
    return spec().withArrayProperty(field);
  }

  ArrayNode statusArray(String field) {
    return status().withArrayProperty(field);
  }

  static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  static void put(ObjectNode node, String field, String value) {
    if (value == null) {
      node.remove(field);
    } else {
      node.put(field, value);
    }
  }

  static void put(ObjectNode node, String field, Boolean value) {
    if (value == null) {
      node.remove(field);
    } else {
      node.put(field, value);
    }
  }

  static void put(ObjectNode node, String field, Integer value) {
    if (value == null) {
      node.remove(field);
    } else {
      node.put(field, value);
    }
  }

  /** An object reference ({@code apiGroup}, {@code kind}, {@code name}, {@code namespace}). */
  static void putReference(
      ObjectNode parent,
      String field,
      String apiGroup,
      String kind,
      String name,
      String namespace) {
    ObjectNode ref = parent.putObject(field);
    put(ref, "apiGroup", apiGroup);
    put(ref, "kind", kind);
    put(ref, "name", name);
    put(ref, "namespace", namespace);
  }

  static String nameUuid(String text) {
    return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
