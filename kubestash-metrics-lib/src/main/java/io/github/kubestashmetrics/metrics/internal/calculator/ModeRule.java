package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/** How a kind answers {@code resource_mode}. */
@FunctionalInterface
interface ModeRule {

  String mode(JsonNode object);

  /** Kubernetes workloads: always {@code ""}. */
  static ModeRule none() {
    return object -> "";
  }

  /** Always the same text. */
  static ModeRule constant(String mode) {
    return object -> mode;
  }

  /**
   * {@code many} when the integer {@code spec.replicas} is greater than 1, else {@code Standalone};
   * a non-integer is malformed.
   */
  static ModeRule replicasAbove1(String many) {
    return object -> {
      OptionalLong replicas = ObjectFields.integer(object, "spec", "replicas");
      return replicas.isPresent() && replicas.getAsLong() > 1 ? many : "Standalone";
    };
  }

  /**
   * {@code spec.mode} when it is a string; else {@code Cluster} when the integer {@code
   * spec.replicas} is greater than 1; else {@code Standalone}. Type errors count as absent.
   */
  static ModeRule modeOrReplicas() {
    return object -> {
      JsonNode mode = lenient(object, "spec", "mode");
      if (mode != null && mode.isTextual()) {
        return mode.textValue();
      }
      JsonNode replicas = lenient(object, "spec", "replicas");
      if (replicas != null && replicas.isIntegralNumber() && replicas.canConvertToLong()) {
        return replicas.longValue() > 1 ? "Cluster" : "Standalone";
      }
      return "Standalone";
    };
  }

  /** The string at the path verbatim, else {@code Standalone}; a non-string is malformed. */
  static ModeRule field(String dotted) {
    String[] path = ObjectFields.path(dotted);
    return object -> ObjectFields.string(object, path).orElse("Standalone");
  }

  /** {@code present} when the value at the path is present and not null, else {@code absent}. */
  static ModeRule presence(String dotted, String present, String absent) {
    String[] path = ObjectFields.path(dotted);
    return object -> {
      JsonNode value = ObjectFields.find(object, path);
      return value != null && !value.isNull() ? present : absent;
    };
  }

  private static JsonNode lenient(JsonNode object, String... path) {
    try {
      return ObjectFields.find(object, path);
    } catch (CalculationException e) {
      return null;
    }
  }
}
