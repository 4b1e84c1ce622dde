package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one calculator of every {@code ops.kubedb.com/v1alpha1} OpsRequest. Each function first
 * builds the scaled object: the database object the OpsRequest names (embedded at {@code
 * spec.databaseRef}/{@code spec.proxyRef} with its apiVersion, kind and metadata, or else found
 * through {@link ReferencedObjects} by the reference's {@code name}), deep-copied, with the values
 * of the OpsRequest's scaling type written over it ({@link OpsScalingMappings}). The scaled object
 * is then dispatched by its own apiVersion and kind to a database calculator, whose replica map,
 * roles, mode and TLS answer. The sums use this calculator's own roles: app is the default role
 * only, runtime the default role and the exporter (so topology, shard and sidecar roles drop out).
 *
 * <p>Never modifies the OpsRequest or the looked-up object.
 */
final class OpsRequestCalculator implements Calculator {

  private static final List<String> APP = List.of(Role.DEFAULT);
  private static final List<String> RUNTIME = List.of(Role.DEFAULT, Role.EXPORTER);

  private final ReferencedObjects lookup;

  /** With a lookup, or null for none (then only embedded objects resolve). */
  OpsRequestCalculator(ReferencedObjects lookup) {
    this.lookup = lookup;
  }

  /** The scaled database object and its calculator. */
  record Scaled(JsonNode object, Calculator calculator) {}

  @Override
  public List<String> appRoles() {
    return APP;
  }

  @Override
  public List<String> runtimeRoles() {
    return RUNTIME;
  }

  @Override
  public Map<String, Long> replicaMap(JsonNode object) {
    Scaled scaled = scale(object);
    return scaled.calculator().replicaMap(scaled.object());
  }

  @Override
  public Map<String, Role> roles(JsonNode object, View view) {
    Scaled scaled = scale(object);
    return scaled.calculator().roles(scaled.object(), view);
  }

  @Override
  public String mode(JsonNode object) {
    Scaled scaled = scale(object);
    return scaled.calculator().mode(scaled.object());
  }

  @Override
  public boolean usesTls(JsonNode object) {
    Scaled scaled = scale(object);
    return scaled.calculator().usesTls(scaled.object());
  }

  /** The scaled object of an OpsRequest and the database calculator it dispatches to. */
  Scaled scale(JsonNode ops) {
    GroupVersionKind opsKind = GroupVersionKind.of(ops);
    OpsScalingMappings.Mapping mapping = OpsScalingMappings.BY_KIND.get(opsKind.kind());
    if (mapping == null) {
      throw new CalculationException(
          CalculatorError.NO_CALCULATOR, "no calculator registered for " + opsKind.key());
    }
    ObjectNode database = referencedObject(ops, opsKind, mapping.reference());
    JsonNode type = lenientFind(ops, "spec", "type");
    if (type == null || !type.isTextual()) {
      throw CalculationException.malformed("scaling type not found");
    }
    for (OpsScalingMappings.Pair pair : mapping.forType(type.textValue())) {
      JsonNode value = ObjectFields.find(ops, ObjectFields.path(pair.opsPath()));
      if (value != null) {
        set(database, ObjectFields.path(pair.dbPath()), value.deepCopy());
      }
    }
    GroupVersionKind databaseKind = GroupVersionKind.of(database);
    Calculator calculator = CalculatorRegistry.DATABASES.get(databaseKind.key());
    if (calculator == null) {
      throw new CalculationException(
          CalculatorError.NO_CALCULATOR, "no calculator registered for " + databaseKind.key());
    }
    return new Scaled(database, calculator);
  }

  private ObjectNode referencedObject(JsonNode ops, GroupVersionKind opsKind, String reference) {
    JsonNode ref = lenientFind(ops, ObjectFields.path(reference));
    if (ref == null || !ref.isObject()) {
      throw unavailable("referenced object not found: " + reference + " is missing");
    }
    if (ref.has("apiVersion") && ref.has("kind") && ref.has("metadata")) {
      return ref.deepCopy();
    }
    JsonNode name = ref.get("name");
    if (name == null || !name.isTextual()) {
      throw unavailable("referenced object not found: " + reference + " has no name");
    }
    String group =
        opsKind.group().startsWith("ops.") ? opsKind.group().substring(4) : opsKind.group();
    String kind = opsKind.kind().substring(0, opsKind.kind().length() - "OpsRequest".length());
    String version =
        CalculatorRegistry.DATABASES.containsKey(CalculatorRegistry.key(group, "v1", kind))
            ? "v1"
            : "v1alpha2";
    JsonNode namespace = lenientFind(ops, "metadata", "namespace");
    String ns = namespace != null && namespace.isTextual() ? namespace.textValue() : "";
    String apiVersion = group + "/" + version;
    if (lookup == null) {
      throw unavailable(
          "referenced object not found: "
              + apiVersion
              + " "
              + kind
              + " "
              + ns
              + "/"
              + name.textValue()
              + " (no lookup of other objects)");
    }
    Optional<JsonNode> found = lookup.find(apiVersion, kind, ns, name.textValue());
    if (found == null || found.isEmpty() || !found.get().isObject()) {
      throw unavailable(
          "referenced object not found: "
              + apiVersion
              + " "
              + kind
              + " "
              + ns
              + "/"
              + name.textValue());
    }
    return found.get().deepCopy();
  }

  /**
   * Writes the value at the path, creating missing objects; a non-object on the way is malformed.
   */
  private static void set(ObjectNode root, String[] path, JsonNode value) {
    ObjectNode current = root;
    for (int i = 0; i < path.length - 1; i++) {
      JsonNode child = current.get(path[i]);
      if (child == null) {
        current = current.putObject(path[i]);
      } else if (child.isObject()) {
        current = (ObjectNode) child;
      } else {
        throw CalculationException.malformed(
            "value cannot be set because "
                + String.join(".", java.util.Arrays.copyOf(path, i + 1))
                + " is not an object");
      }
    }
    current.set(path[path.length - 1], value);
  }

  private static JsonNode lenientFind(JsonNode root, String... path) {
    try {
      return ObjectFields.find(root, path);
    } catch (CalculationException e) {
      return null;
    }
  }

  private static CalculationException unavailable(String message) {
    return new CalculationException(CalculatorError.REFERENCED_OBJECT_UNAVAILABLE, message);
  }
}
