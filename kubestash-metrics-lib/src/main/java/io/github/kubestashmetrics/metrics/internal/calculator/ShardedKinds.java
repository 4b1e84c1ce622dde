package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The kinds whose pods are counted as shards times replicas: MongoDB, Redis and ClickHouse. */
final class ShardedKinds {

  private ShardedKinds() {}

  /**
   * MongoDB. Sharded (a non-null {@code spec.shardTopology}): roles {@code total_shard} (the shard
   * node times {@code shards}, absent 0), {@code config_server} and {@code mongos}; the exporter
   * over all of them; for v1 the {@code replication-mode-detector} sidecar of the shard template
   * over shards and config servers. The replica map reads the raw fields (absent 0), while the
   * resource side defaults each node's replicas to 1. Otherwise the default role on {@code spec},
   * the exporter, and for v1 the sidecar when there is more than one pod.
   *
   * @param node how nodes are read (v1: container {@code mongodb}; v1alpha2: pod template)
   * @param sidecar the v1 sidecar container, or null for v1alpha2
   */
  record MongoDb(NodeStyle node, String sidecar) implements Calculator {

    private static final String TOTAL_SHARD = "total_shard";
    private static final String CONFIG_SERVER = "config_server";
    private static final String MONGOS = "mongos";
    private static final List<String> APP =
        List.of(Role.DEFAULT, TOTAL_SHARD, CONFIG_SERVER, MONGOS);

    @Override
    public List<String> appRoles() {
      return APP;
    }

    @Override
    public List<String> runtimeRoles() {
      return sidecar == null
          ? List.of(Role.DEFAULT, TOTAL_SHARD, CONFIG_SERVER, MONGOS, Role.EXPORTER)
          : List.of(Role.DEFAULT, TOTAL_SHARD, CONFIG_SERVER, MONGOS, Role.SIDECAR, Role.EXPORTER);
    }

    @Override
    public Map<String, Long> replicaMap(JsonNode object) {
      JsonNode shardTopology = ObjectFields.map(object, "spec", "shardTopology");
      if (shardTopology == null) {
        return Map.of(Role.DEFAULT, ObjectFields.integer(object, "spec", "replicas").orElse(1));
      }
      long shards = ObjectFields.integer(shardTopology, "shard", "shards").orElse(0);
      long shardReplicas = ObjectFields.integer(shardTopology, "shard", "replicas").orElse(0);
      return Map.of(
          TOTAL_SHARD, Math.multiplyExact(shards, shardReplicas),
          CONFIG_SERVER, ObjectFields.integer(shardTopology, "configServer", "replicas").orElse(0),
          MONGOS, ObjectFields.integer(shardTopology, "mongos", "replicas").orElse(0));
    }

    @Override
    public Map<String, Role> roles(JsonNode object, View view) {
      ResourceList exporter = PodReaders.exporter(object, view);
      JsonNode shardTopology = ObjectFields.map(object, "spec", "shardTopology");
      Map<String, Role> roles = new HashMap<>();
      if (shardTopology != null) {
        long shards = ObjectFields.integer(shardTopology, "shard", "shards").orElse(0);
        Role shard = node.read(shardTopology, view, "shard");
        Role configServer = node.read(shardTopology, view, "configServer");
        Role mongos = node.read(shardTopology, view, "mongos");
        long shardPods = Math.multiplyExact(shards, shard.pods());
        roles.put(TOTAL_SHARD, new Role(shard.perPod(), shardPods));
        roles.put(CONFIG_SERVER, configServer);
        roles.put(MONGOS, mongos);
        if (sidecar != null) {
          ResourceList detector = PodReaders.sidecar(shardTopology, view, sidecar, "shard");
          roles.put(
              Role.SIDECAR, new Role(detector, Math.addExact(shardPods, configServer.pods())));
        }
        roles.put(
            Role.EXPORTER,
            new Role(
                exporter,
                Math.addExact(Math.addExact(shardPods, configServer.pods()), mongos.pods())));
        return roles;
      }
      Role app = node.read(object, view, "spec");
      roles.put(Role.DEFAULT, app);
      roles.put(Role.EXPORTER, new Role(exporter, app.pods()));
      if (sidecar != null && app.pods() > 1) {
        roles.put(
            Role.SIDECAR, new Role(PodReaders.sidecar(object, view, sidecar, "spec"), app.pods()));
      }
      return roles;
    }

    @Override
    public String mode(JsonNode object) {
      if (ObjectFields.map(object, "spec", "shardTopology") != null) {
        return "Sharded";
      }
      return ObjectFields.map(object, "spec", "replicaSet") != null ? "ReplicaSet" : "Standalone";
    }

    @Override
    public boolean usesTls(JsonNode object) {
      return ObjectFields.present(object, "spec", "tls");
    }
  }

