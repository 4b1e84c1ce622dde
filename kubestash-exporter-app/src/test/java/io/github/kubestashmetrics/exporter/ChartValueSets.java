package io.github.kubestashmetrics.exporter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The table of value sets the chart's tests render: every mode, sharded, each optional object on
 * and off, secure serving and the webhook. Enumerated, not sampled.
 */
final class ChartValueSets {

  /** One MetricsConfiguration, as a user would give it inline in mode path. */
  static final Map<String, Object> WIDGET_CONFIGURATION =
      Map.of(
          "apiVersion",
          "metrics.appscode.com/v1alpha1",
          "kind",
          "MetricsConfiguration",
          "metadata",
          Map.of("name", "backupsessions"),
          "spec",
          Map.of(
              "targetRef",
              Map.of("apiVersion", "core.kubestash.com/v1alpha1", "kind", "BackupSession"),
              "metrics",
              List.of(
                  Map.of(
                      "name",
                      "created",
                      "help",
                      "Unix creation timestamp of this BackupSession object",
                      "type",
                      "gauge",
                      "field",
                      Map.of("path", ".metadata.creationTimestamp", "type", "DateTime"),
                      "metricValue",
                      Map.of("valueFromPath", ".metadata.creationTimestamp")))));

  static final List<Map<String, Object>> KUBEDB_KINDS =
      List.of(
          Map.of(
              "apiGroups", List.of("kubedb.com"), "resources", List.of("mongodbs", "postgreses")),
          Map.of("apiGroups", List.of("apps"), "resources", List.of("deployments")));

  private ChartValueSets() {}

