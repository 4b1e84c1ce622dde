package io.github.kubestashmetrics.metrics.internal.calculator;

import static io.github.kubestashmetrics.metrics.internal.calculator.KindShape.Topology.*;

import java.util.HashMap;
import java.util.Map;

/** The {@link KindShape} of every registered kind, by {@code apiVersion kind}. */
final class KindShapes {

  private KindShapes() {}

  static final Map<String, KindShape> BY_GVK = shapes();

  /** The database kind of an OpsRequest kind, with the version its object is written in. */
  static String opsTarget(String opsKind) {
    String kind = opsKind.substring(0, opsKind.length() - "OpsRequest".length());
    return ResourceCalculators.registered("kubedb.com/v1", kind)
        ? "kubedb.com/v1 " + kind
        : "kubedb.com/v1alpha2 " + kind;
  }

  private static Map<String, KindShape> shapes() {
    Map<String, KindShape> v1 = new HashMap<>();
    v1.put("Elasticsearch", KindShape.of(ELASTICSEARCH, "elasticsearch"));
    v1.put("Kafka", KindShape.of(KAFKA, "kafka"));
    v1.put("MariaDB", KindShape.of(SINGLE, "mariadb", "md-coordinator"));
    v1.put("Memcached", KindShape.of(SINGLE, "memcached"));
    v1.put("MongoDB", KindShape.of(MONGODB, "mongodb", "replication-mode-detector"));
    v1.put("MySQL", KindShape.of(MYSQL, "mysql", "mysql-coordinator", "mysql-router"));
    v1.put("PerconaXtraDB", KindShape.of(SINGLE, "perconaxtradb", "px-coordinator"));
    v1.put("PgBouncer", KindShape.of(SINGLE, "pgbouncer"));
    v1.put(
        "Postgres",
        KindShape.of(SINGLE, "postgres", "pg-coordinator")
            .withModes("Standalone", "Cluster", "RemoteReplica"));
    v1.put("ProxySQL", KindShape.of(SINGLE, "proxysql"));
    v1.put("Redis", KindShape.of(REDIS_SHARDS, "redis", "rd-coordinator"));
    v1.put(
        "RedisSentinel", KindShape.of(SINGLE, "redissentinel").withModes("Cluster", "Standalone"));
    Map<String, KindShape> a2 = new HashMap<>();
    a2.put("Cassandra", KindShape.of(CASSANDRA, "cassandra"));
    a2.put("ClickHouse", KindShape.of(CLICKHOUSE, "clickhouse"));
    a2.put(
        "DB2", KindShape.of(SINGLE, "db2", "db2-coordinator").withModes("Standalone", "Cluster"));
    a2.put("DocumentDB", KindShape.of(SINGLE, "documentdb").withModes("Standalone", "Cluster"));
    a2.put("Druid", KindShape.of(DRUID, "druid"));
    a2.put("Elasticsearch", KindShape.of(ELASTICSEARCH));
    a2.put(
        "HanaDB",
        KindShape.of(SINGLE, "hanadb", "hanadb-coordinator")
            .withModes("Standalone", "SystemReplication"));
    a2.put("Hazelcast", KindShape.of(SINGLE, "hazelcast"));
    a2.put("Ignite", KindShape.of(SINGLE, "ignite"));
    a2.put("Kafka", KindShape.of(KAFKA));
    a2.put("MariaDB", KindShape.of(SINGLE));
    a2.put("Memcached", KindShape.of(SINGLE));
    a2.put("Milvus", KindShape.of(MILVUS, "milvus"));
    a2.put("MongoDB", KindShape.of(MONGODB));
    a2.put(
        "MSSQLServer",
        KindShape.of(SINGLE, "mssql", "mssql-coordinator")
            .withModes("AvailabilityGroup", "DistributedAG"));
    a2.put("MySQL", KindShape.of(MYSQL));
    a2.put("Neo4j", KindShape.of(SINGLE, "neo4j"));
    a2.put("Oracle", KindShape.of(SINGLE, "oracle", "oracle-coordinator", "observer"));
    a2.put("PerconaXtraDB", KindShape.of(SINGLE));
    a2.put("PgBouncer", KindShape.of(SINGLE));
    a2.put("Pgpool", KindShape.of(SINGLE, "pgpool"));
    a2.put("Postgres", KindShape.of(SINGLE).withModes("Standalone", "Cluster"));
    a2.put("ProxySQL", KindShape.of(SINGLE));
    a2.put("Qdrant", KindShape.of(SINGLE, "qdrant").withModes("Standalone", "Distributed"));
    a2.put("RabbitMQ", KindShape.of(SINGLE, "rabbitmq"));
    a2.put("Redis", KindShape.of(REDIS_MASTER));
    a2.put("RedisSentinel", KindShape.of(SINGLE));
    a2.put("Singlestore", KindShape.of(SINGLESTORE, "singlestore", "singlestore-coordinator"));
    a2.put("Solr", KindShape.of(SOLR, "solr"));
    a2.put("Weaviate", KindShape.of(SINGLE, "weaviate").withModes("Standalone", "Cluster"));
    a2.put("ZooKeeper", KindShape.of(SINGLE, "zookeeper"));

    Map<String, KindShape> all = new HashMap<>();
    for (String kind : new String[] {"Deployment", "ReplicaSet", "StatefulSet"}) {
      all.put("apps/v1 " + kind, KindShape.of(WORKLOAD));
    }
    all.put("v1 ReplicationController", KindShape.of(WORKLOAD));
    all.put("apps/v1 DaemonSet", KindShape.of(WORKLOAD_FIXED));
    all.put("batch/v1 Job", KindShape.of(WORKLOAD_FIXED));
    all.put("batch/v1 CronJob", KindShape.of(CRONJOB));
    all.put("batch/v1beta1 CronJob", KindShape.of(CRONJOB));
    all.put("v1 Pod", KindShape.of(POD));
    all.put("kafka.kubedb.com/v1alpha1 ConnectCluster", KindShape.of(SINGLE, "connect-cluster"));
    all.put("kubevault.com/v1alpha2 VaultServer", KindShape.of(SINGLE));
    v1.forEach((k, s) -> all.put("kubedb.com/v1 " + k, s));
    v1.forEach((k, s) -> all.put("gitops.kubedb.com/v1alpha1 " + k, s));
    a2.forEach((k, s) -> all.put("kubedb.com/v1alpha2 " + k, s));
    for (String k : CalculatorRegistryTest.GITOPS_FROM_V1ALPHA2) {
      all.put("gitops.kubedb.com/v1alpha1 " + k, a2.get(k));
    }
    for (String k : CalculatorRegistry.OPS_REQUESTS) {
      all.put("ops.kubedb.com/v1alpha1 " + k, KindShape.of(OPS));
    }
    return Map.copyOf(all);
  }
}
