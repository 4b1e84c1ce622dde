package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy manifests grant least privilege and run the exporter locked down: base, every overlay
 * and cluster mode, whose ClusterRole is aggregated from labelled ClusterRoles.
 */
class DeployManifestsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DEPLOY =
      Path.of(System.getProperty("kubestash.project.dir", ".."), "deploy");
  private static final List<String> READ_ONLY = List.of("get", "list", "watch");
  private static final List<String> KUBESTASH_RESOURCES =
      List.of(
          "core.kubestash.com/backupconfigurations",
          "core.kubestash.com/backupsessions",
          "core.kubestash.com/restoresessions",
          "storage.kubestash.com/backupstorages",
          "storage.kubestash.com/repositories",
          "storage.kubestash.com/snapshots");
  private static final String METRICS_CONFIGURATIONS = "metrics.appscode.com/metricsconfigurations";
  private static final String AGGREGATION_LABEL = "kubestash-metrics/aggregate-to-exporter";

  @Test
  void clusterRoleGrantsExactlyGetListWatchOnTheSixKubeStashResources() throws IOException {
    assertLeastPrivilege(sourceObjects());
  }

  @Test
  void podRunsAsNonRootWithReadOnlyRootFilesystemAndNoPrivilegeEscalation() throws IOException {
    assertLockedDown(sourceObjects());
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
    roles.stream().filter(r -> !isWriteRole(r)).forEach(DeployManifestsTest::assertReadOnly);
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
    assertThat(grantsOfTheBoundRole(secure)).isEqualTo(readOnly(KUBESTASH_RESOURCES));
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

  private static List<String> concat(List<String> list, String element) {
    List<String> all = new ArrayList<>(list);
    all.add(element);
    return all;
  }

  @Test
  void serviceCarriesPrometheusScrapeAnnotations() throws IOException {
    JsonNode service = only(sourceObjects(), "Service");
    JsonNode annotations = service.path("metadata").path("annotations");
    assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("8080");
    assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
  }

  private static void assertLeastPrivilege(List<JsonNode> objects) {
    assertThat(grantsOfTheBoundRole(objects)).isEqualTo(readOnly(KUBESTASH_RESOURCES));
  }

  /**
   * Every Role and ClusterRole in {@code objects} is read-only; returns the grants ({@code
   * group/resource:verb}) of the one ClusterRole the one ClusterRoleBinding binds, aggregated as
   * the control plane's aggregation controller does when the role has an aggregationRule.
   */
  private static Set<String> grantsOfTheBoundRole(List<JsonNode> objects) {
    assertWritesOnlyWhereEnabled(objects);
    List<JsonNode> roles = ofKind(objects, "ClusterRole");
    roles.stream().filter(r -> !isWriteRole(r)).forEach(DeployManifestsTest::assertReadOnly);
    List<JsonNode> bindings =
        ofKind(objects, "ClusterRoleBinding").stream()
            .filter(b -> b.path("metadata").path("name").asText().equals("kubestash-exporter"))
            .toList();
    assertThat(bindings).as("the exporter's ClusterRoleBinding").hasSize(1);
    JsonNode binding = bindings.get(0);
    String bound = binding.path("roleRef").path("name").asText();
    List<JsonNode> boundRoles =
        roles.stream().filter(r -> r.path("metadata").path("name").asText().equals(bound)).toList();
    assertThat(boundRoles).as("the bound ClusterRole " + bound).hasSize(1);
    JsonNode role = boundRoles.get(0);
    if (!role.has("aggregationRule")) {
      return grants(role);
    }
    // The controller overwrites an aggregated role's own rules: any written there would mislead.
    assertThat(role.path("rules").size()).as("rules of the aggregated role").isZero();
    Set<String> aggregated = new HashSet<>();
    for (JsonNode selector : role.path("aggregationRule").path("clusterRoleSelectors")) {
      assertThat(selector.has("matchExpressions")).as("only matchLabels selectors").isFalse();
      assertThat(selector.path("matchLabels").size()).isPositive();
      for (JsonNode candidate : roles) {
        if (candidate != role && matches(selector.path("matchLabels"), candidate)) {
          aggregated.addAll(grants(candidate));
        }
      }
    }
    return aggregated;
  }

  /** Only get/list/watch on named resources of named groups; no secrets, no wildcards. */
  private static void assertReadOnly(JsonNode role) {
    String name = role.path("metadata").path("name").asText();
    // A role labelled so would also widen Kubernetes' own view/edit/admin roles.
    for (Map.Entry<String, JsonNode> label : role.path("metadata").path("labels").properties()) {
      assertThat(label.getKey()).as(name).doesNotStartWith("rbac.authorization.k8s.io/aggregate");
    }
    for (JsonNode rule : role.path("rules")) {
      assertThat(rule.has("nonResourceURLs")).as(name + ": no non-resource URLs").isFalse();
      assertThat(rule.has("resourceNames")).as(name).isFalse();
      assertThat(rule.path("apiGroups").size()).as(name + ": apiGroups").isPositive();
      assertThat(rule.path("resources").size()).as(name + ": resources").isPositive();
      for (JsonNode group : rule.path("apiGroups")) {
        assertThat(group.asText()).as(name + ": apiGroups").doesNotContain("*");
      }
      for (JsonNode resource : rule.path("resources")) {
        assertThat(resource.asText()).as(name + ": resources").doesNotContain("*");
        assertThat(resource.asText()).as(name + ": resources").doesNotStartWith("secrets");
      }
      for (JsonNode verb : rule.path("verbs")) {
        assertThat(verb.asText()).as(name + ": verbs").isIn(READ_ONLY);
      }
    }
  }

  private static Set<String> grants(JsonNode role) {
    Set<String> grants = new HashSet<>();
    for (JsonNode rule : role.path("rules")) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            grants.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
          }
        }
      }
    }
    return grants;
  }

  private static Set<String> readOnly(List<String> resources) {
    Set<String> expected = new HashSet<>();
    for (String resource : resources) {
      for (String verb : READ_ONLY) {
        expected.add(resource + ":" + verb);
      }
    }
    return expected;
  }

  private static boolean matches(JsonNode matchLabels, JsonNode object) {
    JsonNode labels = object.path("metadata").path("labels");
    for (Map.Entry<String, JsonNode> wanted : matchLabels.properties()) {
      JsonNode value = labels.get(wanted.getKey());
      if (value == null || !value.asText().equals(wanted.getValue().asText())) {
        return false;
      }
    }
    return true;
  }

  private static List<String> containerArgs(List<JsonNode> objects) {
    JsonNode container =
        workload(objects).path("spec").path("template").path("spec").path("containers").get(0);
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    return args;
  }

  private static void assertLockedDown(List<JsonNode> objects) {
    JsonNode pod = workload(objects).path("spec").path("template").path("spec");
    assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
    for (JsonNode container : pod.path("containers")) {
      JsonNode security = container.path("securityContext");
      assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
      assertThat(security.path("privileged").asBoolean(false)).isFalse();
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/healthz");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/readyz");
      assertThat(container.path("resources").path("requests").isObject()).isTrue();
      assertThat(container.path("resources").path("limits").isObject()).isTrue();
    }
  }

  private static JsonNode workload(List<JsonNode> objects) {
    List<JsonNode> workloads =
        objects.stream()
            .filter(o -> List.of("Deployment", "StatefulSet").contains(o.path("kind").asText()))
            .toList();
    assertThat(workloads).as("one Deployment or StatefulSet").hasSize(1);
    return workloads.get(0);
  }

  private static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> matching = ofKind(objects, kind);
    assertThat(matching).as(kind).hasSize(1);
    return matching.get(0);
  }

  private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  private static List<String> kinds(List<JsonNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText()).toList();
  }

  private static List<JsonNode> sourceObjects() throws IOException {
    return sourceObjects(DEPLOY.resolve("base"));
  }

  private static List<JsonNode> sourceObjects(Path dir) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        if (!file.getFileName().toString().equals("kustomization.yaml")) {
          objects.addAll(documents(Files.readString(file)));
        }
      }
    }
    return objects;
  }

  private static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && doc.isObject()) {
          docs.add(doc);
        }
      }
    }
    return docs;
  }

  private static List<JsonNode> kustomize(Path dir) throws Exception {
    Process process =
        new ProcessBuilder("kubectl", "kustomize", dir.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return documents(output);
  }
}
