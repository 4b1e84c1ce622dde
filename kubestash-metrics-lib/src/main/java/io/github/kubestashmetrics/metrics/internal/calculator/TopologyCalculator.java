package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A kind whose topology is a map of roles (Elasticsearch, Kafka, Druid, Solr, Milvus). When the map
 * at {@code topology} is present and not null, every key is a role named after the key, read with
 * {@code roleReader}; the exporter gets the sum of all roles' pods (keys that are not listed roles
 * included, each defaulting to 1); the replica map has an entry for each key whose {@code replicas}
 * is set. Otherwise the kind is combined: the default role from {@code spec} read with {@code
 * combined}, the exporter with the same pods, the replica map {@code spec.replicas} or 1.
 *
 * <p>Only the listed roles count in app, total and replicas; a key that is not listed adds nothing
 * there.
 *
 * @param topology the path of the role map
 * @param roleReader how one role's node (an object under the map's key) is read
 * @param combined how {@code spec} is read in combined mode
 * @param listedRoles the topology roles that are app roles
 * @param exporter whether the kind has an exporter
 * @param topologyTaken when the topology branch may be taken at all (Milvus: only in Distributed
 *     mode); always true for the others
 * @param skipNonObjectRoles whether a key whose value is not an object is skipped (Milvus) rather
 *     than malformed
 * @param mode the mode rule
 * @param tls the TLS rule
 */
record TopologyCalculator(
    String[] topology,
    RoleReader roleReader,
    NodeStyle combined,
    List<String> listedRoles,
    boolean exporter,
    Predicate<JsonNode> topologyTaken,
    boolean skipNonObjectRoles,
    ModeRule mode,
    TlsRule tls)
    implements Calculator {

  /** How a role is read from its node. */
  @FunctionalInterface
  interface RoleReader {
    Role read(JsonNode topology, View view, String key, String where);

    /** The named container of the role's pod template. */
    static RoleReader container(String name) {
      return (topology, view, key, where) -> PodReaders.containerNode(topology, view, name, key);
    }

    /** The role's own {@code resources} (v1alpha2 Elasticsearch and Kafka). */
    static RoleReader flat() {
      return (topology, view, key, where) ->
          PodReaders.flatNode(topology.get(key), view, where + "." + key);
    }
  }

  /**
   * The common form: the branch is taken whenever the map is there; non-object roles are errors.
   */
  static TopologyCalculator of(
      String dottedTopology,
      RoleReader roleReader,
      NodeStyle combined,
      List<String> listedRoles,
      boolean exporter,
      ModeRule mode,
      TlsRule tls) {
    return new TopologyCalculator(
        ObjectFields.path(dottedTopology),
        roleReader,
        combined,
        listedRoles,
        exporter,
        object -> true,
        false,
        mode,
        tls);
  }

  @Override
  public List<String> appRoles() {
    List<String> roles = new ArrayList<>();
    roles.add(Role.DEFAULT);
    roles.addAll(listedRoles);
    return roles;
  }

  @Override
  public List<String> runtimeRoles() {
    List<String> roles = appRoles();
    if (exporter) {
      roles.add(Role.EXPORTER);
    }
    return roles;
  }

  @Override
  public Map<String, Long> replicaMap(JsonNode object) {
    JsonNode map = topologyMap(object);
    Map<String, Long> replicas = new HashMap<>();
    if (map == null) {
      replicas.put(Role.DEFAULT, ObjectFields.integer(object, "spec", "replicas").orElse(1));
      return replicas;
    }
    for (Map.Entry<String, JsonNode> role : map.properties()) {
      if (skipNonObjectRoles && !role.getValue().isObject()) {
        continue;
      }
      if (!role.getValue().isObject()) {
        ObjectFields.requireObject(
            role.getValue(), String.join(".", topology) + "." + role.getKey());
      }
      ObjectFields.integer(role.getValue(), "replicas")
          .ifPresent(n -> replicas.put(role.getKey(), n));
    }
    return replicas;
  }

  @Override
  public Map<String, Role> roles(JsonNode object, View view) {
    ResourceList exporterPerPod = exporter ? PodReaders.exporter(object, view) : null;
    JsonNode map = topologyMap(object);
    Map<String, Role> roles = new HashMap<>();
    long pods;
    if (map == null) {
      Role app = combined.read(object, view, "spec");
      roles.put(Role.DEFAULT, app);
      pods = app.pods();
    } else {
      pods = 0;
      String where = String.join(".", topology);
      Iterator<String> keys = map.fieldNames();
      while (keys.hasNext()) {
        String key = keys.next();
        if (skipNonObjectRoles && !map.get(key).isObject()) {
          continue;
        }
        Role role = roleReader.read(map, view, key, where);
        roles.put(key, role);
        pods = Math.addExact(pods, role.pods());
      }
    }
    if (exporter) {
      roles.put(Role.EXPORTER, new Role(exporterPerPod, pods));
    }
    return roles;
  }

  @Override
  public String mode(JsonNode object) {
    return mode.mode(object);
  }

  @Override
  public boolean usesTls(JsonNode object) {
    return tls.usesTls(object);
  }

  /** The role map when the topology branch is taken, else null; a null map is malformed. */
  private JsonNode topologyMap(JsonNode object) {
    if (!topologyTaken.test(object)) {
      return null;
    }
    return ObjectFields.map(object, topology);
  }
}
