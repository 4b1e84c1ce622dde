package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.metrics.internal.calculator.KindShape.Topology;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of well-formed objects of every registered kind, as JSON trees: replicas present
 * or absent, every container with limits and requests, limits only, requests only or none, exporter
 * and sidecars on and off, init containers larger and smaller than the app, topology roles added
 * and removed, quantities in every valid Kubernetes spelling, plus unread noise (other containers,
 * other resource names).
 *
 * <p>The same seed and kind draw the same structure whatever the {@link Options}; the options only
 * change what is written (exporter, sidecar resources, init containers, explicit replica counts, a
 * factor on every replica count, canonical quantity spellings), so two objects from one seed can be
 * compared.
 */
final class CalculatorObjectGenerator {

  /**
   * What is written.
   *
   * @param exporter write the exporter when drawn
   * @param sidecars give sidecar containers their drawn resources (else none)
   * @param initContainers write init containers when drawn
   * @param explicitReplicas write every replica count, each at least 2
   * @param factor multiply every scalable replica count by this
   * @param canonical spell every quantity as a plain decimal
   */
  record Options(
      boolean exporter,
      boolean sidecars,
      boolean initContainers,
      boolean explicitReplicas,
      long factor,
      boolean canonical) {

    static final Options DRAWN = new Options(true, true, true, false, 1, false);

    /** No exporter, sidecars without resources, no init containers. */
    Options bare() {
      return new Options(false, false, false, explicitReplicas, factor, canonical);
    }

    Options scaledBy(long newFactor) {
      return new Options(exporter, sidecars, initContainers, true, newFactor, canonical);
    }

    Options canonicalQuantities() {
      return new Options(exporter, sidecars, initContainers, explicitReplicas, factor, true);
    }
  }

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SplittableRandom random;
  private final SplittableRandom style;
  private final Options options;

  CalculatorObjectGenerator(long seed, Options options) {
    this.random = new SplittableRandom(seed);
    this.style = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.options = options;
  }

  /** An object of the kind given as {@code apiVersion kind}. */
  ObjectNode object(String gvk) {
    String[] parts = gvk.split(" ");
    KindShape shape = KindShapes.BY_GVK.get(gvk);
    ObjectNode object = JSON.objectNode();
    object.put("apiVersion", parts[0]).put("kind", parts[1]);
    object.putObject("metadata").put("name", "obj-" + random.nextInt(100)).put("namespace", "demo");
    ObjectNode spec = object.putObject("spec");
    switch (shape.topology()) {
      case WORKLOAD:
        count(spec, "replicas", true);
        podSpec(spec.putObject("template").putObject("spec"));
        break;
      case WORKLOAD_FIXED:
        podSpec(spec.putObject("template").putObject("spec"));
        break;
      case CRONJOB:
        podSpec(
            spec.putObject("jobTemplate")
                .putObject("spec")
                .putObject("template")
                .putObject("spec"));
        break;
      case POD:
        podSpec(spec);
        break;
      case OPS:
        return opsRequest(object, parts[1]);
      default:
        database(spec, shape);
    }
    return object;
  }

  private ObjectNode opsRequest(ObjectNode ops, String kind) {
    ObjectNode database = object(KindShapes.opsTarget(kind));
    ObjectNode spec = (ObjectNode) ops.get("spec");
    List<String> types = List.of("Restart", "Upgrade", "Reconfigure", "HorizontalScaling");
    spec.put("type", types.get(random.nextInt(types.size())));
    spec.set(kind.equals("ProxySQLOpsRequest") ? "proxyRef" : "databaseRef", database);
    return ops;
  }

