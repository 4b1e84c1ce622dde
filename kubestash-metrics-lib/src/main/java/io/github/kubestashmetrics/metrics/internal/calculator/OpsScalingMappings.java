package io.github.kubestashmetrics.metrics.internal.calculator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * For each OpsRequest kind, where its reference to the database is, and for each scaling type which
 * OpsRequest field is written to which database field. Paths are written short in the table: the
 * OpsRequest side is relative to {@code spec.horizontalScaling}, {@code spec.verticalScaling} or
 * {@code spec.volumeExpansion}; on the database side {@code …} is {@code
 * storage.resources.requests.storage} and {@code ~} is {@code podTemplate.spec.resources}.
 * Upstream's oddities are kept: Druid's {@code overloads} role, Druid storage under {@code
 * podTemplate.spec}, and {@code spec.coordinator.resources}, which no calculator reads.
 */
final class OpsScalingMappings {

  /** One mapping pair, both paths full and dotted. */
  record Pair(String opsPath, String dbPath) {}

  /**
   * One OpsRequest kind's mappings.
   *
   * @param reference the path of the database reference
   * @param horizontal pairs for {@code HorizontalScaling}
   * @param vertical pairs for {@code VerticalScaling}
   * @param volume pairs for {@code VolumeExpansion}
   */
  record Mapping(String reference, List<Pair> horizontal, List<Pair> vertical, List<Pair> volume) {

    /** The pairs of a scaling type; empty for any other type. */
    List<Pair> forType(String type) {
      switch (type) {
        case "HorizontalScaling":
          return horizontal;
        case "VerticalScaling":
          return vertical;
        case "VolumeExpansion":
          return volume;
        default:
          return List.of();
      }
    }
  }

  private static final String DATABASE_REF = "spec.databaseRef";
  private static final List<String> ES_ROLES =
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
  private static final List<String> DRUID_ROLES =
      List.of("coordinators", "overloads", "middleManagers", "historicals", "brokers", "routers");

  /** By OpsRequest kind. */
  static final Map<String, Mapping> BY_KIND =
      Map.ofEntries(
          Map.entry(
              "DruidOpsRequest",
              mapping(
                  DATABASE_REF,
                  each(DRUID_ROLES, "topology.%s=spec.topology.%s.replicas"),
                  each(DRUID_ROLES, "topology.%s=spec.topology.%s.~"),
                  each(
                      List.of("middleManagers", "historicals"),
                      "topology.%s=spec.topology.%s.podTemplate.spec.…"))),
          Map.entry(
              "ElasticsearchOpsRequest",
              mapping(
                  DATABASE_REF,
                  join(
                      pairs("node=spec.replicas"),
                      each(ES_ROLES, "topology.%s=spec.topology.%s.replicas")),
                  join(
                      pairs("node=spec.~", "exporter=spec.monitor.prometheus.exporter.resources"),
                      each(ES_ROLES, "topology.%s=spec.topology.%s.resources")),
                  join(pairs("node=spec.…"), each(ES_ROLES, "topology.%s=spec.topology.%s.…")))),
          Map.entry(
              "KafkaOpsRequest",
              mapping(
                  DATABASE_REF,
                  join(
                      pairs("node=spec.replicas"),
                      each(
                          List.of("broker", "controller"),
                          "topology.%s=spec.topology.%s.replicas")),
                  join(
                      pairs("node=spec.~"),
                      each(
                          List.of("broker", "controller"),
                          "topology.%s=spec.topology.%s.resources")),
                  join(
                      pairs("node=spec.…"),
                      each(List.of("broker", "controller"), "topology.%s=spec.topology.%s.…")))),
          Map.entry("MariaDBOpsRequest", none()),
          Map.entry("MemcachedOpsRequest", none()),
          Map.entry("PgBouncerOpsRequest", none()),
          Map.entry(
              "MongoDBOpsRequest",
              mapping(
                  DATABASE_REF,
                  pairs(
                      "shard.shards=spec.shardTopology.shard.shards",
                      "shard.replicas=spec.shardTopology.shard.replicas",
                      "configServer.replicas=spec.shardTopology.configServer.replicas",
                      "mongos.replicas=spec.shardTopology.mongos.replicas",
                      "hidden.replicas=spec.hidden.replicas",
                      "replicas=spec.replicas"),
                  pairs(
                      "standalone=spec.~",
                      "replicaSet=spec.~",
                      "mongos=spec.shardTopology.mongos.~",
                      "configServer=spec.shardTopology.configServer.~",
                      "shard=spec.shardTopology.shard.~",
                      "arbiter=spec.arbiter.~",
                      "hidden=spec.hidden.~",
                      "exporter=spec.monitor.prometheus.exporter.resources"),
                  pairs(
                      "standalone=spec.…",
                      "replicaSet=spec.…",
                      "configServer=spec.shardTopology.configServer.…",
                      "shard=spec.shardTopology.shard.…",
                      "hidden=spec.hidden.…"))),
          Map.entry("MSSQLServerOpsRequest", databaseWithCoordinator("replicas", "mssqlserver")),
          Map.entry("MySQLOpsRequest", databaseWithCoordinator("member", "mysql")),
          Map.entry("PerconaXtraDBOpsRequest", databaseWithCoordinator("member", "perconaxtradb")),
          Map.entry(
              "PostgresOpsRequest",
              mapping(
                  DATABASE_REF,
                  pairs(
                      "replicas=spec.replicas",
                      "standbyMode=spec.standbyMode",
                      "streamingMode=spec.streamingMode"),
                  coordinated("postgres"),
                  pairs("postgres=spec.…"))),
          Map.entry(
              "RedisOpsRequest",
              mapping(
                  DATABASE_REF,
                  pairs("master=spec.cluster.master", "replicas=spec.cluster.replicas"),
                  coordinated("redis"),
                  pairs("redis=spec.…"))),
          Map.entry(
              "RedisSentinelOpsRequest", databaseWithCoordinator("replicas", "redissentinel")),
          Map.entry(
              "ProxySQLOpsRequest",
              mapping(
                  "spec.proxyRef",
                  pairs("member=spec.replicas"),
                  pairs("proxysql=spec.~"),
                  List.of())),
          Map.entry(
              "PgpoolOpsRequest",
              mapping(DATABASE_REF, pairs("node=spec.replicas"), pairs("node=spec.~"), List.of())),
          Map.entry(
              "RabbitMQOpsRequest",
              mapping(
                  DATABASE_REF,
                  pairs("node=spec.replicas"),
                  pairs("node=spec.~"),
                  pairs("node=spec.…"))),
          Map.entry(
              "ZooKeeperOpsRequest",
              mapping(
                  DATABASE_REF,
                  pairs("replicas=spec.replicas"),
                  pairs("node=spec.~"),
                  pairs("node=spec.…"))),
          Map.entry(
              "SinglestoreOpsRequest",
              mapping(
                  DATABASE_REF,
                  each(List.of("aggregator", "leaf"), "%s=spec.topology.%s.replicas"),
                  join(
                      pairs("node=spec.~", "coordinator=spec.coordinator.resources"),
                      each(List.of("aggregator", "leaf"), "%s=spec.topology.%s.~")),
                  join(
                      pairs("node=spec.…"),
                      each(List.of("aggregator", "leaf"), "%s=spec.topology.%s.…")))),
          Map.entry(
              "SolrOpsRequest",
              mapping(
                  DATABASE_REF,
                  join(
                      pairs("node=spec.replicas"),
                      each(
                          List.of("data", "overseer", "coordinator"),
                          "%s=spec.topology.%s.replicas")),
                  join(
                      pairs("node=spec.~"),
                      each(List.of("data", "overseer", "coordinator"), "%s=spec.topology.%s.~")),
                  join(
                      pairs("node=spec.…"),
                      each(List.of("data", "overseer", "coordinator"), "%s=spec.topology.%s.…")))));