  /**
   * Redis. In {@code spec.mode: Cluster} the pods are {@code spec.cluster.<shards> × replicas} (v1:
   * {@code shards}, both in the replica map and for resources; v1alpha2: {@code master} in the
   * replica map, but {@code master × (replicas + 1)} for resources); otherwise the node's replicas.
   * The exporter has the same pods; v1 adds the {@code rd-coordinator} sidecar in Sentinel mode.
   *
   * @param node how {@code spec} is read
   * @param shardsField {@code shards} (v1) or {@code master} (v1alpha2)
   * @param primaryPerShard whether each shard has one more pod than {@code replicas} (v1alpha2)
   * @param sidecar the Sentinel-mode sidecar container, or null
   */
  record Redis(NodeStyle node, String shardsField, boolean primaryPerShard, String sidecar)
      implements Calculator {

    @Override
    public List<String> appRoles() {
      return List.of(Role.DEFAULT);
    }

    @Override
    public List<String> runtimeRoles() {
      return sidecar == null
          ? List.of(Role.DEFAULT, Role.EXPORTER)
          : List.of(Role.DEFAULT, Role.SIDECAR, Role.EXPORTER);
    }

    @Override
    public Map<String, Long> replicaMap(JsonNode object) {
      if ("Cluster".equals(ObjectFields.string(object, "spec", "mode").orElse(null))) {
        return Map.of(Role.DEFAULT, Math.multiplyExact(shards(object), shardReplicas(object)));
      }
      return Map.of(Role.DEFAULT, ObjectFields.integer(object, "spec", "replicas").orElse(1));
    }

    @Override
    public Map<String, Role> roles(JsonNode object, View view) {
      ResourceList exporter = PodReaders.exporter(object, view);
      Role app = node.read(object, view, "spec");
      String mode = ObjectFields.string(object, "spec", "mode").orElse(null);
      long pods = app.pods();
      if ("Cluster".equals(mode)) {
        pods =
            Math.multiplyExact(
                shards(object), Math.addExact(shardReplicas(object), primaryPerShard ? 1 : 0));
      }
      Map<String, Role> roles = new HashMap<>();
      roles.put(Role.DEFAULT, new Role(app.perPod(), pods));
      roles.put(Role.EXPORTER, new Role(exporter, pods));
      if (sidecar != null && "Sentinel".equals(mode)) {
        roles.put(Role.SIDECAR, new Role(PodReaders.sidecar(object, view, sidecar, "spec"), pods));
      }
      return roles;
    }

    @Override
    public String mode(JsonNode object) {
      return ObjectFields.string(object, "spec", "mode").orElse("Standalone");
    }

    @Override
    public boolean usesTls(JsonNode object) {
      return ObjectFields.present(object, "spec", "tls");
    }

    private long shards(JsonNode object) {
      return ObjectFields.integer(object, "spec", "cluster", shardsField).orElse(0);
    }

    private static long shardReplicas(JsonNode object) {
      return ObjectFields.integer(object, "spec", "cluster", "replicas").orElse(0);
    }
  }

  /**
   * ClickHouse (v1alpha2). With {@code spec.clusterTopology}: role {@code total_shard}, the {@code
   * clickhouse} container of {@code clusterTopology.cluster} times its replicas times its {@code
   * shards} (replica map: the raw fields, absent 0); a missing or non-object {@code cluster} is
   * malformed. Otherwise the default role on {@code spec}. No exporter, no TLS rule; the keeper is
   * not counted.
   */
  record ClickHouse() implements Calculator {

    private static final String TOTAL_SHARD = "total_shard";
    private static final NodeStyle NODE = NodeStyle.container("clickhouse");

    @Override
    public List<String> appRoles() {
      return List.of(Role.DEFAULT, TOTAL_SHARD);
    }

    @Override
    public List<String> runtimeRoles() {
      return appRoles();
    }

    @Override
    public Map<String, Long> replicaMap(JsonNode object) {
      JsonNode topology = ObjectFields.map(object, "spec", "clusterTopology");
      if (topology == null) {
        return Map.of(Role.DEFAULT, ObjectFields.integer(object, "spec", "replicas").orElse(1));
      }
      JsonNode cluster = cluster(topology);
      long replicas = ObjectFields.integer(cluster, "replicas").orElse(0);
      return Map.of(
          TOTAL_SHARD,
          Math.multiplyExact(replicas, ObjectFields.integer(cluster, "shards").orElse(0)));
    }

    @Override
    public Map<String, Role> roles(JsonNode object, View view) {
      JsonNode topology = ObjectFields.map(object, "spec", "clusterTopology");
      if (topology == null) {
        return Map.of(Role.DEFAULT, NODE.read(object, view, "spec"));
      }
      JsonNode cluster = cluster(topology);
      Role node = NODE.read(topology, view, "cluster");
      long shards = ObjectFields.integer(cluster, "shards").orElse(0);
      return Map.of(TOTAL_SHARD, new Role(node.perPod(), Math.multiplyExact(node.pods(), shards)));
    }

    @Override
    public String mode(JsonNode object) {
      return ModeRule.presence("spec.clusterTopology", "Cluster", "Standalone").mode(object);
    }

    @Override
    public boolean usesTls(JsonNode object) {
      return false;
    }

    private static JsonNode cluster(JsonNode topology) {
      JsonNode cluster = topology.get("cluster");
      if (cluster == null) {
        throw CalculationException.malformed("spec.clusterTopology.cluster is missing");
      }
      return ObjectFields.requireObject(cluster, "spec.clusterTopology.cluster");
    }
  }
}
