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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The deploy manifests grant least privilege and run the exporter locked down. */
class DeployManifestsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DEPLOY =
      Path.of(System.getProperty("kubestash.project.dir", ".."), "deploy");

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
  void serviceCarriesPrometheusScrapeAnnotations() throws IOException {
    JsonNode service = only(sourceObjects(), "Service");
    JsonNode annotations = service.path("metadata").path("annotations");
    assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
    assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("8080");
    assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
  }

  private static void assertLeastPrivilege(List<JsonNode> objects) {
    assertThat(objects.stream().filter(o -> o.path("kind").asText().equals("Role"))).isEmpty();
    JsonNode role = only(objects, "ClusterRole");
    Set<String> grants = new HashSet<>();
    for (JsonNode rule : role.path("rules")) {
      assertThat(rule.has("nonResourceURLs")).as("no non-resource URLs").isFalse();
      assertThat(rule.has("resourceNames")).isFalse();
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            grants.add(group.asText() + "/" + resource.asText() + ":" + verb.asText());
          }
        }
      }
    }
    Set<String> expected = new HashSet<>();
    for (String resource :
        List.of(
            "core.kubestash.com/backupconfigurations",
            "core.kubestash.com/backupsessions",
            "core.kubestash.com/restoresessions",
            "storage.kubestash.com/backupstorages",
            "storage.kubestash.com/repositories",
            "storage.kubestash.com/snapshots")) {
      for (String verb : List.of("get", "list", "watch")) {
        expected.add(resource + ":" + verb);
      }
    }
    assertThat(grants).isEqualTo(expected);
    JsonNode binding = only(objects, "ClusterRoleBinding");
    assertThat(binding.path("roleRef").path("name").asText())
        .isEqualTo(role.path("metadata").path("name").asText());
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
    List<JsonNode> matching =
        objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    assertThat(matching).as(kind).hasSize(1);
    return matching.get(0);
  }

  private static List<String> kinds(List<JsonNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText()).toList();
  }

  private static List<JsonNode> sourceObjects() throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (Stream<Path> files = Files.walk(DEPLOY.resolve("base"))) {
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
