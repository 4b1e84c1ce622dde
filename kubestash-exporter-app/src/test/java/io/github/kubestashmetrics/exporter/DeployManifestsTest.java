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
import static io.github.kubestashmetrics.exporter.DeployChecks.grantsOfTheBoundRole;
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
import java.util.List;
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
  void everyRoleUnderDeployIsReadOnlyWithoutWildcardsOrSecrets() throws IOException {
    List<JsonNode> roles = ofKind(sourceObjects(DEPLOY), "ClusterRole");
    // base, the cluster-mode component's two and the extra-kinds example
    assertThat(roles).hasSizeGreaterThanOrEqualTo(4);
    roles.forEach(DeployChecks::assertReadOnly);
    assertThat(ofKind(sourceObjects(DEPLOY), "Role")).isEmpty();
  }

  @Test
  void clusterOverlayRunsClusterModeWithAnAggregatedReadOnlyRole() throws Exception {
    assumeTrue(ExternalTools.onPath("kubectl"), "kubectl is not installed");
    List<JsonNode> cluster = kustomize(DEPLOY.resolve("cluster"));
    assertLockedDown(cluster);
    assertThat(kinds(cluster)).contains("Deployment", "Service");
    assertThat(containerArgs(cluster)).containsOnlyOnce("--metrics-config=cluster");
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