  /** Every value set, named. */
  static Stream<Arguments> all() {
    Map<String, Map<String, Object>> sets = new LinkedHashMap<>();
    sets.put("defaults", values());
    sets.put(
        "builtin, scoped, debug",
        values(
            "scope.namespaces",
            List.of("shop", "db"),
            "scope.labelSelector",
            "tier!=test",
            "scope.kinds",
            List.of("BackupSession", "snapshots"),
            "logLevel",
            "debug"));
    sets.put("cluster", values("mode", "cluster"));
    sets.put(
        "cluster with extra kinds", values("mode", "cluster", "rbac.extraKinds", KUBEDB_KINDS));
    sets.put("path, inline configurations", pathInline());
    sets.put(
        "path, existing ConfigMap, extra kinds",
        values(
            "mode", "path",
            "metricsConfig.existingConfigMap", "my-configurations",
            "metricsConfig.interval", "30s",
            "rbac.extraKinds", KUBEDB_KINDS));
    sets.put("sharded", sharded());
    sets.put("sharded, cluster, ServiceMonitor", shardedCluster());
    Map<String, Object> noPdb = sharded();
    put(noPdb, "sharding.podDisruptionBudget.enabled", false);
    sets.put("sharded without PodDisruptionBudget", noPdb);
    sets.put(
        "ServiceMonitor, PrometheusRule, dashboard",
        values(
            "serviceMonitor.enabled",
            true,
            "serviceMonitor.labels",
            Map.of("release", "kube-prometheus-stack"),
            "prometheusRule.enabled",
            true,
            "prometheusRule.labels",
            Map.of("release", "kube-prometheus-stack"),
            "grafanaDashboard.enabled",
            true,
            "grafanaDashboard.namespace",
            "kubestash-metrics"));
    sets.put(
        "no telemetry, no scrape annotations, no ServiceMonitor telemetry",
        values(
            "ports.telemetry", -1,
            "service.prometheusScrapeAnnotations", false,
            "serviceMonitor.enabled", true,
            "serviceMonitor.telemetry", false));
    sets.put(
        "image digest, ports, extra args, env and labels",
        values(
            "image.repository", "registry.example.com/kubestash-exporter",
            "image.digest", "sha256:" + "a".repeat(64),
            "ports.metrics", 9090,
            "ports.telemetry", 9091,
            "extraArgs", List.of("--max-concurrent-scrapes=8"),
            "extraEnv", List.of(Map.of("name", "TZ", "value", "UTC")),
            "commonLabels", Map.of("team", "platform"),
            "podLabels", Map.of("sidecar.istio.io/inject", "false"),
            "podAnnotations", Map.of("example.com/owner", "platform"),
            "nodeSelector", Map.of("kubernetes.io/os", "linux"),
            "priorityClassName", "system-cluster-critical"));
    sets.put("ServiceAccount named", values("serviceAccount.name", "kubestash-exporter-sa"));
    sets.put("secure serving", secure());
    Map<String, Object> auth = secure();
    put(auth, "secureServing.auth", "kubernetes");
    put(
        auth,
        "secureServing.metricsReaderSubjects",
        List.of(Map.of("kind", "ServiceAccount", "name", "prometheus", "namespace", "monitoring")));
    put(auth, "serviceMonitor.enabled", true);
    sets.put("secure serving, kubernetes auth, ServiceMonitor", auth);
    Map<String, Object> webhook = secure();
    put(webhook, "mode", "cluster");
    put(webhook, "webhook.enabled", true);
    put(webhook, "webhook.mode", "warn");
    put(
        webhook,
        "secureServing.webConfig",
        Map.of("basic_auth_users", Map.of("prometheus", "$2y$10$abcdefghijklmnopqrstuv")));
    sets.put("secure serving, basic auth, webhook, cluster", webhook);
    Map<String, Object> ownCerts = secure();
    put(ownCerts, "secureServing.tls.certManager.enabled", false);
    put(ownCerts, "secureServing.tls.existingSecret", "exporter-tls");
    put(ownCerts, "webhook.enabled", true);
    put(ownCerts, "webhook.caBundle", "Y2E=");
    sets.put("secure serving, own certificate, webhook", ownCerts);
    Map<String, Object> shardedSecure = shardedCluster();
    put(shardedSecure, "secureServing.enabled", true);
    put(
        shardedSecure,
        "secureServing.tls.certManager.issuerRef",
        Map.of("name", "ca", "kind", "ClusterIssuer"));
    put(shardedSecure, "webhook.enabled", true);
    sets.put("sharded, cluster, secure serving, webhook", shardedSecure);
    return sets.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  static Map<String, Object> pathInline() {
    return values("mode", "path", "metricsConfig.configurations", List.of(WIDGET_CONFIGURATION));
  }

  static Map<String, Object> sharded() {
    return values("replicas", 3, "sharding.enabled", true);
  }

  static Map<String, Object> shardedCluster() {
    Map<String, Object> values = sharded();
    put(values, "mode", "cluster");
    put(values, "serviceMonitor.enabled", true);
    return values;
  }

  static Map<String, Object> secure() {
    return values("secureServing.enabled", true);
  }

  /** Values from dotted keys and values, e.g. {@code values("sharding.enabled", true)}. */
  static Map<String, Object> values(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      put(values, (String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  static void put(Map<String, Object> values, String dottedKey, Object value) {
    String[] keys = dottedKey.split("\\.");
    Map<String, Object> map = values;
    for (int i = 0; i < keys.length - 1; i++) {
      map = (Map<String, Object>) map.computeIfAbsent(keys[i], k -> new LinkedHashMap<>());
    }
    map.put(keys[keys.length - 1], value);
  }

  @SuppressWarnings("unchecked")
  static Object get(Map<String, Object> values, String dottedKey) {
    Object current = values;
    for (String key : dottedKey.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = ((Map<String, Object>) map).get(key);
    }
    return current;
  }

  static String mode(Map<String, Object> values) {
    Object mode = get(values, "mode");
    return mode == null ? "builtin" : (String) mode;
  }

  static boolean kubernetesAuth(Map<String, Object> values) {
    return Boolean.TRUE.equals(get(values, "secureServing.enabled"))
        && "kubernetes".equals(get(values, "secureServing.auth"));
  }

  /** The get/list/watch grants {@code rbac.extraKinds} asks for. */
  @SuppressWarnings("unchecked")
  static Set<String> extraKindGrants(Map<String, Object> values) {
    Set<String> grants = new HashSet<>();
    Object extra = get(values, "rbac.extraKinds");
    if (extra == null) {
      return grants;
    }
    List<String> resources = new ArrayList<>();
    for (Map<String, Object> rule : (List<Map<String, Object>>) extra) {
      for (String group : (List<String>) rule.get("apiGroups")) {
        for (String resource : (List<String>) rule.get("resources")) {
          resources.add(group + "/" + resource);
        }
      }
    }
    grants.addAll(DeployChecks.readOnly(resources));
    return grants;
  }
}
