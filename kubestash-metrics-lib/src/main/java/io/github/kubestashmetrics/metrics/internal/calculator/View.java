package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The two readings of a container's (or a claim's) {@code resources}: limits, which fall back to
 * requests per resource name, and requests, which never fall back to limits. Every quantity in
 * either map must parse, whichever view reads it (as Kubernetes' decoder requires).
 */
enum View {
  /** Per name: the limit when the key is present (even {@code "0"}), else the request, else 0. */
  LIMITS,
  /** Per name: the request, else 0. */
  REQUESTS;

  private static final String[] NAMES = {"cpu", "memory", "storage"};

  /**
   * The view of a {@code resources} node ({@code {limits: {...}, requests: {...}}}); absent or null
   * is all zero.
   */
  ResourceList of(JsonNode resources, String where) {
    if (resources == null || resources.isNull()) {
      return ResourceList.ZERO;
    }
    ObjectFields.requireObject(resources, where);
    JsonNode limits = ObjectFields.decodedObject(resources, "limits", where);
    JsonNode requests = ObjectFields.decodedObject(resources, "requests", where);
    checkQuantities(limits, where + ".limits");
    checkQuantities(requests, where + ".requests");
    BigDecimal[] amounts = new BigDecimal[NAMES.length];
    for (int i = 0; i < NAMES.length; i++) {
      JsonNode chosen = requests == null ? null : requests.get(NAMES[i]);
      if (this == LIMITS && limits != null && limits.has(NAMES[i])) {
        chosen = limits.get(NAMES[i]);
      }
      amounts[i] = chosen == null ? BigDecimal.ZERO : Quantity.of(chosen, where + "." + NAMES[i]);
    }
    return new ResourceList(amounts[0], amounts[1], amounts[2]);
  }

  private static void checkQuantities(JsonNode list, String where) {
    if (list == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : list.properties()) {
      Quantity.of(entry.getValue(), where + "." + entry.getKey());
    }
  }
}
