package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Strict reads of fields in an object tree, with the rules of Kubernetes' unstructured helpers: a
 * missing key, or a JSON null on the way to the target, is absent; a non-object in the middle of a
 * path is malformed; a typed read of a present value of the wrong JSON type is malformed (integers
 * must be JSON integers, never {@code 3.0} or {@code "3"}).
 */
final class ObjectFields {

  private ObjectFields() {}

  /** A dotted path ({@code spec.topology.mode}) as its keys. */
  static String[] path(String dotted) {
    return dotted.split("\\.");
  }

  /**
   * The value at the path: Java null when absent, a JSON null node when the target itself is null.
   *
   * @throws CalculationException when a value in the middle of the path is not an object
   */
  static JsonNode find(JsonNode root, String... path) {
    JsonNode current = root;
    for (int i = 0; i < path.length; i++) {
      if (current == null || current.isNull()) {
        return null;
      }
      if (!current.isObject()) {
        throw CalculationException.malformed(
            joined(path, i) + " accessor error: " + describe(current) + ", expected an object");
      }
      current = current.get(path[i]);
    }
    return current;
  }

  /** Whether the key at the end of the path is present (a JSON null counts as present). */
  static boolean present(JsonNode root, String... path) {
    return find(root, path) != null;
  }

  /** An integer field: empty when absent; malformed when null or not a JSON integer. */
  static OptionalLong integer(JsonNode root, String... path) {
    JsonNode value = find(root, path);
    if (value == null) {
      return OptionalLong.empty();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return OptionalLong.of(value.longValue());
    }
    return OptionalLong.of(integerValue(value, dotted(path)));
  }

  /** The long of an integer node; malformed for anything else, null included. */
  static long integerValue(JsonNode value, String where) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw CalculationException.malformed(
          where + " accessor error: " + describe(value) + ", expected an integer");
    }
    return value.longValue();
  }

  /** A string field: empty when absent; malformed when null or not a JSON string. */
  static Optional<String> string(JsonNode root, String... path) {
    JsonNode value = find(root, path);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw CalculationException.malformed(
          String.join(".", path) + " accessor error: " + describe(value) + ", expected a string");
    }
    return Optional.of(value.textValue());
  }

  /** A map field: Java null when absent; malformed when null or not a JSON object. */
  static JsonNode map(JsonNode root, String... path) {
    JsonNode value = find(root, path);
    if (value == null) {
      return null;
    }
    return value.isObject() ? value : requireObject(value, dotted(path));
  }

  /** The node itself when it is an object; malformed otherwise (null included). */
  static JsonNode requireObject(JsonNode value, String where) {
    if (!value.isObject()) {
      throw CalculationException.malformed(
          where + " accessor error: " + describe(value) + ", expected an object");
    }
    return value;
  }

  /**
   * A child read as a typed decoder reads it: Java null when the key is missing or null, the child
   * when it is an object, malformed otherwise.
   */
  static JsonNode decodedObject(JsonNode parent, String key, String where) {
    JsonNode value = parent.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw CalculationException.malformed(
          "failed to decode "
              + where
              + "."
              + key
              + ": "
              + describe(value)
              + ", expected an object");
    }
    return value;
  }

  /** A short description of a JSON value for error messages (its type and a bounded text). */
  static String describe(JsonNode value) {
    String text = value.toString();
    if (text.length() > 40) {
      text = text.substring(0, 40) + "…";
    }
    return text + " is " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The keys of a path joined with dots (for error messages). */
  static String dotted(String[] path) {
    return path.length == 1 ? path[0] : String.join(".", path);
  }

  private static String joined(String[] path, int count) {
    return String.join(".", java.util.Arrays.copyOf(path, count + 1));
  }
}
