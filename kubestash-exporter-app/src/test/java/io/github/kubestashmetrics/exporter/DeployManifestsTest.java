package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.DeployChecks.AGGREGATION_LABEL;
import static io.github.kubestashmetrics.exporter.DeployChecks.DEPLOY;
import static io.github.kubestashmetrics.exporter.DeployChecks.KUBESTASH_RESOURCES;
import static io.github.kubestashmetrics.exporter.DeployChecks.METRICS_CONFIGURATIONS;
import static io.github.kubestashmetrics.exporter.DeployChecks.READ_ONLY;
import static io.github.kubestashmetrics.exporter.DeployChecks.assertLeastPrivilege;
import static io.github.kubestashmetrics.exporter.DeployChecks.assertLockedDown;
import static io.github.kubestashmetrics.exporter.DeployChecks.assertReadOnly;
import static io.github.kubestashmetrics.exporter.DeployChecks.concat;
import static io.github.kubestashmetrics.exporter.DeployChecks.containerArgs;
import static io.github.kubestashmetrics.exporter.DeployChecks.grants;
import static io.github.kubestashmetrics.exporter.DeployChecks.grantsOfTheBoundRole;
import static io.github.kubestashmetrics.exporter.DeployChecks.grantsOfTheServiceAccount;
import static io.github.kubestashmetrics.exporter.DeployChecks.kinds;
import static io.github.kubestashmetrics.exporter.DeployChecks.kustomize;
import static io.github.kubestashmetrics.exporter.DeployChecks.ofKind;
import static io.github.kubestashmetrics.exporter.DeployChecks.only;
import static io.github.kubestashmetrics.exporter.DeployChecks.readOnly;
import static io.github.kubestashmetrics.exporter.DeployChecks.sourceObjects;
import static io.github.kubestashmetrics.exporter.DeployChecks.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy manifests grant least privilege and run the exporter locked down: base, every overlay
 * and cluster mode, whose ClusterRole is aggregated from labelled ClusterRoles. The checks are
 * {@link DeployChecks}', which the Helm chart's tests run too.
 */
class DeployManifestsTest {

  @Test
  void clusterRoleGrantsExactlyGetListWatchOnTheSixKubeStashResources() throws IOException {
    assertLeastPrivilege(baseObjects());
  }

  @Test
  void podRunsAsNonRootWithReadOnlyRootFilesystemAndNoPrivilegeEscalation() throws IOException {
    assertLockedDown(baseObjects());
  }

  @Test
  void kustomizeRendersBaseAndServiceMonitorOverlayWithTheSameGuarantees() throws Exception {
    assumeTrue(
        ExternalTools.onPath("kubectl"),
        "kubectl is not installed: the YAML tests above still run");
    List<JsonNode> base = kustomize(DEPLOY);
    assertLeastPrivilege(base);
    assertLockedDown(base);
    assertThat(kinds(base))
        .contains("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Deployment", "Service");
    List<JsonNode> withMonitor = kustomize(DEPLOY.resolve("servicemonitor"));
    assertThat(kinds(withMonitor)).contains("ServiceMonitor");
    assertLeastPrivilege(withMonitor);
  }

  @Test
  void shardedOverlayRunsOneStatefulSetPodPerShardWithTheShardFromThePodName() throws Exception {
    assumeTrue(ExternalTools.onPath("kubectl"), "kubectl is not installed");
    List<JsonNode> sharded = kustomize(DEPLOY.resolve("sharded"));
    assertLeastPrivilege(sharded);
    assertLockedDown(sharded);
    assertThat(kinds(sharded)).doesNotContain("Deployment").contains("StatefulSet");
    JsonNode statefulSet = only(sharded, "StatefulSet");
    int replicas = statefulSet.path("spec").path("replicas").asInt();
    JsonNode container =
        statefulSet.path("spec").path("template").path("spec").path("containers").get(0);
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    assertThat(args).contains("--total-shards=" + replicas);
    assertThat(container.path("env").toString()).contains("POD_NAME").contains("metadata.name");
    // The overlay's own objects too land in the base's namespace, labelled, with its image.
    for (JsonNode object : sharded) {
      if (!List.of("Namespace", "ClusterRole", "ClusterRoleBinding")
          .contains(object.path("kind").asText())) {
        assertThat(object.path("metadata").path("namespace").asText())
            .as(object.path("kind").asText() + " " + object.path("metadata").path("name").asText())
            .isEqualTo("kubestash-metrics");
      }
    }
    assertThat(container.path("image").asText())
        .isEqualTo(
            workload(kustomize(DEPLOY))
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("image")
                .asText());
    assertThat(kinds(sharded)).contains("PodDisruptionBudget");
    // No load-balanced Service: each scrape must reach one specific shard.
    for (JsonNode service :
        sharded.stream().filter(o -> o.path("kind").asText().equals("Service")).toList()) {
      assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
    }
  }

