package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * How an OpsRequest finds the database object it names in {@code spec.databaseRef} (or {@code
 * spec.proxyRef}) when the object is not embedded there: for a {@code ops.kubedb.com/v1alpha1
 * MySQLOpsRequest} in namespace {@code demo} naming {@code my}, the lookup is asked for {@code
 * ("kubedb.com/v1", "MySQL", "demo", "my")} — the group without {@code ops.}, the kind without
 * {@code OpsRequest}, and the version the registry prefers for that kind ({@code v1} where a {@code
 * v1} calculator exists, else {@code v1alpha2}). An implementation answers from what it already
 * holds (an informer cache); it must not block.
 */
@FunctionalInterface
public interface ReferencedObjects {

  /**
   * The object, as a JSON tree with its own apiVersion and kind, or empty when it is not known.
   *
   * @param apiVersion group/version of the object
   * @param kind its kind
   * @param namespace the OpsRequest's namespace (empty text for none)
   * @param name the referenced name
   * @return the object or empty
   */
  Optional<JsonNode> find(String apiVersion, String kind, String namespace, String name);
}
