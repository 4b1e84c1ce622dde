package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An object's group, version and kind, read as Kubernetes reads them: a missing or non-string
 * {@code apiVersion} or {@code kind} is {@code ""}; {@code v1} is the core group; an apiVersion
 * with two or more slashes makes the whole triple empty, the kind included.
 *
 * @param group the API group ({@code ""} for core)
 * @param version the version
 * @param kind the kind
 */
record GroupVersionKind(String group, String version, String kind) {

  static GroupVersionKind of(JsonNode object) {
    String apiVersion = text(object.get("apiVersion"));
    String kind = text(object.get("kind"));
    if (apiVersion.isEmpty() || apiVersion.equals("/")) {
      return new GroupVersionKind("", "", kind);
    }
    int slash = apiVersion.indexOf('/');
    if (slash < 0) {
      return new GroupVersionKind("", apiVersion, kind);
    }
    if (apiVersion.indexOf('/', slash + 1) >= 0) {
      return new GroupVersionKind("", "", "");
    }
    return new GroupVersionKind(
        apiVersion.substring(0, slash), apiVersion.substring(slash + 1), kind);
  }

  /** The registry key, which is also upstream's text: {@code kubedb.com/v1, Kind=MySQL}. */
  String key() {
    return CalculatorRegistry.key(group, version, kind);
  }

  private static String text(JsonNode value) {
    return value != null && value.isTextual() ? value.textValue() : "";
  }
}