  private OpsScalingMappings() {}

  private static Mapping none() {
    return mapping(DATABASE_REF, List.of(), List.of(), List.of());
  }

  /**
   * Horizontal {@code <replicas>=spec.replicas}; vertical db, exporter and coordinator; volume db.
   */
  private static Mapping databaseWithCoordinator(String replicas, String database) {
    return mapping(
        DATABASE_REF,
        pairs(replicas + "=spec.replicas"),
        coordinated(database),
        pairs(database + "=spec.…"));
  }

  private static List<String> coordinated(String database) {
    return List.of(
        database + "=spec.~",
        "exporter=spec.monitor.prometheus.exporter.resources",
        "coordinator=spec.coordinator.resources");
  }

  /** A mapping from the short texts of the table ({@code opsSuffix=dbPath}). */
  private static Mapping mapping(
      String reference, List<String> horizontal, List<String> vertical, List<String> volume) {
    return new Mapping(
        reference,
        expand("spec.horizontalScaling.", horizontal),
        expand("spec.verticalScaling.", vertical),
        expand("spec.volumeExpansion.", volume));
  }

  private static List<Pair> expand(String opsPrefix, List<String> texts) {
    List<Pair> result = new ArrayList<>();
    for (String text : texts) {
      int equals = text.indexOf('=');
      String db =
          text.substring(equals + 1)
              .replace("…", "storage.resources.requests.storage")
              .replace("~", "podTemplate.spec.resources");
      result.add(new Pair(opsPrefix + text.substring(0, equals), db));
    }
    return List.copyOf(result);
  }

  /** One pattern with {@code %s} (twice) for each role. */
  private static List<String> each(List<String> roles, String pattern) {
    List<String> result = new ArrayList<>();
    for (String role : roles) {
      result.add(String.format(java.util.Locale.ROOT, pattern, role, role));
    }
    return result;
  }

  private static List<String> pairs(String... texts) {
    return List.of(texts);
  }

  @SafeVarargs
  private static List<String> join(List<String>... lists) {
    List<String> result = new ArrayList<>();
    for (List<String> list : lists) {
      result.addAll(list);
    }
    return result;
  }
}
