package io.github.kubestashmetrics.exporter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * The fields of a fabric8 model object that its class does not declare: fabric8 reads them into
 * {@code additionalProperties} without complaint, so a mistyped field name ({@code
 * readOnlyRootFileSystem}) parses; this finds it, at any depth.
 */
final class UnknownFields {

  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

  private UnknownFields() {}

  /** Adds to {@code found} the path of every unknown field under {@code object}. */
  static void collect(Object object, String path, List<String> found) {
    if (object == null) {
      return;
    }
    if (object instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collect(list.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    if (object instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        collect(entry.getValue(), path + "." + entry.getKey(), found);
      }
      return;
    }
    if (!object.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Method getter : object.getClass().getMethods()) {
      if (getter.getParameterCount() != 0
          || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get")
          || getter.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(object);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new AssertionError(path + "." + getter.getName(), e);
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(path + "." + k));
        }
      } else {
        collect(value, path + "." + getter.getName().substring(3), found);
      }
    }
  }
}
