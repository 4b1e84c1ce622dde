package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.MonitoringSupport.MONITORING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Grafana dashboard of {@code deploy/monitoring} queries only metrics that exist. */
class DashboardTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DASHBOARD = MONITORING.resolve("dashboard.json");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*\\w+\\)");

  @TempDir Path work;

  @Test
  void dashboardHasDatasourceAndNamespaceVariablesAndEveryPanelUsesTheDatasourceVariable()
      throws Exception {
    JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
    assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
    assertThat(dashboard.path("uid").asText()).isNotEmpty();
    List<String> variables = new ArrayList<>();
    dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(variables).contains("datasource", "namespace");
    JsonNode datasource = variable(dashboard, "datasource");
    assertThat(datasource.path("type").asText()).isEqualTo("datasource");
    assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels(dashboard)) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
      assertThat(panel.path("gridPos").path("w").asInt()).isPositive();
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText())
          .as(panel.path("title").asText())
          .isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      }
    }
  }

  @Test
  void everyQuerySelectsOnlyContractFamiliesExporterMetricsOrUpAndCoversWhatUsersWatch()
      throws Exception {
    JsonNode dashboard = JSON.readTree(DASHBOARD.toFile());
    Set<String> allowed = MonitoringSupport.allowedMetricNames();
    Set<String> used = new TreeSet<>();
    for (String expr : exprs(dashboard)) {
      Set<String> names = MonitoringSupport.metricNamesIn(expr);
      assertThat(names).as(expr).isSubsetOf(allowed);
      used.addAll(names);
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
      if (m.matches()) {
        assertThat(MonitoringSupport.metricNamesIn(m.group(1))).isSubsetOf(allowed);
      }
    }
    assertThat(used)
        .contains(
            "core_kubestash_com_backupsession_phase",
            "core_kubestash_com_backupsession_duration_seconds",
            "storage_kubestash_com_repository_last_successful_backup",
            "storage_kubestash_com_repository_size_bytes",
            "storage_kubestash_com_backupstorage_size_bytes",
            "storage_kubestash_com_repository_snapshot_count_total",
            "storage_kubestash_com_snapshot_size_bytes",
            "storage_kubestash_com_snapshot_phase",
            "core_kubestash_com_restoresession_phase",
            "core_kubestash_com_restoresession_duration_seconds",
            "core_kubestash_com_backupconfiguration_conditions",
            "core_kubestash_com_backupsession_conditions",
            "storage_kubestash_com_backupstorage_conditions",
            "storage_kubestash_com_repository_conditions",
            "core_kubestash_com_restoresession_conditions",
            "storage_kubestash_com_snapshot_conditions",
            "kubestash_exporter_kind_synced",
            "kubestash_exporter_mapping_errors_total",
            "up");
  }

  @Test
  void everyQueryParsesInPromtool() throws Exception {
    MonitoringSupport.requirePromtool();
    ObjectNode file = YAML.createObjectNode();
    ArrayNode rules =
        file.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
    int n = 0;
    for (String expr : exprs(JSON.readTree(DASHBOARD.toFile()))) {
      rules.addObject().put("record", "dashboard:query_" + n++).put("expr", asPromQl(expr));
    }
    Path rulesFile = work.resolve("dashboard-queries.yaml");
    YAML.writeValue(rulesFile.toFile(), file);
    MonitoringSupport.Run check =
        MonitoringSupport.run("promtool", "check", "rules", rulesFile.toString());
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: " + n + " rules found");
  }

  @Test
  void kustomizeRendersThePrometheusRuleAndTheDashboardForGrafanasSidecar() throws Exception {
    assumeTrue(MonitoringSupport.onPath("kubectl"), "kubectl is not installed: skipping");
    MonitoringSupport.Run build =
        MonitoringSupport.run("kubectl", "kustomize", MONITORING.toString());
    assertThat(build.exit()).as(build.output()).isZero();
    List<JsonNode> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(build.output())) {
      it.forEachRemaining(objects::add);
    }
    JsonNode rule = only(objects, "PrometheusRule");
    assertThat(rule.path("metadata").path("namespace").asText()).isEqualTo("kubestash-metrics");
    assertThat(rule.path("spec").path("groups"))
        .isEqualTo(YAML.readTree(MONITORING.resolve("rules.yaml").toFile()).path("groups"));
    JsonNode configMap = only(objects, "ConfigMap");
    assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText())
        .isEqualTo("1");
    assertThat(JSON.readTree(configMap.path("data").path("kubestash.json").asText()))
        .isEqualTo(JSON.readTree(Files.readString(DASHBOARD)));
  }

  private static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> ofKind =
        objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    assertThat(ofKind).as(kind).hasSize(1);
    return ofKind.get(0);
  }

  /** Grafana's variables replaced by values PromQL accepts. */
  private static String asPromQl(String expr) {
    return expr.replace("$__rate_interval", "5m")
        .replace("$__interval", "1m")
        .replace("$__range", "1h")
        .replace("$namespace", ".*")
        .replace("$job", ".*");
  }

  private static JsonNode variable(JsonNode dashboard, String name) {
    for (JsonNode v : dashboard.path("templating").path("list")) {
      if (v.path("name").asText().equals(name)) {
        return v;
      }
    }
    throw new AssertionError("no variable " + name);
  }

  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    return all;
  }

  private static List<String> exprs(JsonNode dashboard) {
    List<String> exprs = new ArrayList<>();
    for (JsonNode panel : panels(dashboard)) {
      panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
    }
    assertThat(exprs).isNotEmpty().doesNotContain("");
    return exprs;
  }
}
