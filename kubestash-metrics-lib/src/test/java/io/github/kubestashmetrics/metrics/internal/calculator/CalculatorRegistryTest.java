package io.github.kubestashmetrics.metrics.internal.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exactly the 97 group/version/kinds of the specification are registered, and no others. */
class CalculatorRegistryTest {

  private static final List<String> KUBEDB_V1 =
      List.of(
          "Elasticsearch",
          "Kafka",
          "MariaDB",
          "Memcached",
          "MongoDB",
          "MySQL",
          "PerconaXtraDB",
          "PgBouncer",
          "Postgres",
          "ProxySQL",
          "Redis",
          "RedisSentinel");
  private static final List<String> KUBEDB_V1ALPHA2 =
      List.of(
          "Cassandra",
          "ClickHouse",
          "DB2",
          "DocumentDB",
          "Druid",
          "Elasticsearch",
          "HanaDB",
          "Hazelcast",
          "Ignite",
          "Kafka",
          "MariaDB",
          "Memcached",
          "Milvus",
          "MongoDB",
          "MSSQLServer",
          "MySQL",
          "Neo4j",
          "Oracle",
          "PerconaXtraDB",
          "PgBouncer",
          "Pgpool",
          "Postgres",
          "ProxySQL",
          "Qdrant",
          "RabbitMQ",
          "Redis",
          "RedisSentinel",
          "Singlestore",
          "Solr",
          "Weaviate",
          "ZooKeeper");
  static final List<String> GITOPS_FROM_V1ALPHA2 =
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
          "ZooKeeper");
  private static final List<String> OPS =
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

  /** {@code apiVersion kind} of every GVK the specification registers. */
  static List<String> specified() {
    List<String> all = new ArrayList<>();
    for (String kind : List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet")) {
      all.add("apps/v1 " + kind);
    }
    all.add("batch/v1 Job");
    all.add("batch/v1 CronJob");
    all.add("batch/v1beta1 CronJob");
    all.add("v1 Pod");
    all.add("v1 ReplicationController");
    all.add("kafka.kubedb.com/v1alpha1 ConnectCluster");
    KUBEDB_V1.forEach(k -> all.add("kubedb.com/v1 " + k));
    KUBEDB_V1.forEach(k -> all.add("gitops.kubedb.com/v1alpha1 " + k));
    KUBEDB_V1ALPHA2.forEach(k -> all.add("kubedb.com/v1alpha2 " + k));
    GITOPS_FROM_V1ALPHA2.forEach(k -> all.add("gitops.kubedb.com/v1alpha1 " + k));
    all.add("kubevault.com/v1alpha2 VaultServer");
    OPS.forEach(k -> all.add("ops.kubedb.com/v1alpha1 " + k));
    return all;
  }

  static Stream<String> unregistered() {
    return Stream.of(
        "v1 PersistentVolume",
        "ops.kubedb.com/v1alpha1 ClickHouseOpsRequest",
        "ops.kubevault.com/v1alpha1 VaultOpsRequest",
        "catalog.kubedb.com/v1alpha1 MySQLVersion",
        "schema.kubedb.com/v1alpha1 MySQLDatabase",
        "stash.appscode.com/v1beta1 BackupConfiguration",
        "core.kubestash.com/v1alpha1 BackupConfiguration",
        "gitops.kubedb.com/v1alpha1 DB2",
        "gitops.kubedb.com/v1alpha1 DocumentDB",
        "gitops.kubedb.com/v1alpha1 Neo4j",
        "gitops.kubedb.com/v1alpha1 Milvus",
        "gitops.kubedb.com/v1alpha1 Qdrant",
        "gitops.kubedb.com/v1alpha1 Weaviate",
        "gitops.kubedb.com/v1alpha1 HanaDB",
        "kubedb.com/v1alpha2 FerretDB",
        "kubedb.com/v1 Ignite",
        "kubedb.com/v1 mysql",
        "kubedb.com/V1 MySQL",
        "apps/v1beta1 Deployment",
        "core/v1 Pod",
        "kubedb.com/v1/x MySQL");
  }

  @Test
  void emptyApiVersionAndKindAreNotRegisteredButALeadingSlashIsTheCoreGroup() {
    assertThat(ResourceCalculators.registered("", "")).isFalse();
    assertThat(ResourceCalculators.registered("/", "Pod")).isFalse();
    assertThat(ResourceCalculators.registered("/v1", "Pod"))
        .as("Kubernetes reads /v1 as v1")
        .isTrue();
  }

  @Test
  void theSpecificationListsNinetySevenDistinctKinds() {
    assertThat(new TreeSet<>(specified())).hasSize(97);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specified")
  void specifiedKindIsRegistered(String gvk) {
    String[] parts = gvk.split(" ");
    assertThat(ResourceCalculators.registered(parts[0], parts[1])).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unregistered")
  void unlistedKindIsNotRegistered(String gvk) {
    String[] parts = gvk.split(" ", -1);
    assertThat(ResourceCalculators.registered(parts[0], parts[1])).isFalse();
  }

  @Test
  void theRegistryHoldsNothingBeyondTheSpecification() {
    Set<String> registered = new TreeSet<>(CalculatorRegistry.DATABASES.keySet());
    CalculatorRegistry.OPS_REQUESTS.forEach(
        k -> registered.add(CalculatorRegistry.key("ops.kubedb.com", "v1alpha1", k)));
    Set<String> expected = new TreeSet<>();
    for (String gvk : specified()) {
      String[] parts = gvk.split(" ");
      String[] gv = parts[0].split("/");
      expected.add(
          gv.length == 1
              ? CalculatorRegistry.key("", gv[0], parts[1])
              : CalculatorRegistry.key(gv[0], gv[1], parts[1]));
    }
    assertThat(registered).isEqualTo(expected);
  }
}