  @Test
  void everyRoleUnderDeployIsReadOnlyWithoutWildcardsOrSecretsButTheThreeNamedWriteRoles()
      throws IOException {
    List<JsonNode> all = sourceObjects(DEPLOY);
    List<JsonNode> roles = new ArrayList<>(ofKind(all, "ClusterRole"));
    roles.addAll(ofKind(all, "Role"));
    // base, the cluster-mode component's two and the extra-kinds example
    assertThat(roles.stream().filter(r -> !isWriteRole(r))).hasSizeGreaterThanOrEqualTo(4);
    roles.stream().filter(r -> !isWriteRole(r)).forEach(DeployChecks::assertReadOnly);
    assertWritesOnlyWhereEnabled(all);
    assertThat(
            roles.stream().filter(DeployManifestsTest::isWriteRole).map(DeployManifestsTest::name))
        .containsExactlyInAnyOrderElementsOf(WRITE_ROLES.keySet());
  }

  /**
   * The only roles that grant more than reading, each exactly its grants: the reviews of {@code
   * --auth=kubernetes} (secure-serving), Events of cluster mode (in {@code default}), and the
   * scraper's {@code get} on {@code /metrics}.
   */
  private static final Map<String, Set<String>> WRITE_ROLES =
      Map.of(
          "kubestash-exporter-auth",
          Set.of(
              "authentication.k8s.io/tokenreviews:create",
              "authorization.k8s.io/subjectaccessreviews:create"),
          "kubestash-exporter-events",
          Set.of("/events:create"),
          "kubestash-exporter-metrics-reader",
          Set.of("url:/metrics:get"));

  private static boolean isWriteRole(JsonNode role) {
    return WRITE_ROLES.containsKey(name(role));
  }

  private static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  /** Each write role grants exactly its grants; the events role lives in {@code default}. */
  private static void assertWritesOnlyWhereEnabled(List<JsonNode> objects) {
    for (JsonNode role : objects) {
      String kind = role.path("kind").asText();
      if ((kind.equals("Role") || kind.equals("ClusterRole")) && isWriteRole(role)) {
        Set<String> grants = new HashSet<>(grants(role));
        for (JsonNode rule : role.path("rules")) {
          for (JsonNode url : rule.path("nonResourceURLs")) {
            for (JsonNode verb : rule.path("verbs")) {
              grants.add("url:" + url.asText() + ":" + verb.asText());
            }
          }
        }
        assertThat(grants).as(name(role)).isEqualTo(WRITE_ROLES.get(name(role)));
        if (kind.equals("Role")) {
          assertThat(role.path("metadata").path("namespace").asText()).isEqualTo("default");
        }
      }
    }
  }