  private void database(ObjectNode spec, KindShape shape) {
    node(spec, shape.containers());
    if (random.nextBoolean() && options.exporter()) {
      spec.putObject("monitor")
          .putObject("prometheus")
          .putObject("exporter")
          .set("resources", resources());
    } else {
      resources();
    }
    if (random.nextBoolean()) {
      spec.putObject(random.nextBoolean() ? "tls" : "enableSSL").put("issuerRef", "ca");
    }
    if (!shape.modes().isEmpty()) {
      String mode = shape.modes().get(random.nextInt(shape.modes().size()));
      boolean topologyMode =
          shape.containers().contains("mssql") || shape.containers().contains("hanadb");
      (topologyMode ? spec.putObject("topology") : spec).put("mode", mode);
    }
    if (shape.containers().contains("observer")) {
      node(spec.putObject("dataGuard").putObject("observer"), List.of("unread", "observer"));
    }
    boolean on = random.nextBoolean();
    switch (shape.topology()) {
      case ELASTICSEARCH:
      case KAFKA:
      case DRUID:
      case SOLR:
      case MILVUS:
        roleMap(spec, shape, on);
        break;
      case MONGODB:
        if (on) {
          ObjectNode sharded = spec.putObject("shardTopology");
          node(sharded.putObject("shard"), shape.containers()).put("shards", 1 + random.nextInt(3));
          node(sharded.putObject("configServer"), shape.containers());
          node(sharded.putObject("mongos"), shape.containers());
        } else if (random.nextBoolean()) {
          spec.putObject("replicaSet").put("name", "rs0");
        }
        break;
      case REDIS_SHARDS:
      case REDIS_MASTER:
        List<String> modes = List.of("Standalone", "Sentinel", "Cluster");
        String mode = modes.get(random.nextInt(modes.size()));
        spec.put("mode", mode);
        long shards = (1 + random.nextInt(3)) * options.factor();
        int replicas = random.nextInt(3);
        if (mode.equals("Cluster")) {
          spec.putObject("cluster")
              .put(shape.topology() == Topology.REDIS_SHARDS ? "shards" : "master", shards)
              .put("replicas", replicas);
        }
        break;
      case MYSQL:
        List<String> mysqlModes = List.of("GroupReplication", "InnoDBCluster", "SemiSync");
        String mysqlMode = mysqlModes.get(random.nextInt(mysqlModes.size()));
        if (on) {
          ObjectNode topology = spec.putObject("topology").put("mode", mysqlMode);
          node(topology.putObject("innoDBCluster").putObject("router"), List.of("mysql-router"));
        }
        break;
      case SINGLESTORE:
        if (on) {
          ObjectNode topology = spec.putObject("topology");
          node(topology.putObject("aggregator"), shape.containers());
          node(topology.putObject("leaf"), shape.containers());
        }
        break;
      case CASSANDRA:
        int racks = 1 + random.nextInt(3);
        if (on) {
          ArrayNode list = spec.putObject("topology").putArray("rack");
          for (int i = 0; i < racks; i++) {
            node(list.addObject().put("name", "r" + i), shape.containers());
          }
        }
        break;
      case CLICKHOUSE:
        if (on) {
          ObjectNode cluster = spec.putObject("clusterTopology").putObject("cluster");
          node(cluster, shape.containers()).put("shards", 1 + random.nextInt(3));
        }
        break;
      default:
        break;
    }
  }

  /** A role map with a random subset of the roles (none: an empty map) when on. */
  private void roleMap(ObjectNode spec, KindShape shape, boolean on) {
    List<String> roles = KindShape.ROLE_MAPS.get(shape.topology());
    ObjectNode topology = JSON.objectNode();
    for (String role : roles) {
      if (random.nextInt(3) == 0) {
        node(topology.putObject(role), shape.containers());
      }
    }
    if (!on) {
      return;
    }
    if (shape.topology() == Topology.MILVUS) {
      ObjectNode milvus = spec.putObject("topology").put("mode", "Distributed");
      milvus.set("distributed", topology);
    } else {
      spec.set("topology", topology);
    }
  }

  /**
   * A node: replicas, a pod template with pod-level resources and the named containers (the first
   * the app, the others sidecars) plus a noise container, its own resources (flat nodes), storage.
   */
  private ObjectNode node(ObjectNode node, List<String> containers) {
    count(node, "replicas", true);
    ObjectNode podSpec = node.putObject("podTemplate").putObject("spec");
    podSpec.set("resources", resources());
    ArrayNode list = podSpec.putArray("containers");
    for (int i = 0; i < containers.size(); i++) {
      ObjectNode container = list.addObject().put("name", containers.get(i));
      JsonNode resources = resources();
      container.set("resources", i == 0 || options.sidecars() ? resources : JSON.objectNode());
    }
    list.addObject().put("name", "noise").set("resources", resources());
    node.set("resources", resources());
    if (random.nextInt(3) != 0) {
      ObjectNode claim = node.putObject("storage").put("storageClassName", "standard");
      ObjectNode claimResources = claim.putObject("resources");
      int which = random.nextInt(3);
      BigDecimal requested = bytes();
      BigDecimal limit = bytes();
      if (which != 1) {
        claimResources.putObject("requests").set("storage", quantity(requested));
      }
      if (which != 0) {
        claimResources.putObject("limits").set("storage", quantity(limit));
      }
    }
    return node;
  }

