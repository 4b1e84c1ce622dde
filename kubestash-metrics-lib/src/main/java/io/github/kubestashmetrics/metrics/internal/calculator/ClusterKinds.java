package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Kinds with a fixed set of named cluster roles: MySQL, Singlestore and Cassandra. */
final class ClusterKinds {

  private ClusterKinds() {}

  /**
   * MySQL. The default role on {@code spec} with the exporter, for v1 the {@code mysql-coordinator}
   * sidecar when there is more than one pod, and in {@code spec.topology.mode: InnoDBCluster} the
   * role {@code router} ({@code spec.topology.innoDBCluster.router}; replica map {@code replicas}
   * or 1). Mode: {@code spec.topology.mode} or Standalone.
   *
   * @param node how {@code spec} is read
   * @param router how the router node is read
   * @param sidecar the v1 coordinator container, or null
   */
  record MySql(NodeStyle node, NodeStyle router, String sidecar) implements Calculator {

    private static final String ROUTER = "router";

    @Override
    public List<String> appRoles() {
      return List.of(Role.DEFAULT, ROUTER);
    }

    @Override
    public List<String> runtimeRoles() {
      return sidecar == null
          ? List.of(Role.DEFAULT, ROUTER, Role.EXPORTER)
          : List.of(Role.DEFAULT, ROUTER, Role.SIDECAR, Role.EXPORTER);
    }

    @Override
    public Map<String, Long> replicaMap(JsonNode object) {
      Map<String, Long> map = new HashMap<>();
      map.put(Role.DEFAULT, ObjectFields.integer(object, "spec", "replicas").orElse(1));
      if (innoDb(object)) {
        map.put(
            ROUTER,
            ObjectFields.integer(object, "spec", "topology", "innoDBCluster", "router", "replicas")
                .orElse(1));
      }
      return map;
    }

    @Override
    public Map<String, Role> roles(JsonNode object, View view) {
      Map<String, Role> roles = new HashMap<>();
      Role app = node.read(object, view, "spec");
      roles.put(Role.DEFAULT, app);
      roles.put(Role.EXPORTER, new Role(PodReaders.exporter(object, view), app.pods()));
      if (sidecar != null && app.pods() > 1) {
        roles.put(
            Role.SIDECAR, new Role(PodReaders.sidecar(object, view, sidecar, "spec"), app.pods()));
      }
      if (innoDb(object)) {
        roles.put(ROUTER, router.read(object, view, "spec", "topology", "innoDBCluster", "router"));
      }
      return roles;
    }

    @Override
    public String mode(JsonNode object) {
      return ObjectFields.string(object, "spec", "topology", "mode").orElse("Standalone");
    }

    @Override
    public boolean usesTls(JsonNode object) {
      return ObjectFields.present(object, "spec", "tls");
    }

    private static boolean innoDb(JsonNode object) {
      return "InnoDBCluster"
          .equals(ObjectFields.string(object, "spec", "topology", "mode").orElse(null));
    }
  }

  /**
   * Singlestore (v1alpha2). With {@code spec.topology}: roles {@code aggregator} and {@code leaf}
   * (container {@code singlestore}), their {@code singlestore-coordinator} sidecars with the same
   * pods, and the exporter over both; the replica map has each topology key's {@code replicas}.
   * Otherwise the default role on {@code spec} with the exporter.
   */
  record Singlestore() implements Calculator {

    private static final String AGGREGATOR = "aggregator";
    private static final String LEAF = "leaf";
    private static final String AGGREGATOR_SIDECAR = "aggregator_sidecar";
    private static final String LEAF_SIDECAR = "leaf_sidecar";
    private static final String CONTAINER = "singlestore";
    private static final String SIDECAR = "singlestore-coordinator";
    private static final NodeStyle NODE = NodeStyle.container(CONTAINER);

    @Override
    public List<String> appRoles() {
      return List.of(Role.DEFAULT, AGGREGATOR, LEAF);
    }

    @Override
    public List<String> runtimeRoles() {
      return List.of(
          Role.DEFAULT, AGGREGATOR, LEAF, AGGREGATOR_SIDECAR, LEAF_SIDECAR, Role.EXPORTER);
    }

    @Override
    public Map<String, Long> replicaMap(JsonNode object) {
      JsonNode topology = ObjectFields.map(object, "spec", "topology");
      if (topology == null) {
        return Map.of(Role.DEFAULT, ObjectFields.integer(object, "spec", "replicas").orElse(1));
      }
      Map<String, Long> map = new HashMap<>();
      topology
          .properties()
          .forEach(
              role -> {
                ObjectFields.requireObject(role.getValue(), "spec.topology." + role.getKey());
                ObjectFields.integer(role.getValue(), "replicas")
                    .ifPresent(n -> map.put(role.getKey(), n));
              });
      return map;
    }