  @Test
  void secureServingAndWebhookComponentsServeHttpsWithKubernetesAuthAndCertManagerCa(
      @TempDir Path dir) throws Exception {
    assumeTrue(ExternalTools.onPath("kubectl"), "kubectl is not installed");
    Path deploy = dir.toAbsolutePath().relativize(DEPLOY.toAbsolutePath().normalize());
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "resources:\n- "
            + deploy.resolve("base")
            + "\ncomponents:\n- "
            + deploy.resolve("components").resolve("secure-serving")
            + "\n- "
            + deploy.resolve("components").resolve("webhook")
            + "\n");
    List<JsonNode> secure = kustomize(dir);
    assertLockedDown(secure);
    Set<String> expected = new HashSet<>(readOnly(KUBESTASH_RESOURCES));
    expected.addAll(DeployChecks.REVIEW_GRANTS);
    assertThat(grantsOfTheServiceAccount(secure)).isEqualTo(expected);
    assertThat(containerArgs(secure))
        .contains(
            "--web-config-file=/etc/kubestash-exporter/web/web.yml",
            "--auth=kubernetes",
            "--admission");
    JsonNode pod = workload(secure).path("spec").path("template").path("spec");
    JsonNode container = pod.path("containers").get(0);
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      assertThat(container.path(probe).path("httpGet").path("scheme").asText()).isEqualTo("HTTPS");
    }
    // The exporter may create reviews: bound to its ServiceAccount.
    JsonNode authBinding =
        ofKind(secure, "ClusterRoleBinding").stream()
            .filter(b -> name(b).equals("kubestash-exporter-auth"))
            .findFirst()
            .orElseThrow();
    assertThat(authBinding.path("subjects").get(0).path("name").asText())
        .isEqualTo(pod.path("serviceAccountName").asText());
    assertThat(ofKind(secure, "ClusterRole").stream().map(DeployManifestsTest::name))
        .contains("kubestash-exporter-auth", "kubestash-exporter-metrics-reader");
    // The ServiceMonitor scrapes over HTTPS with the serving certificate's CA and a bearer token.
    JsonNode monitor = only(secure, "ServiceMonitor");
    for (JsonNode endpoint : monitor.path("spec").path("endpoints")) {
      assertThat(endpoint.path("scheme").asText()).isEqualTo("https");
      assertThat(endpoint.path("bearerTokenFile").asText()).isNotEmpty();
      assertThat(endpoint.path("tlsConfig").path("ca").path("secret").path("name").asText())
          .isEqualTo("kubestash-exporter-serving");
    }
    JsonNode serving =
        ofKind(secure, "Certificate").stream()
            .filter(c -> name(c).equals("kubestash-exporter-serving"))
            .findFirst()
            .orElseThrow();
    assertThat(serving.path("spec").path("dnsNames").toString())
        .contains(
            monitor
                .path("spec")
                .path("endpoints")
                .get(0)
                .path("tlsConfig")
                .path("serverName")
                .asText());
    // The webhook: cert-manager injects the serving certificate's CA; the path is the exporter's.
    JsonNode webhook = only(secure, "ValidatingWebhookConfiguration");
    assertThat(
            webhook
                .path("metadata")
                .path("annotations")
                .path("cert-manager.io/inject-ca-from")
                .asText())
        .isEqualTo(serving.path("metadata").path("namespace").asText() + "/" + name(serving));
    JsonNode service = webhook.path("webhooks").get(0).path("clientConfig").path("service");
    assertThat(service.path("path").asText()).isEqualTo("/validate-metricsconfiguration");
    assertThat(service.path("name").asText()).isEqualTo(name(only(secure, "Service")));
    assertThat(webhook.path("webhooks").get(0).path("admissionReviewVersions").toString())
        .contains("v1");
    // The web configuration Secret is a valid web configuration (with test certificates).
    JsonNode secret = only(secure, "Secret");
    String web = secret.path("stringData").path("web.yml").asText();
    io.github.kubestashmetrics.exporter.web.TestCertificates.authority("test-only CA")
        .server("s", io.github.kubestashmetrics.exporter.web.TestCertificates.KeyForm.PKCS1_RSA)
        .write(dir.resolve("tls"), "tls.crt", "tls.key");
    Path file = dir.resolve("web.yml");
    Files.writeString(file, web.replace("/etc/kubestash-exporter/tls/", dir.resolve("tls") + "/"));
    assertThat(io.github.kubestashmetrics.exporter.web.WebConfig.read(file).tlsEnabled()).isTrue();
    if (ExternalTools.onPath("promtool")) {
      assertThat(io.github.kubestashmetrics.exporter.web.WebConfigTest.promtoolCheck(file))
          .isZero();
    }
  }

  @Test
  void clusterOverlayRunsClusterModeWithAnAggregatedReadOnlyRole() throws Exception {
    assumeTrue(ExternalTools.onPath("kubectl"), "kubectl is not installed");
    List<JsonNode> cluster = kustomize(DEPLOY.resolve("cluster"));
    assertLockedDown(cluster);
    assertThat(kinds(cluster)).contains("Deployment", "Service");
    assertThat(containerArgs(cluster)).containsOnlyOnce("--metrics-config=cluster");
    assertThat(ofKind(cluster, "Role").stream().map(DeployManifestsTest::name))
        .containsExactly("kubestash-exporter-events");
    assertThat(grantsOfTheBoundRole(cluster))
        .isEqualTo(readOnly(concat(KUBESTASH_RESOURCES, METRICS_CONFIGURATIONS)));
    assertThat(only(cluster, "ClusterRoleBinding").path("subjects").get(0).path("name").asText())
        .isEqualTo(
            workload(cluster)
                .path("spec")
                .path("template")
                .path("spec")
                .path("serviceAccountName")
                .asText());
    // The other overlays keep the built-in catalogue (the flag's default).
    assertThat(containerArgs(kustomize(DEPLOY))).noneMatch(a -> a.startsWith("--metrics-config"));
  }

  @Test
  void extraKindsExampleAddsReadOnlyKindsToTheClusterRoleThroughItsLabel() throws Exception {
    assumeTrue(ExternalTools.onPath("kubectl"), "kubectl is not installed");
    List<JsonNode> example =
        sourceObjects(DEPLOY.resolve("cluster").resolve("clusterrole-extra-kinds.example.yaml"));
    JsonNode extra = only(example, "ClusterRole");
    assertReadOnly(extra);
    assertThat(extra.path("metadata").path("labels").path(AGGREGATION_LABEL).asText())
        .isEqualTo("true");
    // Not part of the overlay: applied by the operator, beside it.
    List<JsonNode> cluster = new ArrayList<>(kustomize(DEPLOY.resolve("cluster")));
    assertThat(cluster)
        .noneMatch(
            o -> o.path("metadata").path("name").equals(extra.path("metadata").path("name")));
    cluster.add(extra);
    Set<String> withExtra = grantsOfTheBoundRole(cluster);
    assertThat(withExtra)
        .containsAll(readOnly(concat(KUBESTASH_RESOURCES, METRICS_CONFIGURATIONS)))
        .contains("apps/deployments:list", "apps/statefulsets:watch", "kubedb.com/mongodbs:get")
        .allMatch(g -> READ_ONLY.contains(g.substring(g.indexOf(':') + 1)));
  }

  @Test
  void clusterModeComponentComposesWithTheShardedOverlay(@TempDir Path dir) throws Exception {
    assumeTrue(ExternalTools.onPath("kubectl"), "kubectl is not installed");
    // kustomize accepts only relative paths to other kustomizations.
    Path deploy = dir.toAbsolutePath().relativize(DEPLOY.toAbsolutePath().normalize());
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "resources:\n- "
            + deploy.resolve("sharded")
            + "\ncomponents:\n- "
            + deploy.resolve("components").resolve("metrics-config-cluster")
            + "\n");
    List<JsonNode> sharded = kustomize(dir);
    assertLockedDown(sharded);
    assertThat(kinds(sharded)).contains("StatefulSet").doesNotContain("Deployment");
    assertThat(containerArgs(sharded))
        .containsOnlyOnce("--metrics-config=cluster")
        .contains("--total-shards=3");
    assertThat(grantsOfTheBoundRole(sharded))
        .isEqualTo(readOnly(concat(KUBESTASH_RESOURCES, METRICS_CONFIGURATIONS)));
  }

  @Test
  void readmePathModeExampleMountsItsConfigMapWhereTheFlagPoints(@TempDir Path dir)
      throws Exception {
    assumeTrue(ExternalTools.onPath("kubectl"), "kubectl is not installed");
    String readme = Files.readString(DEPLOY.getParent().resolve("README.md"));
    String opening = "```yaml\n# kustomization.yaml, beside backupsession.yaml";
    int start = readme.indexOf(opening);
    assertThat(start).as("the README's PATH-mode example").isNotNegative();
    String example =
        readme.substring(start + "```yaml\n".length(), readme.indexOf("```", start + 3));
    Path project = dir.toAbsolutePath().relativize(DEPLOY.getParent().toAbsolutePath().normalize());
    Files.writeString(
        dir.resolve("kustomization.yaml"), example.replace("<clone>", project.toString()));
    Files.writeString(
        dir.resolve("backupsession.yaml"),
        "apiVersion: metrics.appscode.com/v1alpha1\nkind: MetricsConfiguration\n"
            + "metadata: {name: example}\n");
    List<JsonNode> objects = kustomize(dir);
    assertLeastPrivilege(objects);
    assertLockedDown(objects);
    JsonNode configMap = only(objects, "ConfigMap");
    assertThat(configMap.path("metadata").path("namespace").asText())
        .isEqualTo(workload(objects).path("metadata").path("namespace").asText());
    assertThat(configMap.path("data").has("backupsession.yaml")).isTrue();
    JsonNode pod = workload(objects).path("spec").path("template").path("spec");
    String flag = "--metrics-config=";
    List<String> paths =
        containerArgs(objects).stream()
            .filter(a -> a.startsWith(flag))
            .map(a -> a.substring(flag.length()))
            .toList();
    assertThat(paths).hasSize(1);
    List<JsonNode> mounts = new ArrayList<>();
    pod.path("containers").get(0).path("volumeMounts").forEach(mounts::add);
    JsonNode mount =
        mounts.stream()
            .filter(m -> m.path("mountPath").asText().equals(paths.get(0)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume mounted at " + paths.get(0)));
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    List<JsonNode> volumes = new ArrayList<>();
    pod.path("volumes").forEach(volumes::add);
    assertThat(volumes)
        .filteredOn(v -> v.path("name").asText().equals(mount.path("name").asText()))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.path("configMap").path("name").asText())
                    .isEqualTo(configMap.path("metadata").path("name").asText()));
  }

  @Test
  void serviceCarriesPrometheusScrapeAnnotations() throws IOException {
    JsonNode service = only(baseObjects(), "Service");
    JsonNode annotations = service.path("metadata").path("annotations");
    assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("8080");
    assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
  }

  private static List<JsonNode> baseObjects() throws IOException {
    return sourceObjects(DEPLOY.resolve("base"));
  }
}
