package io.github.kubestashmetrics.metrics.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded MetricsConfigurations of every shape the schema's types allow, drawn from small pools so
 * that names, families, timestamps and targets collide often: missing and empty parts, invalid
 * names and paths, unparseable expressions, KubeDB calculator calls, kinds whose label is not a
 * label name, duplicate configurations, null elements.
 */
final class HostileConfigurations {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  // Each part is drawn from its good pool, one time in eight from its bad one.
  private static final String[] NAMES = {"a", "b", "c", "d", "dup", "dup"};
  private static final String[] BAD_NAMES = {"", null};
  private static final String[] TIMESTAMPS = {
    "2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00Z",
    "2024-01-01T01:00:00+01:00",
    "2023-05-05T05:05:05.5Z"
  };
  private static final String[] BAD_TIMESTAMPS = {null, "garbage", "", "2024-02-30T00:00:00Z"};
  private static final String[] API_VERSIONS = {"v1", "x.example.com/v1", "x.example.com/v2"};
  private static final String[] BAD_API_VERSIONS = {
    "", null, "/v1", "a/b/c", "ünï.example.com/v1", "x.example.com/"
  };
  private static final String[] KINDS = {"Widget", "Widget", "Pod", "Gadget"};
  private static final String[] BAD_KINDS = {"Namespace", "1x", "__X", "a:b", "", null, "Wídget"};
  private static final String[] LABEL_KEYS = {"team", "k", "app", "tier"};
  private static final String[] BAD_LABEL_KEYS = {
    "namespace", "widget", "pod", "__x", "1bad", "", null
  };
  private static final String[] PATHS = {
    ".spec.team", ".", ".status.phase", ".spec.replicas", ".metadata.name"
  };
  private static final String[] BAD_PATHS = {
    null,
    "bad",
    ".spec..x",
    "",
    ".spec.items[0]",
    ".spec.items[*].n[*]",
    ".spec.items[*].n",
    ".spec.items[*]"
  };
  private static final String[] CONSTANTS = {null, null, null, "x", "multi\nline \"quoted\" \\"};
  private static final String[] BAD_CONSTANTS = {""};
  private static final String[] METRIC_NAMES = {"info", "info", "size", "phase"};
  private static final String[] BAD_METRIC_NAMES = {"", null, "bad-name", "ünï"};
  private static final String[] HELPS = {"h", "h", "he\"lp\nx\\", ""};
  private static final String[] BAD_HELPS = {null};
  private static final String[] TYPES = {"gauge"};
  private static final String[] BAD_TYPES = {"counter", null};
  private static final String[] FIELD_TYPES = {"Integer", "DateTime", "String", "Array", "Array"};
  private static final String[] BAD_FIELD_TYPES = {"Bogus", null};
  private static final String[] EXPRESSIONS = {
    "a + b", "int(a == 'x')", "bytes(a)", "1/0", "-a", "!a", "a > 2 && b < 3"
  };
  private static final String[] BAD_EXPRESSIONS = {
    "resource_replicas(a)",
    "total_resource_requests(a, 'cpu')",
    "(((",
    "a b",
    "",
    "c",
    "'unterminated"
  };
  private static final String[] PARAM_KEYS = {"a", "b"};
  private static final String[] BAD_PARAM_KEYS = {"", null};
  private static final String[] STATES = {"A", "B", "C"};
  private static final String[] BAD_STATES = {"", null};

  private final SplittableRandom random;

  HostileConfigurations(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Two to eight configurations, some null. */
  List<MetricsConfiguration> configurations() {
    int count = 2 + random.nextInt(7);
    List<MetricsConfiguration> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(random.nextInt(25) == 0 ? null : configuration());
    }
    return out;
  }

  MetricsConfiguration configuration() {
    ObjectNode root = NODES.objectNode();
    root.put("apiVersion", "metrics.appscode.com/v1alpha1");
    root.put("kind", "MetricsConfiguration");
    if (random.nextInt(20) != 0) {
      ObjectNode metadata = root.putObject("metadata");
      putMaybe(metadata, "name", pick(NAMES, BAD_NAMES));
      putMaybe(metadata, "creationTimestamp", pick(TIMESTAMPS, BAD_TIMESTAMPS));
      putMaybe(metadata, "resourceVersion", random.nextBoolean() ? null : "" + random.nextInt(9));
    }
    if (random.nextInt(20) == 0) {
      return convert(root);
    }
    ObjectNode spec = root.putObject("spec");
    if (random.nextInt(15) != 0) {
      ObjectNode target = spec.putObject("targetRef");
      putMaybe(target, "apiVersion", pick(API_VERSIONS, BAD_API_VERSIONS));
      putMaybe(target, "kind", pick(KINDS, BAD_KINDS));
    }
    if (random.nextInt(3) == 0) {
      ArrayNode common = spec.putArray("commonLabels");
      for (int i = random.nextInt(3); i > 0; i--) {
        common.add(label());
      }
    }
    if (random.nextInt(15) != 0) {
      ArrayNode metrics = spec.putArray("metrics");
      for (int i = 1 + random.nextInt(5); i > 0; i--) {
        if (random.nextInt(15) == 0) {
          metrics.addNull();
        } else {
          metrics.add(metric());
        }
      }
    }
    return convert(root);
  }

