package io.github.kubestashmetrics.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads a manifest into its generated class and back, and compares the two JSON trees. */
final class RoundTrip {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();

  /** Numbers compare by value: YAML gives an int where a Long field writes a long. */
  private static final Comparator<JsonNode> NUMERIC_AWARE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private RoundTrip() {}

  static JsonNode readYaml(String text) throws IOException {
    return YAML.readTree(text);
  }

  /** The tree after deserialising {@code input} into {@code type} and serialising it again. */
  static JsonNode through(JsonNode input, Class<?> type) throws IOException {
    Object typed = JSON.treeToValue(input, type);
    return JSON.valueToTree(typed);
  }

  /**
   * Equal apart from null-valued fields, which a typed object does not keep, and an empty {@code
   * metadata} on the output where the input had none: fabric8's {@code CustomResource} always
   * creates one, and to Kubernetes the two are the same object.
   */
  static boolean equalIgnoringNulls(JsonNode expected, JsonNode actual) {
    JsonNode out = withoutNulls(actual.deepCopy());
    if (!expected.has("metadata")
        && out instanceof ObjectNode object
        && object.path("metadata").isObject()
        && object.path("metadata").isEmpty()) {
      object.remove("metadata");
    }
    return withoutNulls(expected.deepCopy()).equals(NUMERIC_AWARE, out);
  }

  static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (field.getValue().isNull()) {
          nulls.add(field.getKey());
        } else {
          withoutNulls(field.getValue());
        }
      }
      object.remove(nulls);
    } else if (node instanceof ArrayNode array) {
      array.forEach(RoundTrip::withoutNulls);
    }
    return node;
  }
}