  private void podSpec(ObjectNode podSpec) {
    int containers = 1 + random.nextInt(3);
    ArrayNode list = podSpec.putArray("containers");
    for (int i = 0; i < containers; i++) {
      list.addObject().put("name", "c" + i).set("resources", resources());
    }
    int inits = random.nextInt(3);
    ArrayNode initList = JSON.arrayNode();
    for (int i = 0; i < inits; i++) {
      initList
          .addObject()
          .put("name", "init" + i)
          .set("resources", resources(random.nextBoolean() ? 4 : 1));
    }
    if (options.initContainers() && inits > 0) {
      podSpec.set("initContainers", initList);
    }
  }

  /** A replica count: 0 to 4 or absent; with explicit replicas always 2 to 4; times the factor. */
  private void count(ObjectNode node, String field, boolean scalable) {
    int raw = random.nextInt(5);
    boolean present = random.nextInt(4) != 0;
    if (options.explicitReplicas()) {
      node.put(field, (2 + raw % 3) * (scalable ? options.factor() : 1));
    } else if (present) {
      node.put(field, raw * (scalable ? options.factor() : 1));
    }
  }

  private ObjectNode resources() {
    return resources(1);
  }

  /** Limits and requests, limits only, requests only or none, with cpu, memory and noise. */
  private ObjectNode resources(int scale) {
    ObjectNode resources = JSON.objectNode();
    int which = random.nextInt(4);
    ObjectNode limits = JSON.objectNode();
    ObjectNode requests = JSON.objectNode();
    BigDecimal cpuRequest = cpu().multiply(BigDecimal.valueOf(scale));
    BigDecimal memoryRequest = bytes().multiply(BigDecimal.valueOf(scale));
    BigDecimal cpuLimit = cpuRequest.add(cpu());
    BigDecimal memoryLimit = memoryRequest.add(bytes());
    requests.set("cpu", quantity(cpuRequest));
    requests.set("memory", quantity(memoryRequest));
    limits.set("cpu", quantity(cpuLimit));
    limits.set("memory", quantity(memoryLimit));
    if (random.nextInt(4) == 0) {
      limits.put("nvidia.com/gpu", "1");
      requests.put("ephemeral-storage", "1Gi");
    }
    if (which == 0 || which == 1) {
      resources.set("limits", limits);
    }
    if (which == 0 || which == 2) {
      resources.set("requests", requests);
    }
    return resources;
  }

  /** Cores: whole millicores, sometimes with a sub-milli remainder (rounded up per pod). */
  private BigDecimal cpu() {
    BigDecimal milli = BigDecimal.valueOf(random.nextInt(4000)).movePointLeft(3);
    return random.nextInt(5) == 0 ? milli.add(new BigDecimal("0.0004")) : milli;
  }

  /** Bytes: binary multiples, decimal multiples, odd counts, sometimes fractional. */
  private BigDecimal bytes() {
    switch (random.nextInt(4)) {
      case 0:
        return BigDecimal.valueOf(random.nextInt(8192)).multiply(BigDecimal.valueOf(1L << 20));
      case 1:
        return BigDecimal.valueOf(random.nextInt(5000)).multiply(BigDecimal.valueOf(1_000_000));
      case 2:
        return BigDecimal.valueOf(random.nextLong(1L << 40));
      default:
        return BigDecimal.valueOf(random.nextInt(40))
            .multiply(BigDecimal.valueOf(1L << 30))
            .divide(BigDecimal.TEN);
    }
  }

  private JsonNode quantity(BigDecimal amount) {
    JsonNode any = QuantityTexts.anyForm(amount, style);
    return options.canonical() ? QuantityTexts.canonical(amount) : any;
  }
}
