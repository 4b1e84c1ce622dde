package io.github.kubestashmetrics.metrics.internal.calculator;

import static io.github.kubestashmetrics.metrics.internal.calculator.ModeRule.field;
import static io.github.kubestashmetrics.metrics.internal.calculator.ModeRule.modeOrReplicas;
import static io.github.kubestashmetrics.metrics.internal.calculator.ModeRule.presence;
import static io.github.kubestashmetrics.metrics.internal.calculator.ModeRule.replicasAbove1;
import static io.github.kubestashmetrics.metrics.internal.calculator.NodeStyle.container;
import static io.github.kubestashmetrics.metrics.internal.calculator.NodeStyle.podTemplate;

import io.github.kubestashmetrics.metrics.internal.calculator.TopologyCalculator.RoleReader;
import io.github.kubestashmetrics.metrics.internal.calculator.WorkloadCalculator.Pods;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every registered group/version/kind and its calculator: 97 entries (9 Kubernetes workloads, 1
 * Kafka ConnectCluster, 12 {@code kubedb.com/v1}, 31 {@code kubedb.com/v1alpha2}, 24 {@code
 * gitops.kubedb.com/v1alpha1} aliases of those, 1 KubeVault VaultServer and 19 {@code
 * ops.kubedb.com/v1alpha1} OpsRequests). Lookup is exact: case-sensitive, no version fallback.
 * OpsRequests are not in {@link #DATABASES}; their kinds are in {@link #OPS_REQUESTS} and their
 * calculator needs a {@link ReferencedObjects} lookup, so {@link ResourceCalculators} builds it.
 */
final class CalculatorRegistry {

  private static final TlsRule TLS = TlsRule.keyPresent("spec.tls");
  private static final TlsRule ENABLE_SSL = TlsRule.keyPresent("spec.enableSSL");
  private static final TlsRule NO_TLS = TlsRule.none();

  private static final List<String> ELASTICSEARCH_ROLES =
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
          "coordinating");
  private static final List<String> KAFKA_ROLES = List.of("broker", "controller", "combined");

  /** Workloads, ConnectCluster, KubeDB (with gitops aliases) and VaultServer by key. */
  static final Map<String, Calculator> DATABASES = databases();

  /**
   * {@link #DATABASES} by the apiVersion text an object of the kind carries ({@code kubedb.com/v1},
   * {@code v1} for the core group), then by kind: a lookup with the object's own strings, which
   * builds no key. Finds exactly what {@link #DATABASES} finds for those texts, or nothing.
   */
  static final Map<String, Map<String, Calculator>> BY_API_VERSION = byApiVersion();

  /** The OpsRequest kinds of {@code ops.kubedb.com/v1alpha1}. */
  static final List<String> OPS_REQUESTS =
      List.of(
          "DruidOpsRequest",
          "ElasticsearchOpsRequest",
          "KafkaOpsRequest",
          "MariaDBOpsRequest",
          "MemcachedOpsRequest",
          "MongoDBOpsRequest",
          "MSSQLServerOpsRequest",
          "MySQLOpsRequest",
          "PerconaXtraDBOpsRequest",
          "PgBouncerOpsRequest",
          "PgpoolOpsRequest",
          "PostgresOpsRequest",
          "ProxySQLOpsRequest",
          "RabbitMQOpsRequest",
          "RedisOpsRequest",
          "RedisSentinelOpsRequest",
          "SinglestoreOpsRequest",
          "SolrOpsRequest",
          "ZooKeeperOpsRequest");

  static final String OPS_GROUP_VERSION = "ops.kubedb.com/v1alpha1";

  private CalculatorRegistry() {}

  private static Map<String, Map<String, Calculator>> byApiVersion() {
    Map<String, Map<String, Calculator>> byApiVersion = new java.util.HashMap<>();
    String separator = ", Kind=";
    for (Map.Entry<String, Calculator> entry : DATABASES.entrySet()) {
      String key = entry.getKey();
      int at = key.indexOf(separator);
      String groupVersion = key.substring(0, at);
      String apiVersion = groupVersion.startsWith("/") ? groupVersion.substring(1) : groupVersion;
      byApiVersion
          .computeIfAbsent(apiVersion, v -> new java.util.HashMap<>())
          .put(key.substring(at + separator.length()), entry.getValue());
    }
    byApiVersion.replaceAll((apiVersion, kinds) -> Map.copyOf(kinds));
    return Map.copyOf(byApiVersion);
  }

  /** The registry key of a group/version ({@code ""} group for core) and kind. */
  static String key(String group, String version, String kind) {
    return group + "/" + version + ", Kind=" + kind;
  }

  private static Map<String, Calculator> databases() {
    Map<String, Calculator> all = new LinkedHashMap<>();
    workloads(all);
    put(
        all,
        "kafka.kubedb.com",
        "v1alpha1",
        "ConnectCluster",
        single(
            container("connect-cluster"), true, null, replicasAbove1("Distributed"), ENABLE_SSL));
    Map<String, Calculator> v1 = kubedbV1();
    Map<String, Calculator> v1alpha2 = kubedbV1alpha2();
    v1.forEach((kind, calculator) -> put(all, "kubedb.com", "v1", kind, calculator));
    v1alpha2.forEach((kind, calculator) -> put(all, "kubedb.com", "v1alpha2", kind, calculator));
    v1.forEach((kind, calculator) -> put(all, "gitops.kubedb.com", "v1alpha1", kind, calculator));
    for (String kind :
        List.of(
            "Cassandra",
            "ClickHouse",
            "Druid",
            "Hazelcast",
            "Ignite",
            "MSSQLServer",
            "Oracle",
            "Pgpool",
            "RabbitMQ",
            "Singlestore",
            "Solr",
            "ZooKeeper")) {
      put(all, "gitops.kubedb.com", "v1alpha1", kind, v1alpha2.get(kind));
    }
    put(
        all,
        "kubevault.com",
        "v1alpha2",
        "VaultServer",
        new SingleNodeCalculator(
            podTemplate(),
            true,
            null,
            KindExtras.VAULT_RAFT_STORAGE,
            ModeRule.constant("Default"),
            TLS));
    return Map.copyOf(all);
  }

  private static void workloads(Map<String, Calculator> all) {
    String template = "spec.template.spec";
    put(all, "apps", "v1", "Deployment", WorkloadCalculator.at(template, Pods.SPEC_REPLICAS));
    put(all, "apps", "v1", "ReplicaSet", WorkloadCalculator.at(template, Pods.SPEC_REPLICAS));
    put(all, "apps", "v1", "StatefulSet", WorkloadCalculator.at(template, Pods.SPEC_REPLICAS));
    put(all, "apps", "v1", "DaemonSet", WorkloadCalculator.at(template, Pods.ONE_UNCOUNTED));
    put(all, "batch", "v1", "Job", WorkloadCalculator.at(template, Pods.ONE_UNCOUNTED));
    String cronTemplate = "spec.jobTemplate.spec.template.spec";
    put(all, "batch", "v1", "CronJob", WorkloadCalculator.at(cronTemplate, Pods.ONE_UNCOUNTED));
    put(
        all,
        "batch",
        "v1beta1",
        "CronJob",
        WorkloadCalculator.at(cronTemplate, Pods.ONE_UNCOUNTED));
    put(all, "", "v1", "Pod", WorkloadCalculator.at("spec", Pods.ONE));
    put(
        all,
        "",
        "v1",
        "ReplicationController",
        WorkloadCalculator.at(template, Pods.SPEC_REPLICAS));
  }

  private static Map<String, Calculator> kubedbV1() {
    Map<String, Calculator> v1 = new LinkedHashMap<>();
    v1.put(
        "Elasticsearch",
        TopologyCalculator.of(
            "spec.topology",
            RoleReader.container("elasticsearch"),
            container("elasticsearch"),
            ELASTICSEARCH_ROLES,
            true,
            dedicated(),
            ENABLE_SSL));
    v1.put(
        "Kafka",
        TopologyCalculator.of(
            "spec.topology",
            RoleReader.container("kafka"),
            container("kafka"),
            KAFKA_ROLES,
            true,
            dedicated(),
            ENABLE_SSL));
    v1.put(
        "MariaDB",
        single(container("mariadb"), true, "md-coordinator", replicasAbove1("Cluster"), TLS));
    v1.put("Memcached", single(container("memcached"), true, null, replicasAbove1("Cluster"), TLS));
    v1.put("MongoDB", new ShardedKinds.MongoDb(container("mongodb"), "replication-mode-detector"));
    v1.put(
        "MySQL",
        new ClusterKinds.MySql(container("mysql"), container("mysql-router"), "mysql-coordinator"));
    v1.put(
        "PerconaXtraDB",
        single(container("perconaxtradb"), true, "px-coordinator", replicasAbove1("Cluster"), TLS));
    v1.put("PgBouncer", single(container("pgbouncer"), true, null, replicasAbove1("Cluster"), TLS));
    v1.put(
        "Postgres", single(container("postgres"), true, "pg-coordinator", modeOrReplicas(), TLS));
    v1.put("ProxySQL", single(container("proxysql"), true, null, replicasAbove1("Cluster"), TLS));
    v1.put("Redis", new ShardedKinds.Redis(container("redis"), "shards", false, "rd-coordinator"));
    v1.put(
        "RedisSentinel", single(container("redissentinel"), true, null, modeOrReplicas(), NO_TLS));
    return v1;
  }

  private static Map<String, Calculator> kubedbV1alpha2() {
    Map<String, Calculator> a2 = new LinkedHashMap<>();
    a2.put("Cassandra", new ClusterKinds.Cassandra());
    a2.put("ClickHouse", new ShardedKinds.ClickHouse());
    a2.put("DB2", single(container("db2"), true, "db2-coordinator", modeOrReplicas(), TLS));
    a2.put(
        "DocumentDB", single(container("documentdb"), true, "documentdb", modeOrReplicas(), TLS));
    a2.put(
        "Druid",
        TopologyCalculator.of(
            "spec.topology",
            RoleReader.container("druid"),
            container("druid"),
            List.of(
                "coordinators", "brokers", "overlords", "middleManagers", "historicals", "routers"),
            true,
            dedicated(),
            ENABLE_SSL));
    a2.put(
        "Elasticsearch",
        TopologyCalculator.of(
            "spec.topology",
            RoleReader.flat(),
            podTemplate(),
            ELASTICSEARCH_ROLES,
            true,
            dedicated(),
            ENABLE_SSL));
    a2.put(
        "HanaDB",
        new SingleNodeCalculator(
            container("hanadb"),
            true,
            null,
            KindExtras.HANADB_COORDINATOR,
            field("spec.topology.mode"),
            NO_TLS));
    a2.put("Hazelcast", single(container("hazelcast"), true, null, replicasAbove1("Cluster"), TLS));
    a2.put("Ignite", single(container("ignite"), true, null, replicasAbove1("Cluster"), TLS));
    a2.put(
        "Kafka",
        TopologyCalculator.of(
            "spec.topology",
            RoleReader.flat(),
            podTemplate(),
            KAFKA_ROLES,
            true,
            dedicated(),
            ENABLE_SSL));
    a2.put("MariaDB", single(podTemplate(), true, null, replicasAbove1("Cluster"), TLS));
    a2.put("Memcached", single(podTemplate(), true, null, replicasAbove1("Cluster"), TLS));
    a2.put("Milvus", milvus());
    a2.put("MongoDB", new ShardedKinds.MongoDb(podTemplate(), null));
    a2.put(
        "MSSQLServer",
        single(
            container("mssql"),
            true,
            "mssql-coordinator",
            field("spec.topology.mode"),
            TlsRule.isTrue("spec.tls.clientTLS")));
    a2.put("MySQL", new ClusterKinds.MySql(podTemplate(), podTemplate(), null));
    a2.put("Neo4j", single(container("neo4j"), false, null, replicasAbove1("Cluster"), TLS));
    a2.put(
        "Oracle",
        new SingleNodeCalculator(
            container("oracle"),
            false,
            "oracle-coordinator",
            KindExtras.ORACLE_OBSERVER,
            replicasAbove1("Cluster"),
            TLS));
    a2.put("PerconaXtraDB", single(podTemplate(), true, null, replicasAbove1("Cluster"), TLS));
    a2.put("PgBouncer", single(podTemplate(), true, null, replicasAbove1("Cluster"), TLS));
    a2.put("Pgpool", single(container("pgpool"), true, null, replicasAbove1("Cluster"), TLS));
    a2.put("Postgres", single(podTemplate(), true, null, modeOrReplicas(), TLS));
    a2.put("ProxySQL", single(podTemplate(), true, null, replicasAbove1("Cluster"), TLS));
    a2.put("Qdrant", single(container("qdrant"), false, null, field("spec.mode"), TLS));
    a2.put("RabbitMQ", single(container("rabbitmq"), true, null, replicasAbove1("Cluster"), TLS));
    a2.put("Redis", new ShardedKinds.Redis(podTemplate(), "master", true, null));
    a2.put(
        "RedisSentinel", single(podTemplate(), true, null, ModeRule.constant("Cluster"), NO_TLS));
    a2.put("Singlestore", new ClusterKinds.Singlestore());
    a2.put(
        "Solr",
        TopologyCalculator.of(
            "spec.topology",
            RoleReader.container("solr"),
            container("solr"),
            List.of("coordinator", "overseer", "data"),
            true,
            dedicated(),
            ENABLE_SSL));
    a2.put("Weaviate", single(container("weaviate"), false, null, modeOrReplicas(), TLS));
    a2.put(
        "ZooKeeper", single(container("zookeeper"), true, null, replicasAbove1("Ensemble"), TLS));
    return a2;
  }

  /**
   * Milvus: the role map {@code spec.topology.distributed} is used only in {@code
   * spec.topology.mode: Distributed}; its non-object values are skipped; no exporter.
   */
  private static Calculator milvus() {
    ModeRule mode =
        object ->
            "Distributed"
                    .equals(ObjectFields.string(object, "spec", "topology", "mode").orElse(null))
                ? "Distributed"
                : "Standalone";
    return new TopologyCalculator(
        ObjectFields.path("spec.topology.distributed"),
        RoleReader.container("milvus"),
        container("milvus"),
        List.of("datanode", "mixcoord", "querynode", "streamingnode", "proxy"),
        false,
        object -> mode.mode(object).equals("Distributed"),
        true,
        mode,
        TLS);
  }

  private static ModeRule dedicated() {
    return presence("spec.topology", "Dedicated", "Combined");
  }

  private static SingleNodeCalculator single(
      NodeStyle node, boolean exporter, String sidecar, ModeRule mode, TlsRule tls) {
    return new SingleNodeCalculator(node, exporter, sidecar, null, mode, tls);
  }

  private static void put(
      Map<String, Calculator> all, String group, String version, String kind, Calculator c) {
    all.put(key(group, version, kind), c);
  }
}