  private ObjectNode metric() {
    ObjectNode metric = NODES.objectNode();
    putMaybe(metric, "name", pick(METRIC_NAMES, BAD_METRIC_NAMES));
    putMaybe(metric, "help", pick(HELPS, BAD_HELPS));
    putMaybe(metric, "type", pick(TYPES, BAD_TYPES));
    if (random.nextInt(4) == 0) {
      ObjectNode field = metric.putObject("field");
      putMaybe(field, "path", pick(PATHS, BAD_PATHS));
      putMaybe(field, "type", pick(FIELD_TYPES, BAD_FIELD_TYPES));
      if ("Array".equals(field.path("type").asText()) && random.nextBoolean()) {
        field.put("path", ".spec.items");
        ObjectNode element = metric.putArray("labels").addObject();
        element.put("key", "n");
        element.put("valuePath", random.nextBoolean() ? ".spec.items[*].n" : ".spec.items[*]");
      }
    }
    if (random.nextInt(3) == 0 && !metric.has("labels")) {
      ArrayNode labels = metric.putArray("labels");
      for (int i = random.nextInt(4); i > 0; i--) {
        labels.add(random.nextInt(12) == 0 ? NODES.nullNode() : label());
      }
    }
    if (random.nextInt(4) == 0) {
      ObjectNode states = metric.putObject("states");
      putMaybe(states, "labelKey", pick(LABEL_KEYS, BAD_LABEL_KEYS));
      ArrayNode values = states.putArray("values");
      for (int i = random.nextInt(4); i > 0; i--) {
        ObjectNode state = values.addObject();
        putMaybe(state, "labelValue", pick(STATES, BAD_STATES));
        if (random.nextInt(6) != 0) {
          state.set("metricValue", value());
        }
      }
    } else if (random.nextInt(10) != 0) {
      metric.set("metricValue", value());
    }
    if (random.nextInt(4) == 0 || metric.toString().contains("valueFromExpression")) {
      ArrayNode params = metric.putArray("params");
      for (String key : PARAM_KEYS) {
        ObjectNode param = params.addObject();
        putMaybe(param, "key", pick(new String[] {key}, BAD_PARAM_KEYS));
        putMaybe(param, "value", pick(CONSTANTS, BAD_CONSTANTS));
        putMaybe(param, "valuePath", pick(PATHS, BAD_PATHS));
      }
    }
    return metric;
  }

  private ObjectNode label() {
    ObjectNode label = NODES.objectNode();
    putMaybe(label, "key", pick(LABEL_KEYS, BAD_LABEL_KEYS));
    putMaybe(label, "value", pick(CONSTANTS, BAD_CONSTANTS));
    putMaybe(label, "valuePath", pick(PATHS, BAD_PATHS));
    return label;
  }

  private ObjectNode value() {
    ObjectNode value = NODES.objectNode();
    switch (random.nextInt(8)) {
      case 0 ->
          value.put("value", random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * 1e300);
      case 1, 5, 6, 7 -> value.put("value", (double) random.nextInt(3));
      case 2 -> putMaybe(value, "valueFromPath", pick(PATHS, BAD_PATHS));
      case 3 -> value.put("valueFromExpression", pick(EXPRESSIONS, BAD_EXPRESSIONS));
      default -> {
        // several at once, or none
        if (random.nextBoolean()) {
          value.put("value", 1.0);
          value.put("valueFromPath", ".spec.replicas");
          value.put("valueFromExpression", "a");
        }
      }
    }
    return value;
  }

  /** An object of a kind the configurations may target, with fields of mixed shapes. */
  ObjectNode object(String apiVersion, String kind) {
    ObjectNode object = NODES.objectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ObjectNode metadata = object.putObject("metadata");
    metadata.put("name", "o" + random.nextInt(5));
    if (random.nextBoolean()) {
      metadata.put("namespace", "ns");
    }
    metadata.put("uid", "uid-" + random.nextInt(1_000_000));
    ObjectNode spec = object.putObject("spec");
    switch (random.nextInt(3)) {
      case 0 -> spec.put("team", "blue");
      case 1 -> spec.put("team", 7);
      default -> spec.putObject("team").put("x", 1);
    }
    ArrayNode items = spec.putArray("items");
    for (int i = random.nextInt(4); i > 0; i--) {
      switch (random.nextInt(3)) {
        case 0 -> items.addObject().put("n", random.nextInt(3));
        case 1 -> items.add("x");
        default -> items.addNull();
      }
    }
    if (random.nextBoolean()) {
      spec.put("replicas", random.nextInt(5));
    } else {
      spec.put("replicas", "50%");
    }
    object.putObject("status").put("phase", pick(STATES, BAD_STATES));
    return object;
  }

  /** Mostly from {@code good}, one time in eight from {@code bad}. */
  private String pick(String[] good, String[] bad) {
    return random.nextInt(8) == 0 ? pick(bad) : pick(good);
  }

  private String pick(String[] pool) {
    return pool[random.nextInt(pool.length)];
  }

  private static void putMaybe(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private static MetricsConfiguration convert(ObjectNode root) {
    return JSON.convertValue(root, MetricsConfiguration.class);
  }
}
