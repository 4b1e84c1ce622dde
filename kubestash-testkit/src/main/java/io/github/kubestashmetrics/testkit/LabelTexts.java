package io.github.kubestashmetrics.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Every text a label may carry for a manifest under the contract's rule 10 (a label is text): each
 * scalar of the tree as its JSON text (strings as they are, numbers and booleans as written) and
 * each object and array as its compact JSON. Tests use it to prove that no label value is forged:
 * every value a series carries must be one of these or a constant of the contract.
 */
public final class LabelTexts {

  private LabelTexts() {}

  /** The texts of every node of the tree, in document order; JSON null gives none. */
  public static Set<String> of(JsonNode tree) {
    Set<String> texts = new LinkedHashSet<>();
    collect(tree, texts);
    return texts;
  }

  private static void collect(JsonNode node, Set<String> into) {
    if (node.isContainerNode()) {
      into.add(node.toString()); // Jackson writes a tree as compact JSON, fields in order
      node.forEach(child -> collect(child, into));
    } else if (!node.isNull() && !node.isMissingNode()) {
      into.add(node.asText());
    }
  }
}
