package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.MonitoringSupport.JOB;
import static io.github.kubestashmetrics.exporter.MonitoringSupport.MONITORING;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.ExpositionWriter;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.RepositoryFixture;
import io.github.kubestashmetrics.testkit.Series;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of {@code deploy/monitoring}: the PrometheusRule and the plain rule file are the
 * same rules, every expression names only metrics that exist, and promtool proves each alert fires
 * when it should and stays silent otherwise.
 *
 * <p>The promtool unit tests are generated, not committed: each scenario's objects are KubeStash
 * fixtures rendered by the catalogue (exactly the bytes the exporter would serve), parsed back into
 * series and written as promtool {@code input_series} to {@code
 * kubestash-exporter-app/target/promtool-tests/kubestash-alerts.test.yaml}, which {@code .ci/run}
 * also runs. promtool's clock starts at 0 (1970-01-01T00:00:00Z), so fixture timestamps are chosen
 * relative to it. {@code up} is Prometheus' own series and is the only one written by hand.
 */
class AlertRulesTest {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final Path RULES = MONITORING.resolve("rules.yaml");
  private static final Path PROMETHEUS_RULE = MONITORING.resolve("prometheusrule.yaml");
  private static final Path OUT =
      Path.of(System.getProperty("basedir", "."), "target", "promtool-tests")
          .toAbsolutePath()
          .normalize();
  private static final Pattern LABEL_TEMPLATE =
      Pattern.compile("\\{\\{\\s*\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
  private static final String EXPORTER_TELEMETRY = "10.0.0.7:8081";
  private static final String EXPORTER_METRICS = "10.0.0.7:8080";

  @Test
  void prometheusRuleCarriesExactlyTheGroupsOfTheRuleFile() throws Exception {
    String expected = prometheusRuleFor(Files.readString(RULES));
    if (Boolean.getBoolean("kubestash.updateMonitoring")) {
      Files.writeString(PROMETHEUS_RULE, expected);
    }
    assertThat(Files.readString(PROMETHEUS_RULE))
        .as(
            "prometheusrule.yaml is generated from rules.yaml: run AlertRulesTest with"
                + " -Dkubestash.updateMonitoring=true")
        .isEqualTo(expected);
    JsonNode rule = YAML.readTree(PROMETHEUS_RULE.toFile());
    assertThat(rule.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(rule.path("kind").asText()).isEqualTo("PrometheusRule");
    assertThat(rule.path("spec").path("groups")).isEqualTo(rules().path("groups"));
  }

  @Test
  void everyRuleExpressionSelectsOnlyContractFamiliesExporterMetricsOrUp() throws Exception {
    Set<String> allowed = MonitoringSupport.allowedMetricNames();
    for (String expr : MonitoringSupport.exprsOf(rules().path("groups"))) {
      assertThat(MonitoringSupport.metricNamesIn(expr)).as(expr).isNotEmpty().isSubsetOf(allowed);
    }
  }

  @Test
  void everyAlertHasForSeverityAndSummaryAndDescriptionUsingOnlyLabels() throws Exception {
    for (JsonNode rule : alertRules().values()) {
      String name = rule.path("alert").asText();
      assertThat(rule.path("for").asText()).as(name).matches("[0-9]+[smh]");
      assertThat(rule.path("labels").path("severity").asText())
          .as(name)
          .isIn("critical", "warning");
      for (String key : List.of("summary", "description")) {
        String text = rule.path("annotations").path(key).asText();
        assertThat(text).as(name + " " + key).contains("{{ $labels.");
        assertThat(LABEL_TEMPLATE.matcher(text).replaceAll("")).doesNotContain("{{");
      }
    }
  }

  @Test
  void ruleFilePassesPromtoolCheckRules() throws Exception {
    MonitoringSupport.requirePromtool();
    MonitoringSupport.Run check =
        MonitoringSupport.run("promtool", "check", "rules", RULES.toString());
    assertThat(check.exit()).as(check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: " + alertRules().size() + " rules found");
  }

  @Test
  void everyAlertFiresWhenItShouldAndStaysSilentOtherwiseInPromtool() throws Exception {
    Map<String, JsonNode> alerts = alertRules();
    List<Scenario> scenarios =
        List.of(
            sessions(),
            lastSuccessfulBackup(),
            growth(),
            exporterUp(),
            exporterStale(),
            exporterDown(),
            exporterAbsent());
    Set<String> fired = new LinkedHashSet<>();
    ObjectNode file = YAML.createObjectNode();
    Files.createDirectories(OUT);
    Path testFile = OUT.resolve("kubestash-alerts.test.yaml");
    file.putArray("rule_files").add(OUT.relativize(RULES).toString());
    file.put("evaluation_interval", "1m");
    ArrayNode tests = file.putArray("tests");
    for (Scenario scenario : scenarios) {
      tests.add(scenario.toPromtool(alerts));
      scenario
          .expected
          .values()
          .forEach(
              byAlert ->
                  byAlert.forEach(
                      (a, l) -> {
                        if (!l.isEmpty()) {
                          fired.add(a);
                        }
                      }));
    }
    assertThat(fired)
        .as("alerts proven to fire")
        .containsExactlyInAnyOrderElementsOf(alerts.keySet());
    Files.writeString(testFile, YAML.writeValueAsString(file));

    MonitoringSupport.requirePromtool();
    MonitoringSupport.Run test =
        MonitoringSupport.run("promtool", "test", "rules", testFile.toString());
    assertThat(test.exit()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  // --- scenarios: objects at each stage, and exactly which alerts fire at which time ---

  /** Failed, old, orphaned and slow backup sessions; failed and invalid restores. */
  private static Scenario sessions() {
    List<HasMetadata> objects =
        List.of(
            KubeStashFixtures.backupConfiguration("demo", "nightly")
                .target("apps", "StatefulSet", "db", "demo")
                .phase("Ready")
                .build(),
            // Same name in another namespace: the join must not confuse the two.
            KubeStashFixtures.backupConfiguration("other", "nightly")
                .target("apps", "Deployment", "web", "other")
                .phase("Ready")
                .build(),
            session("demo", "nightly-1", "nightly", "Failed", "5m0s", EPOCH),
            session("other", "nightly-1", "nightly", "Succeeded", "1m5s", EPOCH),
            session("demo", "orphan-1", "deleted-config", "Failed", null, EPOCH),
            session("demo", "nightly-0", "nightly", "Failed", "5m0s", DAY_BEFORE),
            session("demo", "slow-1", "nightly", "Succeeded", "1h30m0s", EPOCH),
            session("demo", "slow-0", "nightly", "Succeeded", "2h0m0s", DAY_BEFORE),
            session("demo", "quick-1", "nightly", "Succeeded", "7.5s", EPOCH),
            restore("restore-failed", "Failed"),
            restore("restore-invalid", "Invalid"),
            restore("restore-ok", "Succeeded"),
            restore("restore-running", "Running"));
    Scenario scenario = new Scenario("backup and restore sessions").stage(11, healthy(objects));
    List<Series> s = scenario.lastStage();
    Map<String, String> demoTarget =
        Map.of("target_kind", "StatefulSet", "target_name", "db", "target_namespace", "demo");
    return scenario
        .expect(
            "10m",
            "KubeStashBackupSessionFailed",
            plus(
                labels(s, "core_kubestash_com_backupsession_phase", "demo", "nightly-1", "Failed"),
                demoTarget),
            labels(s, "core_kubestash_com_backupsession_phase", "demo", "orphan-1", "Failed"))
        .expect(
            "10m",
            "KubeStashBackupTooSlow",
            labels(s, "core_kubestash_com_backupsession_duration_seconds", "demo", "slow-1", null))
        .expect(
            "10m",
            "KubeStashRestoreSessionFailed",
            labels(
                s, "core_kubestash_com_restoresession_phase", "demo", "restore-failed", "Failed"),
            labels(
                s,
                "core_kubestash_com_restoresession_phase",
                "demo",
                "restore-invalid",
                "Invalid"));
  }

  /** Stale, fresh, never backed up (old and new) and corrupt repositories. */
  private static Scenario lastSuccessfulBackup() {
    List<HasMetadata> objects =
        List.of(
            repository("stale")
                .createdAt("1969-12-01T00:00:00Z")
                .lastBackupTime("1969-12-30T20:00:00Z")
                .integrity(true)
                .build(),
            repository("fresh")
                .createdAt("1969-12-01T00:00:00Z")
                .lastBackupTime(EPOCH)
                .integrity(true)
                .build(),
            repository("never").createdAt("1969-12-30T00:00:00Z").build(),
            repository("new").createdAt(EPOCH).build(),
            repository("corrupt").createdAt(EPOCH).lastBackupTime(EPOCH).integrity(false).build());
    Scenario scenario =
        new Scenario("last successful backup and integrity").stage(31, healthy(objects));
    List<Series> s = scenario.lastStage();
    return scenario
        .expect(
            "30m",
            "KubeStashNoRecentSuccessfulBackup",
            labels(s, "storage_kubestash_com_repository_created", "demo", "stale", null),
            labels(s, "storage_kubestash_com_repository_created", "demo", "never", null))
        .expect(
            "30m",
            "KubeStashRepositoryIntegrityFalse",
            labels(s, "storage_kubestash_com_repository_info", "demo", "corrupt", null));
  }

  /** Sizes for 24h, then grown: by much, by little in proportion, by little in bytes. */
  private static Scenario growth() {
    Scenario scenario =
        new Scenario("repository and storage growth")
            .stage(
                24 * 60,
                healthy(
                    repository("booming").size("2 GiB").build(),
                    repository("steady").size("10 GiB").build(),
                    repository("tiny").size("100 MiB").build(),
                    KubeStashFixtures.backupStorage("demo", "gcs").totalSize("2 GiB").build(),
                    KubeStashFixtures.backupStorage("demo", "small").totalSize("100 MiB").build()))
            .stage(
                2 * 60 + 1,
                healthy(
                    repository("booming").size("5 GiB").build(),
                    repository("steady").size("11.5 GiB").build(),
                    repository("tiny").size("400 MiB").build(),
                    KubeStashFixtures.backupStorage("demo", "gcs").totalSize("5 GiB").build(),
                    KubeStashFixtures.backupStorage("demo", "small").totalSize("900 MiB").build()));
    List<Series> s = scenario.lastStage();
    return scenario
        .expect("23h", "KubeStashRepositoryGrowing")
        .expect("23h", "KubeStashBackupStorageGrowing")
        .expect(
            "26h",
            "KubeStashRepositoryGrowing",
            labels(s, "storage_kubestash_com_repository_size_bytes", "demo", "booming", null))
        .expect(
            "26h",
            "KubeStashBackupStorageGrowing",
            labels(s, "storage_kubestash_com_backupstorage_size_bytes", "demo", "gcs", null));
  }

  /** The exporter is up; its Snapshot informer never syncs. */
  private static Scenario exporterUp() {
    List<Series> telemetry = scraped(kind -> kind != KubeStashKinds.SNAPSHOT);
    return new Scenario("exporter up, one kind not synced")
        .stage(21, withExporterUp(telemetry))
        .expect("9m", "KubeStashExporterKindNotSynced")
        .expect(
            "20m",
            "KubeStashExporterKindNotSynced",
            labelsOf(telemetry, "kubestash_exporter_kind_synced", "Snapshot"));
  }

  /**
   * The exporter is up; every kind synced, then the Repository watch is lost (API unreachable); the
   * Snapshot kind never synced, so it is not stale but not synced (another alert).
   */
  private static Scenario exporterStale() {
    List<Series> telemetry =
        scraped(
            kind -> kind != KubeStashKinds.SNAPSHOT,
            kind -> kind != KubeStashKinds.REPOSITORY && kind != KubeStashKinds.SNAPSHOT);
    return new Scenario("exporter up, one kind's watch lost")
        .stage(21, withExporterUp(telemetry))
        .expect("9m", "KubeStashExporterKindStale")
        .expect(
            "20m",
            "KubeStashExporterKindStale",
            labelsOf(telemetry, "kubestash_exporter_kind_watching", "Repository"))
        .expect(
            "20m",
            "KubeStashExporterKindNotSynced",
            labelsOf(telemetry, "kubestash_exporter_kind_synced", "Snapshot"));
  }

  /** The exporter's telemetry series plus both its ports scraped fine. */
  private static List<Series> withExporterUp(List<Series> telemetry) {
    List<Series> series = new ArrayList<>(telemetry);
    series.add(up(EXPORTER_METRICS, 1));
    series.add(up(EXPORTER_TELEMETRY, 1));
    return series;
  }

  /** The labels of the telemetry series {@code name} of this kind. */
  private static Map<String, String> labelsOf(List<Series> telemetry, String name, String kind) {
    return telemetry.stream()
        .filter(t -> t.name().equals(name))
        .filter(t -> t.labels().get("kind").equals(kind))
        .findFirst()
        .orElseThrow()
        .labels();
  }

  /** Prometheus cannot scrape the metrics port. */
  private static Scenario exporterDown() {
    List<Series> series = new ArrayList<>(scraped(kind -> true));
    series.add(up(EXPORTER_METRICS, 0));
    series.add(up(EXPORTER_TELEMETRY, 1));
    return new Scenario("exporter metrics port down")
        .stage(11, series)
        .expect("4m", "KubeStashExporterDown")
        .expect("10m", "KubeStashExporterDown", up(EXPORTER_METRICS, 0).labels());
  }

  /** Prometheus has no target for the exporter at all. */
  private static Scenario exporterAbsent() {
    return new Scenario("exporter absent")
        .stage(11, List.of(new Series("up", Map.of("job", "something-else"), 1)))
        .expect("10m", "KubeStashExporterDown", Map.of("job", JOB));
  }

  // --- fixtures ---

  private static final String EPOCH = "1970-01-01T00:00:00Z";
  private static final String DAY_BEFORE = "1969-12-31T00:00:00Z";

  private static HasMetadata session(
      String ns, String name, String config, String phase, String duration, String created) {
    return KubeStashFixtures.backupSession(ns, name)
        .invoker("BackupConfiguration", config)
        .session("daily")
        .phase(phase)
        .duration(duration)
        .createdAt(created)
        .build();
  }

  private static HasMetadata restore(String name, String phase) {
    return KubeStashFixtures.restoreSession("demo", name)
        .target("apps", "StatefulSet", "db", "demo")
        .dataSource("demo", "repo", "latest")
        .phase(phase)
        .build();
  }

  private static RepositoryFixture repository(String name) {
    return KubeStashFixtures.repository("demo", name)
        .appRef("apps", "StatefulSet", name, "demo")
        .path("/" + name)
        .phase("Ready");
  }

  /** The exporter's telemetry as Prometheus stores it, every synced kind watching. */
  private static List<Series> scraped(java.util.function.Predicate<KubeStashKinds.Kind<?>> synced) {
    return scraped(synced, synced);
  }

  /** The exporter's telemetry as Prometheus stores it: with the target's job and instance. */
  private static List<Series> scraped(
      java.util.function.Predicate<KubeStashKinds.Kind<?>> synced,
      java.util.function.Predicate<KubeStashKinds.Kind<?>> watching) {
    return MonitoringSupport.telemetrySeries(synced, watching).stream()
        .filter(
            s ->
                s.name().equals("kubestash_exporter_kind_synced")
                    || s.name().equals("kubestash_exporter_kind_watching"))
        .map(s -> new Series(s.name(), plus(s.labels(), target(EXPORTER_TELEMETRY)), s.value()))
        .toList();
  }

  /** These objects, and Prometheus scraping the exporter's two ports fine. */
  private static List<Object> healthy(List<?> objects) {
    List<Object> all = new ArrayList<>(objects);
    all.add(up(EXPORTER_METRICS, 1));
    all.add(up(EXPORTER_TELEMETRY, 1));
    return all;
  }

  private static List<Object> healthy(Object... objects) {
    return healthy(List.of(objects));
  }

  private static Series up(String instance, double value) {
    return new Series("up", target(instance), value);
  }

  private static Map<String, String> target(String instance) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("instance", instance);
    labels.put("job", JOB);
    return labels;
  }

  /** The labels of the one rendered series of this family, object and (if given) phase. */
  private static Map<String, String> labels(
      List<Series> series, String family, String namespace, String name, String phase) {
    String kind = family.split("_")[3];
    List<Series> matching =
        series.stream()
            .filter(s -> s.name().equals(family))
            .filter(s -> namespace.equals(s.labels().get("namespace")))
            .filter(s -> name.equals(s.labels().get(kind)))
            .filter(s -> phase == null || phase.equals(s.labels().get("phase")))
            .toList();
    assertThat(matching).as(family + " " + namespace + "/" + name).hasSize(1);
    return matching.get(0).labels();
  }

  private static Map<String, String> plus(Map<String, String> a, Map<String, String> b) {
    Map<String, String> sum = new LinkedHashMap<>(a);
    sum.putAll(b);
    return sum;
  }

  // --- rule files ---

  private static JsonNode rules() throws Exception {
    return YAML.readTree(RULES.toFile());
  }

  private static Map<String, JsonNode> alertRules() throws Exception {
    Map<String, JsonNode> alerts = new LinkedHashMap<>();
    for (JsonNode group : rules().path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        if (rule.has("alert")) {
          alerts.put(rule.path("alert").asText(), rule);
        }
      }
    }
    return alerts;
  }

  /** prometheusrule.yaml: rules.yaml's groups (comments and all) under a PrometheusRule's spec. */
  static String prometheusRuleFor(String rulesYaml) {
    StringBuilder out =
        new StringBuilder(
            """
            # Generated from rules.yaml by AlertRulesTest (-Dkubestash.updateMonitoring=true): edit
            # rules.yaml, never this file. Opt in with `kubectl apply -k deploy/monitoring`.
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: kubestash-exporter-alerts
              labels:
                app.kubernetes.io/name: kubestash-exporter
                app.kubernetes.io/part-of: kubestash-metrics
            spec:
            """);
    boolean inGroups = false;
    for (String line : rulesYaml.split("\n", -1)) {
      if (line.startsWith("groups:")) {
        inGroups = true;
      }
      if (inGroups && !line.isEmpty()) {
        out.append("  ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** Renders {@code {{ $labels.x }}} as Prometheus does (a missing label is empty). */
  private static String expand(String template, Map<String, String> labels) {
    Matcher m = LABEL_TEMPLATE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(labels.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** One promtool test: stages of series over time, and the exact alerts at some times. */
  private static final class Scenario {
    private final String name;
    private final List<Map<String, Series>> stages = new ArrayList<>();
    private final List<Integer> samples = new ArrayList<>();
    private final Map<String, Map<String, List<Map<String, String>>>> expected =
        new LinkedHashMap<>();

    Scenario(String name) {
      this.name = name;
    }

    /** Objects as the exporter renders them, for this many samples (one a minute). */
    Scenario stage(int sampleCount, List<?> objectsOrSeries) {
      List<RenderedObject> rendered = new ArrayList<>();
      List<Series> series = new ArrayList<>();
      for (Object o : objectsOrSeries) {
        if (o instanceof HasMetadata object) {
          rendered.add(CATALOGUE.render(object));
        } else {
          series.add((Series) o);
        }
      }
      if (!rendered.isEmpty()) {
        String text = ExpositionWriter.toText(CATALOGUE, rendered, ExpositionFormat.TEXT_0_0_4);
        series.addAll(0, ExpositionParser.parsePrometheus(text).series());
      }
      Map<String, Series> byKey = new LinkedHashMap<>();
      series.forEach(s -> byKey.put(key(s), s));
      stages.add(byKey);
      samples.add(sampleCount);
      return this;
    }

    List<Series> lastStage() {
      return List.copyOf(stages.get(stages.size() - 1).values());
    }

    /** At {@code evalTime}, alert {@code alert} fires exactly for these label sets (or none). */
    Scenario expect(String evalTime, String alert, List<Map<String, String>> labelSets) {
      expected.computeIfAbsent(evalTime, t -> new TreeMap<>()).put(alert, List.copyOf(labelSets));
      return this;
    }

    Scenario expect(String evalTime, String alert) {
      return expect(evalTime, alert, List.of());
    }

    Scenario expect(String evalTime, String alert, Map<String, String> labels) {
      return expect(evalTime, alert, List.of(labels));
    }

    Scenario expect(
        String evalTime, String alert, Map<String, String> first, Map<String, String> second) {
      return expect(evalTime, alert, List.of(first, second));
    }

    /** A promtool test group; every alert is checked at every evaluation time. */
    ObjectNode toPromtool(Map<String, JsonNode> alerts) {
      ObjectNode test = YAML.createObjectNode();
      test.put("name", name);
      test.put("interval", "1m");
      ArrayNode inputs = test.putArray("input_series");
      Set<String> keys = new LinkedHashSet<>();
      stages.forEach(stage -> keys.addAll(stage.keySet()));
      for (String key : keys) {
        List<String> runs = new ArrayList<>();
        String run = null;
        int length = 0;
        for (int i = 0; i < stages.size(); i++) {
          Series s = stages.get(i).get(key);
          String value = s == null ? "_" : number(s.value());
          for (int n = 0; n < samples.get(i); n++) {
            if (value.equals(run)) {
              length++;
            } else {
              if (run != null) {
                runs.add(length == 1 ? run : run + "x" + (length - 1));
              }
              run = value;
              length = 1;
            }
          }
        }
        runs.add(length == 1 ? run : run + "x" + (length - 1));
        inputs.addObject().put("series", key).put("values", String.join(" ", runs));
      }
      ArrayNode checks = test.putArray("alert_rule_test");
      for (var atTime : expected.entrySet()) {
        for (String alert : alerts.keySet()) {
          ObjectNode check = checks.addObject();
          check.put("eval_time", atTime.getKey());
          check.put("alertname", alert);
          ArrayNode exp = check.putArray("exp_alerts");
          JsonNode rule = alerts.get(alert);
          for (Map<String, String> labels : atTime.getValue().getOrDefault(alert, List.of())) {
            ObjectNode one = exp.addObject();
            ObjectNode expLabels = one.putObject("exp_labels");
            labels.forEach(expLabels::put);
            rule.path("labels").properties().forEach(e -> expLabels.set(e.getKey(), e.getValue()));
            ObjectNode annotations = one.putObject("exp_annotations");
            rule.path("annotations")
                .properties()
                .forEach(e -> annotations.put(e.getKey(), expand(e.getValue().asText(), labels)));
          }
        }
      }
      return test;
    }

    private static String key(Series s) {
      StringBuilder key = new StringBuilder(s.name()).append('{');
      String sep = "";
      for (var label : s.labels().entrySet()) {
        key.append(sep).append(label.getKey()).append("=\"");
        key.append(
            label.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"));
        key.append('"');
        sep = ",";
      }
      return key.append('}').toString();
    }

    private static String number(double value) {
      return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
  }
}
