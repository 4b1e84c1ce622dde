package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place the engine and the typed model read a field differently: the model declares some
 * integers as 32-bit ({@code Integer}), the language knows only "integer", so an integral value
 * beyond 32 bits is a wrong JSON type for the model and a value for the engine. Per kind, the paths
 * of the model's 32-bit properties, found by Jackson's own introspection of the model classes, so
 * that {@link MetricCatalogue#render(JsonNode)} can send the rare object holding such a value
 * through the typed read, which defines the contract. Immutable.
 */
final class Int32Fields {

  /** Marks "every element of a list" in a path. */
  private static final String EVERY = "[*]";

  private static final String MODEL_PACKAGE = "io.github.kubestashmetrics.model";

  private static final int MAX_DEPTH = 12;

  private final Map<KubeStashKinds.Kind<?>, List<List<String>>> pathsByKind = new HashMap<>();

  /** The 32-bit properties of the six kinds' model classes. */
  static Int32Fields ofModel() {
    Int32Fields fields = new Int32Fields();
    ObjectMapper mapper = new ObjectMapper();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      List<List<String>> paths = new ArrayList<>();
      collect(mapper, mapper.constructType(kind.type()), new ArrayList<>(), new HashSet<>(), paths);
      fields.pathsByKind.put(kind, List.copyOf(paths));
    }
    return fields;
  }

  private static void collect(
      ObjectMapper mapper,
      JavaType type,
      List<String> path,
      Set<Class<?>> open,
      List<List<String>> paths) {
    if (path.size() > MAX_DEPTH || !open.add(type.getRawClass())) {
      return;
    }
    BeanDescription bean = mapper.getDeserializationConfig().introspect(type);
    for (BeanPropertyDefinition property : bean.findProperties()) {
      if (!property.couldDeserialize()) {
        continue;
      }
      JavaType propertyType = property.getPrimaryType();
      List<String> at = new ArrayList<>(path);
      at.add(property.getName());
      while (propertyType.isCollectionLikeType() || propertyType.isArrayType()) {
        propertyType = propertyType.getContentType();
        at.add(EVERY);
      }
      Class<?> raw = propertyType.getRawClass();
      if (raw == Integer.class || raw == int.class) {
        paths.add(List.copyOf(at));
      } else if (raw.getName().startsWith(MODEL_PACKAGE) && !propertyType.isEnumType()) {
        collect(mapper, propertyType, at, open, paths);
      }
    }
    open.remove(type.getRawClass());
  }

  /** The paths found for a kind, for tests: property names, and {@code [*]} for list elements. */
  List<List<String>> pathsOf(KubeStashKinds.Kind<?> kind) {
    return pathsByKind.getOrDefault(kind, List.of());
  }

  /** True when the manifest holds an integral number beyond 32 bits in a 32-bit property. */
  boolean overflowIn(KubeStashKinds.Kind<?> kind, JsonNode manifest) {
    for (List<String> path : pathsOf(kind)) {
      if (overflowAt(manifest, path, 0)) {
        return true;
      }
    }
    return false;
  }

  private static boolean overflowAt(JsonNode node, List<String> path, int step) {
    if (node == null) {
      return false;
    }
    if (step == path.size()) {
      return node.isIntegralNumber() && !node.canConvertToInt();
    }
    String segment = path.get(step);
    if (segment.equals(EVERY)) {
      if (!node.isArray()) {
        return false;
      }
      for (JsonNode element : node) {
        if (overflowAt(element, path, step + 1)) {
          return true;
        }
      }
      return false;
    }
    return node.isObject() && overflowAt(node.get(segment), path, step + 1);
  }
}