    @Override
    public Map<String, Role> roles(JsonNode object, View view) {
      ResourceList exporter = PodReaders.exporter(object, view);
      JsonNode topology = ObjectFields.map(object, "spec", "topology");
      Map<String, Role> roles = new HashMap<>();
      if (topology == null) {
        Role app = NODE.read(object, view, "spec");
        roles.put(Role.DEFAULT, app);
        roles.put(Role.EXPORTER, new Role(exporter, app.pods()));
        return roles;
      }
      Role aggregator = NODE.read(topology, view, AGGREGATOR);
      Role leaf = NODE.read(topology, view, LEAF);
      roles.put(AGGREGATOR, aggregator);
      roles.put(LEAF, leaf);
      roles.put(
          AGGREGATOR_SIDECAR,
          new Role(PodReaders.sidecar(topology, view, SIDECAR, AGGREGATOR), aggregator.pods()));
      roles.put(
          LEAF_SIDECAR, new Role(PodReaders.sidecar(topology, view, SIDECAR, LEAF), leaf.pods()));
      roles.put(Role.EXPORTER, new Role(exporter, Math.addExact(aggregator.pods(), leaf.pods())));
      return roles;
    }

    @Override
    public String mode(JsonNode object) {
      return ModeRule.presence("spec.topology", "Dedicated", "Combined").mode(object);
    }

    @Override
    public boolean usesTls(JsonNode object) {
      return ObjectFields.present(object, "spec", "tls");
    }
  }

  /**
   * Cassandra (v1alpha2). With {@code spec.topology}: the pods are the sum of the racks' {@code
   * replicas} (replica map: absent 0; resources: absent 1), and the per-pod resources are those of
   * the first rack only (container {@code cassandra}). Otherwise the default role on {@code spec}.
   * The exporter has the same pods.
   */
  record Cassandra() implements Calculator {

    private static final NodeStyle NODE = NodeStyle.container("cassandra");

    @Override
    public List<String> appRoles() {
      return List.of(Role.DEFAULT);
    }

    @Override
    public List<String> runtimeRoles() {
      return List.of(Role.DEFAULT, Role.EXPORTER);
    }

    @Override
    public Map<String, Long> replicaMap(JsonNode object) {
      JsonNode topology = ObjectFields.map(object, "spec", "topology");
      if (topology == null) {
        return Map.of(Role.DEFAULT, ObjectFields.integer(object, "spec", "replicas").orElse(1));
      }
      long sum = 0;
      for (JsonNode rack : racks(topology)) {
        sum = Math.addExact(sum, ObjectFields.integer(rack, "replicas").orElse(0));
      }
      return Map.of(Role.DEFAULT, sum);
    }

    @Override
    public Map<String, Role> roles(JsonNode object, View view) {
      ResourceList exporter = PodReaders.exporter(object, view);
      JsonNode topology = ObjectFields.map(object, "spec", "topology");
      Role app;
      if (topology == null) {
        app = NODE.read(object, view, "spec");
      } else {
        long pods = 0;
        ResourceList first = ResourceList.ZERO;
        boolean isFirst = true;
        for (JsonNode rack : racks(topology)) {
          Role role = NODE.read(rack, view);
          pods = Math.addExact(pods, role.pods());
          if (isFirst) {
            first = role.perPod();
            isFirst = false;
          }
        }
        app = new Role(first, pods);
      }
      return Map.of(Role.DEFAULT, app, Role.EXPORTER, new Role(exporter, app.pods()));
    }

    @Override
    public String mode(JsonNode object) {
      return ModeRule.presence("spec.topology", "Cluster", "Standalone").mode(object);
    }

    @Override
    public boolean usesTls(JsonNode object) {
      return ObjectFields.present(object, "spec", "tls");
    }

    /** The rack list: absent is empty; null, a non-list or a non-object rack is malformed. */
    private static List<JsonNode> racks(JsonNode topology) {
      JsonNode racks = topology.get("rack");
      if (racks == null) {
        return List.of();
      }
      if (!racks.isArray()) {
        throw CalculationException.malformed(
            "spec.topology.rack accessor error: "
                + ObjectFields.describe(racks)
                + ", expected a list");
      }
      List<JsonNode> result = new java.util.ArrayList<>();
      for (JsonNode rack : racks) {
        result.add(ObjectFields.requireObject(rack, "spec.topology.rack[]"));
      }
      return result;
    }
  }
}
