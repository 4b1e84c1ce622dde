package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a manifest tree into a model object without letting one badly-typed field cost the whole
 * object: such a field becomes null and its path (contract notation, array indices as {@code [*]})
 * is recorded, so that only the families reading it are dropped.
 *
 * <p>Two layers: a {@link DeserializationProblemHandler} covers the common mismatches (a map or
 * list where a scalar belongs, text that is no number or boolean, a scalar where an object or list
 * belongs) in a single pass; anything Jackson still rejects is removed from a copy of the tree at
 * the path the exception names, and reading is retried a bounded number of times.
 */
final class LenientReader {

  /** Per-read set of wrong-type paths, passed to the handler as a reader attribute. */
  private static final Object WRONG_TYPE_PATHS = LenientReader.class;

  private static final int MAX_RETRIES = 32;

  private final ObjectMapper mapper =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // 7.5 for an integer is a wrong type, not 7.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .addHandler(new WrongTypeHandler())
          .build();

  /** A model object (null when even the bounded retries could not read it) and its bad paths. */
  record Result<T>(T object, Set<String> wrongTypePaths) {}

  <T> Result<T> read(JsonNode manifest, Class<T> type) {
    Set<String> wrongTypePaths = new LinkedHashSet<>();
    JsonNode tree = manifest;
    boolean copied = false;
    for (int attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      try {
        T object =
            mapper.readerFor(type).withAttribute(WRONG_TYPE_PATHS, wrongTypePaths).readValue(tree);
        return new Result<>(object, Set.copyOf(wrongTypePaths));
      } catch (JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
          break;
        }
        if (!copied) {
          tree = tree.deepCopy();
          copied = true;
        }
        if (!remove(tree, path)) {
          break;
        }
        wrongTypePaths.add(pathOf(path));
      } catch (IOException e) {
        break;
      }
    }
    return new Result<>(null, Set.copyOf(wrongTypePaths));
  }

  /** The JSON tree of any model object, e.g. a GenericKubernetesResource. */
  JsonNode toTree(Object object) {
    return mapper.valueToTree(object);
  }

  /**
   * The JSON tree of a generic resource, equal to {@link #toTree}'s, built by walking its parsed
   * maps and lists (only {@code metadata} is serialised): an informer's object becomes a tree
   * without a second pass over its content.
   */
  JsonNode treeOf(GenericKubernetesResource resource) {
    JsonNodeFactory nodes = mapper.getNodeFactory();
    ObjectNode tree = nodes.objectNode();
    if (resource.getApiVersion() != null) {
      tree.put("apiVersion", resource.getApiVersion());
    }
    if (resource.getKind() != null) {
      tree.put("kind", resource.getKind());
    }
    if (resource.getMetadata() != null) {
      tree.set("metadata", mapper.valueToTree(resource.getMetadata()));
    }
    Map<String, Object> properties = resource.getAdditionalProperties();
    if (properties != null) {
      for (Map.Entry<String, Object> property : properties.entrySet()) {
        tree.set(property.getKey(), nodeOf(nodes, property.getValue()));
      }
    }
    return tree;
  }

  /**
   * A value of a parsed JSON document (maps, lists, strings, numbers, booleans, null) as a node.
   */
  private JsonNode nodeOf(JsonNodeFactory nodes, Object value) {
    if (value == null) {
      return nodes.nullNode();
    }
    if (value instanceof String text) {
      return nodes.textNode(text);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = nodes.objectNode();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          return mapper.valueToTree(value);
        }
        object.set(key, nodeOf(nodes, entry.getValue()));
      }
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = nodes.arrayNode(list.size());
      for (Object element : list) {
        array.add(nodeOf(nodes, element));
      }
      return array;
    }
    if (value instanceof Boolean bool) {
      return nodes.booleanNode(bool);
    }
    if (value instanceof Integer number) {
      return nodes.numberNode(number);
    }
    if (value instanceof Long number) {
      return nodes.numberNode(number);
    }
    if (value instanceof Double number) {
      return nodes.numberNode(number);
    }
    return mapper.valueToTree(value); // anything else exactly as serialising would give it
  }

  private static boolean remove(JsonNode tree, List<JsonMappingException.Reference> path) {
    JsonNode parent = tree;
    for (int i = 0; i < path.size() - 1 && parent != null; i++) {
      parent = step(parent, path.get(i));
    }
    JsonMappingException.Reference last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode && last.getFieldName() != null) {
      return ((ObjectNode) parent).remove(last.getFieldName()) != null;
    }
    if (parent instanceof ArrayNode && last.getIndex() >= 0 && last.getIndex() < parent.size()) {
      ((ArrayNode) parent).set(last.getIndex(), (JsonNode) null);
      return true;
    }
    return false;
  }

  private static JsonNode step(JsonNode node, JsonMappingException.Reference reference) {
    return reference.getFieldName() != null
        ? node.get(reference.getFieldName())
        : node.get(reference.getIndex());
  }

  private static String pathOf(List<JsonMappingException.Reference> path) {
    StringBuilder text = new StringBuilder();
    for (JsonMappingException.Reference reference : path) {
      if (reference.getFieldName() != null) {
        text.append('.').append(reference.getFieldName());
      } else {
        text.append("[*]");
      }
    }
    return text.toString();
  }

  /** The contract-notation path of the value the parser is at. */
  static String pathOf(JsonParser parser) {
    JsonStreamContext context = parser.getParsingContext();
    JsonToken token = parser.currentToken();
    if (context != null && (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)) {
      // At a container's start the context is already the container's own.
      context = context.getParent();
    }
    List<String> segments = new ArrayList<>();
    for (; context != null && !context.inRoot(); context = context.getParent()) {
      segments.add(context.inArray() ? "[*]" : "." + context.getCurrentName());
    }
    StringBuilder text = new StringBuilder();
    for (int i = segments.size() - 1; i >= 0; i--) {
      text.append(segments.get(i));
    }
    return text.toString();
  }

  /** Turns a badly-typed value into null, skipping its content, and records where it was. */
  private static final class WrongTypeHandler extends DeserializationProblemHandler {

    private static Object skip(DeserializationContext context, JsonParser parser)
        throws IOException {
      remember(context, parser);
      parser.skipChildren();
      return null;
    }

    private static void remember(DeserializationContext context, JsonParser parser) {
      Object paths = context.getAttribute(WRONG_TYPE_PATHS);
      if (paths instanceof Set) {
        @SuppressWarnings("unchecked")
        Set<String> set = (Set<String>) paths;
        set.add(pathOf(parser));
      }
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext context,
        JavaType targetType,
        JsonToken token,
        JsonParser parser,
        String failureMessage)
        throws IOException {
      return skip(context, parser);
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext context,
        Class<?> targetType,
        String valueToConvert,
        String failureMessage) {
      remember(context, context.getParser());
      return null;
    }

    @Override
    public Object handleWeirdNumberValue(
        DeserializationContext context,
        Class<?> targetType,
        Number valueToConvert,
        String failureMessage) {
      remember(context, context.getParser());
      return null;
    }

    @Override
    public Object handleWeirdNativeValue(
        DeserializationContext context, JavaType targetType, Object valueToConvert, JsonParser p) {
      remember(context, p);
      return null;
    }

    @Override
    public Object handleMissingInstantiator(
        DeserializationContext context,
        Class<?> instClass,
        ValueInstantiator valueInsts,
        JsonParser parser,
        String msg)
        throws IOException {
      return skip(context, parser);
    }
  }
}
