package io.github.kubestashmetrics.metrics.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Label text of a JSON value (CONTRACT rule 10): a string as it is, a boolean as {@code
 * true}/{@code false}, a number as its JSON text, an object or array as compact JSON with keys in
 * document order. Absent, null and the empty string give {@code null}: the label is left out (rule
 * 2). A label source is never "the wrong type".
 */
public final class LabelText {

  private LabelText() {}

  /** The label value of {@code node}, or {@code null} when the label is left out. */
  public static String of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    String text = node.isTextual() ? node.textValue() : node.toString();
    return text.isEmpty() ? null : text;
  }
}
