package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.DeployChecks.KUBESTASH_RESOURCES;
import static io.github.kubestashmetrics.exporter.DeployChecks.METRICS_CONFIGURATIONS;
import static io.github.kubestashmetrics.exporter.DeployChecks.REVIEW_GRANTS;
import static io.github.kubestashmetrics.exporter.DeployChecks.assertLeastPrivilege;
import static io.github.kubestashmetrics.exporter.DeployChecks.assertLockedDown;
import static io.github.kubestashmetrics.exporter.DeployChecks.containerArgs;
import static io.github.kubestashmetrics.exporter.DeployChecks.grantsOfTheBoundRole;
import static io.github.kubestashmetrics.exporter.DeployChecks.grantsOfTheServiceAccount;
import static io.github.kubestashmetrics.exporter.DeployChecks.kinds;
import static io.github.kubestashmetrics.exporter.DeployChecks.ofKind;
import static io.github.kubestashmetrics.exporter.DeployChecks.only;
import static io.github.kubestashmetrics.exporter.DeployChecks.readOnly;
import static io.github.kubestashmetrics.exporter.DeployChecks.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm chart, linted and rendered by real Helm: every value set of {@link ChartValueSets}
 * renders objects that fabric8's model reads, with the deploy guarantees of {@link DeployChecks};
 * bad values are refused by the chart's schema with Helm's own error.
 */
class HelmChartTest {

  /** Kinds of CRDs (prometheus-operator, cert-manager) that fabric8's model does not type. */
  private static final KubernetesSerialization MODEL = new KubernetesSerialization();

  private static final Set<String> CUSTOM_KINDS =
      Set.of("ServiceMonitor", "PrometheusRule", "Certificate", "Issuer");

