package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;

/** How a kind answers {@code resource_uses_tls}. */
@FunctionalInterface
interface TlsRule {

  boolean usesTls(JsonNode object);

  /** No TLS rule: always false. */
  static TlsRule none() {
    return object -> false;
  }

  /** The mere presence of the key, whatever its value ({@code enableSSL: false} is true). */
  static TlsRule keyPresent(String dotted) {
    String[] path = ObjectFields.path(dotted);
    return object -> ObjectFields.present(object, path);
  }

  /** The boolean at the path is {@code true}; absent is false; a non-boolean is malformed. */
  static TlsRule isTrue(String dotted) {
    String[] path = ObjectFields.path(dotted);
    return object -> {
      JsonNode value = ObjectFields.find(object, path);
      if (value == null) {
        return false;
      }
      if (!value.isBoolean()) {
        throw CalculationException.malformed(
            dotted + " accessor error: " + ObjectFields.describe(value) + ", expected a boolean");
      }
      return value.booleanValue();
    };
  }
}
