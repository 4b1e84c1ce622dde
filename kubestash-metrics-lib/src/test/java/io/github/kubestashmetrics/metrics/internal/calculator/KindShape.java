package io.github.kubestashmetrics.metrics.internal.calculator;

import java.util.List;
import java.util.Map;

/**
 * What the object generator must know about a registered kind to write a well-formed object of it:
 * the containers its pod templates hold (the first is the app container; none for kinds that read
 * the pod-level resources), its topology shape and its mode values.
 *
 * @param containers container names the kind's readers look for, app container first
 * @param topology the topology shape
 * @param modes values written to the kind's mode field (empty: none)
 */
record KindShape(List<String> containers, Topology topology, List<String> modes) {

  /** The topology shapes of the registered kinds. */
  enum Topology {
    /** Kubernetes workload at {@code spec.template.spec}, pods from {@code spec.replicas}. */
    WORKLOAD,
    /** Workload with a fixed pod count (DaemonSet, Job): replicas are not read. */
    WORKLOAD_FIXED,
    /** CronJob: {@code spec.jobTemplate.spec.template.spec}. */
    CRONJOB,
    /** Pod: {@code spec}. */
    POD,
    /** One node on {@code spec}. */
    SINGLE,
    /** Role map at {@code spec.topology}: Elasticsearch. */
    ELASTICSEARCH,
    /** Role map at {@code spec.topology}: Kafka. */
    KAFKA,
    /** Role map at {@code spec.topology}: Druid. */
    DRUID,
    /** Role map at {@code spec.topology}: Solr. */
    SOLR,
    /** Role map at {@code spec.topology.distributed}: Milvus. */
    MILVUS,
    /** {@code spec.shardTopology}. */
    MONGODB,
    /** {@code spec.mode: Cluster} with {@code spec.cluster.shards} (v1). */
    REDIS_SHARDS,
    /** {@code spec.mode: Cluster} with {@code spec.cluster.master} (v1alpha2). */
    REDIS_MASTER,
    /** {@code spec.topology.mode: InnoDBCluster} with a router. */
    MYSQL,
    /** {@code spec.topology.aggregator/leaf}. */
    SINGLESTORE,
    /** {@code spec.topology.rack[]}. */
    CASSANDRA,
    /** {@code spec.clusterTopology.cluster}. */
    CLICKHOUSE,
    /** An OpsRequest embedding a database object. */
    OPS
  }

  /** The roles of each role-map topology, plus one key no kind lists. */
  static final Map<Topology, List<String>> ROLE_MAPS =
      Map.of(
          Topology.ELASTICSEARCH,
              List.of(
                  "master",
                  "ingest",
                  "data",
                  "dataContent",
                  "dataHot",
                  "dataWarm",
                  "dataCold",
                  "dataFrozen",
                  "ml",
                  "transform",
                  "coordinating",
                  "unlisted"),
          Topology.KAFKA, List.of("broker", "controller", "combined", "unlisted"),
          Topology.DRUID,
              List.of(
                  "coordinators",
                  "brokers",
                  "overlords",
                  "middleManagers",
                  "historicals",
                  "routers",
                  "unlisted"),
          Topology.SOLR, List.of("coordinator", "overseer", "data", "unlisted"),
          Topology.MILVUS,
              List.of("datanode", "mixcoord", "querynode", "streamingnode", "proxy", "unlisted"));

  /** The app container, or null when the kind reads pod-level resources. */
  String app() {
    return containers.isEmpty() ? null : containers.get(0);
  }

  static KindShape of(Topology topology, String... containers) {
    return new KindShape(List.of(containers), topology, List.of());
  }

  KindShape withModes(String... values) {
    return new KindShape(containers, topology, List.of(values));
  }
}
