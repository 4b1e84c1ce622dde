package io.github.kubestashmetrics.metrics.internal.value;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * CONTRACT rule 10 for labels: a label value is text, so a label source is never "the wrong type".
 * A string is itself; a boolean {@code true}/{@code false}; a number its JSON text ({@code 0},
 * {@code 3}, {@code 2.5}, as the tree holds it: a parser that read floats as doubles gives Java's
 * shortest text for them); an object or array its compact JSON (no spaces, keys in the order of the
 * source document). Absent and null give null: the label is left out. Sample values keep the strict
 * rule and never come through here.
 */
public final class LabelText {

  private LabelText() {}

  /** The label text of a JSON node; null for a missing node or JSON null. */
  public static String of(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isContainerNode()) {
      return node.toString(); // Jackson writes a tree as compact JSON, fields in insertion order
    }
    return node.asText(); // booleans and numbers: their JSON text
  }

  /**
   * The label text at a path of contract notation below {@code node} ({@code .spec.target.kind};
   * relative paths of array elements start after their {@code [*]}); null when a step is missing or
   * not an object.
   */
  public static String at(JsonNode node, String[] steps) {
    JsonNode current = node;
    for (String step : steps) {
      if (current == null || !current.isObject()) {
        return null;
      }
      current = current.get(step);
    }
    return of(current);
  }

  /** The steps of a field path below its last {@code [*]} (the element's own path). */
  public static String[] stepsOf(String path) {
    int element = path.lastIndexOf("[*]");
    String own = element < 0 ? path : path.substring(element + 3);
    if (own.isEmpty()) {
      return new String[0];
    }
    if (!own.startsWith(".") || own.contains("[")) {
      throw new IllegalArgumentException("not a plain field path: " + path);
    }
    return own.substring(1).split("\\.");
  }
}
