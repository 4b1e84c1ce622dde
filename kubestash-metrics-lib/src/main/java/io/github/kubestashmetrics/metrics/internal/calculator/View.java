package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The two readings of a container's (or a claim's) {@code resources}: limits, which fall back to
 * requests per resource name, and requests, which never fall back to limits. Every quantity in
 * either map must parse, whichever view reads it (as Kubernetes' decoder requires); the first that
 * does not (limits before requests, in map order) is the error.
 *
 * <p>Each quantity is parsed once per reading, and the text naming where a value was found is built
 * only when the reading fails.
 */
enum View {
  /** Per name: the limit when the key is present (even {@code "0"}), else the request, else 0. */
  LIMITS,
  /** Per name: the request, else 0. */
  REQUESTS;

  private static final int CPU = 0;
  private static final int MEMORY = 1;
  private static final int STORAGE = 2;

  /**
   * The view of a {@code resources} node ({@code {limits: {...}, requests: {...}}}); absent or null
   * is all zero.
   */
  ResourceList of(JsonNode resources, String where) {
    return of(resources, where, "", "");
  }

  /**
   * As {@link #of(JsonNode, String)}, where the node was found being {@code where + middle +
   * suffix} (joined only for an error message).
   */
  ResourceList of(JsonNode resources, String where, String middle, String suffix) {
    if (resources == null || resources.isNull()) {
      return ResourceList.ZERO;
    }
    if (!resources.isObject()) {
      ObjectFields.requireObject(resources, where + middle + suffix);
    }
    JsonNode limits = decoded(resources, "limits", where, middle, suffix);
    JsonNode requests = decoded(resources, "requests", where, middle, suffix);
    BigDecimal[] fromLimits = parsed(limits, where, middle, suffix, ".limits.");
    BigDecimal[] fromRequests = parsed(requests, where, middle, suffix, ".requests.");
    BigDecimal[] amounts = new BigDecimal[3];
    for (int i = 0; i < amounts.length; i++) {
      BigDecimal chosen = fromRequests == null ? null : fromRequests[i];
      if (this == LIMITS && fromLimits != null && fromLimits[i] != null) {
        chosen = fromLimits[i];
      }
      amounts[i] = chosen == null ? BigDecimal.ZERO : chosen;
    }
    return new ResourceList(amounts[CPU], amounts[MEMORY], amounts[STORAGE]);
  }

  private static JsonNode decoded(
      JsonNode resources, String key, String where, String middle, String suffix) {
    JsonNode value = resources.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isObject()
        ? value
        : ObjectFields.decodedObject(resources, key, where + middle + suffix);
  }

  /**
   * Parses every quantity of a list (so a malformed one fails whichever name it has) and returns
   * cpu, memory and storage (null where the key is absent, zero where its value is JSON null), or
   * null for an absent list.
   */
  private static BigDecimal[] parsed(
      JsonNode list, String where, String middle, String suffix, String part) {
    if (list == null) {
      return null;
    }
    BigDecimal[] named = new BigDecimal[3];
    for (Map.Entry<String, JsonNode> entry : list.properties()) {
      BigDecimal value = Quantity.valueOrNull(entry.getValue());
      if (value == null) {
        throw Quantity.malformed(entry.getValue(), where + middle + suffix + part + entry.getKey());
      }
      int index = indexOf(entry.getKey());
      if (index >= 0) {
        named[index] = value;
      }
    }
    return named;
  }

  private static int indexOf(String name) {
    switch (name) {
      case "cpu":
        return CPU;
      case "memory":
        return MEMORY;
      case "storage":
        return STORAGE;
      default:
        return -1;
    }
  }
}
