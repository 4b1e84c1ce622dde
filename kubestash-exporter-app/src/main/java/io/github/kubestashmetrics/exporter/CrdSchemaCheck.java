package io.github.kubestashmetrics.exporter;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.metrics.language.ObjectPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks MetricsConfiguration paths against one version of a CRD's OpenAPI v3 schema: every step
 * must be a property the schema declares (or lie under {@code x-kubernetes-preserve-unknown-fields}
 * or {@code additionalProperties}, where nothing can be checked), {@code [*]} must follow an array,
 * and a metric's {@code field} must have a type its {@code field.type} allows. {@code metadata} is
 * checked against Kubernetes' ObjectMeta, which CRDs never spell out.
 */
final class CrdSchemaCheck {

  /** ObjectMeta fields and their OpenAPI types. */
  private static final Map<String, String> OBJECT_META =
      Map.ofEntries(
          Map.entry("name", "string"),
          Map.entry("namespace", "string"),
          Map.entry("uid", "string"),
          Map.entry("resourceVersion", "string"),
          Map.entry("generateName", "string"),
          Map.entry("creationTimestamp", "string"),
          Map.entry("deletionTimestamp", "string"),
          Map.entry("generation", "integer"),
          Map.entry("deletionGracePeriodSeconds", "integer"),
          Map.entry("labels", "object"),
          Map.entry("annotations", "object"),
          Map.entry("ownerReferences", "array"),
          Map.entry("finalizers", "array"),
          Map.entry("managedFields", "array"));

  private final JsonNode root;
  private final String target;

  private CrdSchemaCheck(JsonNode root, String target) {
    this.root = root;
    this.target = target;
  }

  /** The check for {@code apiVersion}/{@code kind} if this CRD defines it. */
  static Optional<CrdSchemaCheck> of(JsonNode crd, String apiVersion, String kind) {
    JsonNode spec = crd.path("spec");
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    if (!spec.path("group").asText("").equals(group)
        || !spec.path("names").path("kind").asText("").equals(kind)) {
      return Optional.empty();
    }
    for (JsonNode v : spec.path("versions")) {
      if (v.path("name").asText("").equals(version)) {
        JsonNode schema = v.path("schema").path("openAPIV3Schema");
        return schema.isObject()
            ? Optional.of(new CrdSchemaCheck(schema, apiVersion + " " + kind))
            : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Problems of one path; {@code fieldType} is the metric's {@code field.type} when the path is its
   * {@code field.path}, else null (any type).
   */
  List<String> check(String pathText, String fieldType) {
    List<String> problems = new ArrayList<>();
    Optional<ObjectPath> parsed = ObjectPath.parse(pathText).path();
    if (parsed.isEmpty()) {
      return problems; // the engine's own rules report it
    }
    ObjectPath path = parsed.get();
    List<String> steps = new ArrayList<>(path.steps());
    JsonNode node = root;
    boolean unknown = false;
    int i = 0;
    List<String> all = new ArrayList<>(steps);
    if (path.hasElements()) {
      all.add("[*]");
      all.addAll(path.elementSteps());
    }
    String type = typeOf(node);
    for (; i < all.size(); i++) {
      String step = all.get(i);
      if (step.equals("[*]")) {
        if (!"array".equals(type)) {
          problems.add(
              pathText
                  + ": [*] follows a "
                  + type
                  + ", not an array, in the "
                  + target
                  + " schema");
          return problems;
        }
        node = node.path("items");
        type = typeOf(node);
        continue;
      }
      if (i == 0 && step.equals("metadata")) {
        if (all.size() == 1) {
          type = "object";
          continue;
        }
        String field = all.get(1);
        if (!OBJECT_META.containsKey(field)) {
          problems.add(pathText + ": ObjectMeta has no field '" + field + "'");
          return problems;
        }
        type = OBJECT_META.get(field);
        unknown = all.size() > 2; // inside labels/annotations or lists: not checked
        break;
      }
      JsonNode next = node.path("properties").get(step);
      if (next != null) {
        node = next;
        type = typeOf(node);
        continue;
      }
      if (node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
          || node.path("additionalProperties").isObject()
          || node.path("additionalProperties").asBoolean(false)) {
        unknown = true;
        break;
      }
      problems.add(
          pathText
              + ": no field '"
              + step
              + "' at step "
              + (i + 1)
              + " in the "
              + target
              + " schema");
      return problems;
    }
    if (fieldType != null && !unknown) {
      String problem = typeProblem(fieldType, type, node);
      if (problem != null) {
        problems.add(pathText + ": " + problem);
      }
    }
    return problems;
  }

  private static String typeProblem(String fieldType, String type, JsonNode node) {
    boolean intOrString = node.path("x-kubernetes-int-or-string").asBoolean(false);
    switch (fieldType) {
      case "Integer":
        if (intOrString) {
          return "field.type Integer, but the schema allows a string here (int-or-string)";
        }
        return type.equals("integer") || type.equals("number")
            ? null
            : "field.type Integer, but the schema says " + type;
      case "DateTime":
        return type.equals("string") ? null : "field.type DateTime, but the schema says " + type;
      case "String":
        return type.equals("object") || type.equals("array")
            ? "field.type String, but the schema says " + type
            : null;
      case "Array":
        return type.equals("array") ? null : "field.type Array, but the schema says " + type;
      default:
        return null;
    }
  }

  private static String typeOf(JsonNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return "int-or-string";
    }
    String type = schema.path("type").asText("");
    if (type.isEmpty() && schema.has("properties")) {
      return "object";
    }
    return type.isEmpty() ? "any" : type;
  }
}