  @Test
  void helmLintStrictFindsNothing() {
    LintResult lint = new Helm(ExporterChart.DIRECTORY).lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    assertThat(lint.getMessages())
        .as("lint messages")
        .allMatch(m -> m.contains("[INFO]") && m.contains("icon is recommended"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.github.kubestashmetrics.exporter.ChartValueSets#all")
  void everyValueSetRendersTypedObjectsThatPassTheDeployChecks(
      String name, Map<String, Object> values) throws Exception {
    List<JsonNode> objects = ExporterChart.render(values);
    assertThat(objects).isNotEmpty();
    for (JsonNode object : objects) {
      assertParsesAsKubernetesObject(object);
    }
    assertLockedDown(objects);
    Set<String> grants = grantsOfTheServiceAccount(objects);
    String mode = ChartValueSets.mode(values);
    Set<String> expected = new HashSet<>(readOnly(KUBESTASH_RESOURCES));
    if (mode.equals("cluster")) {
      expected.addAll(readOnly(List.of(METRICS_CONFIGURATIONS)));
    }
    expected.addAll(ChartValueSets.extraKindGrants(values));
    if (ChartValueSets.kubernetesAuth(values)) {
      expected.addAll(REVIEW_GRANTS);
    } else {
      // One binding: exactly DeployManifestsTest's check.
      assertThat(grantsOfTheBoundRole(objects)).isEqualTo(expected);
      if (mode.equals("builtin")) {
        assertLeastPrivilege(objects);
      }
    }
    assertThat(grants).isEqualTo(expected);
    assertNamesAndNamespaces(objects);
  }

  @Test
  void shardedValuesRunOneStatefulSetPodPerShardWithAPodDisruptionBudget() {
    List<JsonNode> objects = ExporterChart.render(ChartValueSets.sharded());
    assertThat(kinds(objects))
        .contains("StatefulSet", "PodDisruptionBudget")
        .doesNotContain("Deployment");
    JsonNode statefulSet = only(objects, "StatefulSet");
    int replicas = statefulSet.path("spec").path("replicas").asInt();
    assertThat(replicas).isEqualTo(3);
    assertThat(containerArgs(objects)).contains("--total-shards=" + replicas);
    assertThat(
            statefulSet
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("env")
                .toString())
        .contains("POD_NAME")
        .contains("metadata.name");
    for (JsonNode service : ofKind(objects, "Service")) {
      assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
    }
    assertThat(
            only(objects, "PodDisruptionBudget").path("spec").path("selector").path("matchLabels"))
        .isEqualTo(statefulSet.path("spec").path("selector").path("matchLabels"));
  }

  @Test
  void withoutRbacAndServiceAccountCreationTheChartRendersNeitherAndUsesTheNamedAccount() {
    List<JsonNode> objects =
        ExporterChart.render(
            ChartValueSets.values(
                "rbac.create", false,
                "serviceAccount.create", false,
                "serviceAccount.name", "platform-exporter"));
    assertThat(kinds(objects))
        .doesNotContain("ClusterRole", "ClusterRoleBinding", "ServiceAccount")
        .contains("Deployment", "Service");
    assertThat(
            workload(objects)
                .path("spec")
                .path("template")
                .path("spec")
                .path("serviceAccountName")
                .asText())
        .isEqualTo("platform-exporter");
    assertLockedDown(objects);
  }

  @Test
  void chartCopiesOfTheAlertsAndDashboardEqualDeployMonitoring() throws Exception {
    for (String file : List.of("rules.yaml", "dashboard.json")) {
      Path source = MonitoringSupport.MONITORING.resolve(file);
      Path copy = ExporterChart.DIRECTORY.resolve("files").resolve(file);
      if (Boolean.getBoolean("kubestash.updateMonitoring")) {
        Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      assertThat(Files.readString(copy))
          .as(
              copy
                  + " is a copy of deploy/monitoring/"
                  + file
                  + ": run HelmChartTest with -Dkubestash.updateMonitoring=true")
          .isEqualTo(Files.readString(source));
    }
    Map<String, Object> values = ChartValueSets.values("serviceMonitor.enabled", true);
    values.put("prometheusRule", Map.of("enabled", true));
    values.put("grafanaDashboard", Map.of("enabled", true));
    List<JsonNode> objects = ExporterChart.render(values);
    assertThat(only(objects, "PrometheusRule").path("spec").path("groups"))
        .isEqualTo(
            DeployChecks.YAML
                .readTree(MonitoringSupport.MONITORING.resolve("rules.yaml").toFile())
                .path("groups"));
    JsonNode dashboard =
        ofKind(objects, "ConfigMap").stream()
            .filter(c -> c.path("data").has("kubestash.json"))
            .findFirst()
            .orElseThrow();
    assertThat(dashboard.path("metadata").path("labels").path("grafana_dashboard").asText())
        .isEqualTo("1");
    assertThat(DeployChecks.YAML.readTree(dashboard.path("data").path("kubestash.json").asText()))
        .isEqualTo(
            DeployChecks.YAML.readTree(
                MonitoringSupport.MONITORING.resolve("dashboard.json").toFile()));
  }

  @Test
  void chartReadmesInstallCommandAndPanopticonValuesFileRenderWhatTheySay() throws Exception {
    String readme = Files.readString(ExporterChart.DIRECTORY.resolve("README.md"));
    assertThat(readme)
        .contains(
            "helm install "
                + ExporterChart.RELEASE
                + " . --namespace "
                + ExporterChart.NAMESPACE
                + " --create-namespace");
    String opening = "```yaml\n# values-from-panopticon.yaml\n";
    int start = readme.indexOf(opening);
    assertThat(start).as("the README's values file").isNotNegative();
    String example =
        readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 3));
    @SuppressWarnings("unchecked")
    Map<String, Object> values = DeployChecks.YAML.readValue(example, Map.class);
    List<JsonNode> objects = ExporterChart.render(values);
    assertThat(containerArgs(objects)).contains("--metrics-config=cluster");
    assertThat(kinds(objects)).contains("ServiceMonitor", "PrometheusRule");
    assertThat(grantsOfTheBoundRole(objects))
        .contains("kubedb.com/mongodbs:list", "kubedb.com/redises:watch")
        .containsAll(readOnly(List.of(METRICS_CONFIGURATIONS)));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("replicas a string", Map.of("replicas", "three"), "replicas"),
        Arguments.of("an unknown mode", Map.of("mode", "prometheus"), "mode"),
        Arguments.of("a mistyped key", Map.of("replicaCount", 2), "replicaCount"),
        Arguments.of(
            "kinds in cluster mode",
            Map.of("mode", "cluster", "scope", Map.of("kinds", List.of("Snapshot"))),
            "kinds"),
        Arguments.of(
            "an unknown kind", Map.of("scope", Map.of("kinds", List.of("Snapshots"))), "kinds"),
        Arguments.of("path mode without configurations", Map.of("mode", "path"), "metricsConfig"),
        Arguments.of(
            "secrets as an extra kind",
            Map.of(
                "mode",
                "cluster",
                "rbac",
                Map.of(
                    "extraKinds",
                    List.of(Map.of("apiGroups", List.of(""), "resources", List.of("secrets"))))),
            "resources"),
        Arguments.of(
            "the webhook without secure serving",
            Map.of("webhook", Map.of("enabled", true)),
            "secureServing"),
        Arguments.of("a port out of range", Map.of("ports", Map.of("metrics", 70000)), "metrics"),
        Arguments.of(
            "a mistyped nested key", Map.of("serviceMonitor", Map.of("enable", true)), "enable"),
        Arguments.of(
            "a digest that is not one", Map.of("image", Map.of("digest", "latest")), "digest"),
        Arguments.of(
            "a log level the exporter does not know", Map.of("logLevel", "verbose"), "logLevel"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void badValuesAreRefusedByTheSchemaWithHelmsOwnError(
      String name, Map<String, Object> values, String field) {
    assertThatThrownBy(() -> ExporterChart.template(new LinkedHashMap<>(values)))
        .hasMessageContaining("values don't meet the specifications of the schema")
        .hasMessageContaining(field);
  }

  /** fabric8's model reads it as its typed class (a CRD's kind as a generic resource). */
  private static void assertParsesAsKubernetesObject(JsonNode object) throws Exception {
    String kind = object.path("kind").asText();
    KubernetesResource parsed = MODEL.unmarshal(object.toString());
    assertThat(parsed).as(kind).isInstanceOf(HasMetadata.class);
    if (CUSTOM_KINDS.contains(kind)) {
      assertThat(parsed).as(kind).isInstanceOf(GenericKubernetesResource.class);
    } else {
      assertThat(parsed).as(kind).isNotInstanceOf(GenericKubernetesResource.class);
      List<String> unknown = new ArrayList<>();
      UnknownFields.collect(parsed, kind, unknown);
      assertThat(unknown).as("fields fabric8's model does not know").isEmpty();
    }
    assertThat(((HasMetadata) parsed).getMetadata().getName()).as(kind).isNotBlank();
  }

  private static void assertNamesAndNamespaces(List<JsonNode> objects) {
    Set<String> ids = new HashSet<>();
    for (JsonNode object : objects) {
      String kind = object.path("kind").asText();
      String name = object.path("metadata").path("name").asText();
      assertThat(ids.add(kind + "/" + name)).as("one " + kind + " " + name).isTrue();
      assertThat(name).as(kind).startsWith(ExporterChart.RELEASE);
      if (List.of("Role", "RoleBinding").contains(kind) && name.endsWith("-events")) {
        // Cluster mode's Events on cluster-scoped MetricsConfigurations live in default.
        assertThat(object.path("metadata").path("namespace").asText())
            .as(kind + " " + name)
            .isEqualTo("default");
      } else if (!List.of("ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration")
          .contains(kind)) {
        assertThat(object.path("metadata").path("namespace").asText())
            .as(kind + " " + name)
            .isEqualTo(ExporterChart.NAMESPACE);
      }
    }
    assertThat(workload(objects).path("metadata").path("name").asText())
        .isEqualTo(ExporterChart.RELEASE);
  }
}
