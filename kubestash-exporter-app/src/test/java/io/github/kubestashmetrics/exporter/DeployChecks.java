package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The guarantees every rendering of the exporter's deployment must keep, whether kustomize or Helm
 * rendered it: least-privilege, read-only RBAC (aggregated roles computed as the control plane's
 * aggregation controller does) and a locked-down pod. {@link DeployManifestsTest} runs them on
 * {@code deploy/}, {@link HelmChartTest} on every value set of the chart.
 */
final class DeployChecks {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path PROJECT =
      Path.of(System.getProperty("kubestash.project.dir", "..")).toAbsolutePath().normalize();
  static final Path DEPLOY = PROJECT.resolve("deploy");
  static final List<String> READ_ONLY = List.of("get", "list", "watch");
  static final List<String> KUBESTASH_RESOURCES =
      List.of(
          "core.kubestash.com/backupconfigurations",
          "core.kubestash.com/backupsessions",
          "core.kubestash.com/restoresessions",
          "storage.kubestash.com/backupstorages",
          "storage.kubestash.com/repositories",
          "storage.kubestash.com/snapshots");
  static final String METRICS_CONFIGURATIONS = "metrics.appscode.com/metricsconfigurations";
  static final String AGGREGATION_LABEL = "kubestash-metrics/aggregate-to-exporter";

  /**
   * The only writes any rendering may grant, and only with {@code --auth=kubernetes}: creating a
   * TokenReview or SubjectAccessReview asks the API server a question and stores nothing.
   */
  static final Set<String> REVIEW_GRANTS =
      Set.of(
          "authentication.k8s.io/tokenreviews:create",
          "authorization.k8s.io/subjectaccessreviews:create");

  private DeployChecks() {}

  /**
   * The only namespaced Role allowed is cluster mode's: {@code create} on events in {@code default}
   * (Events on cluster-scoped MetricsConfigurations live there), and nothing else.
   */
  static void assertOnlyTheEventsRole(List<JsonNode> objects) {
    for (JsonNode role : ofKind(objects, "Role")) {
      String name = role.path("metadata").path("name").asText();
      assertThat(name).endsWith("-events");
      assertThat(role.path("metadata").path("namespace").asText()).as(name).isEqualTo("default");
      assertThat(grants(role)).as(name).isEqualTo(Set.of("/events:create"));
    }
  }

  /** The one ClusterRoleBinding binds exactly get/list/watch on the six KubeStash resources. */
  static void assertLeastPrivilege(List<JsonNode> objects) {
    assertThat(grantsOfTheBoundRole(objects)).isEqualTo(readOnly(KUBESTASH_RESOURCES));
  }

  /**
   * Every Role and ClusterRole in {@code objects} is read-only; returns the grants ({@code
   * group/resource:verb}) of the one ClusterRole the one ClusterRoleBinding binds, aggregated as
   * the control plane's aggregation controller does when the role has an aggregationRule.
   */
  static Set<String> grantsOfTheBoundRole(List<JsonNode> objects) {
    assertOnlyTheEventsRole(objects);
    List<JsonNode> roles = ofKind(objects, "ClusterRole");
    roles.forEach(DeployChecks::assertReadOnly);
    JsonNode binding = only(objects, "ClusterRoleBinding");
    return grantsOf(roles, binding.path("roleRef").path("name").asText());
  }

  /**
   * The grants of every ClusterRole bound to the workload's ServiceAccount (each aggregated as the
   * controller does), where secure serving may add a second binding: every role is read-only except
   * one whose grants are all {@link #REVIEW_GRANTS}, and a role with non-resource URLs (the
   * scrapers' {@code get /metrics}) must not be bound to the exporter.
   */
  static Set<String> grantsOfTheServiceAccount(List<JsonNode> objects) {
    assertOnlyTheEventsRole(objects);
    List<JsonNode> roles = ofKind(objects, "ClusterRole");
    JsonNode pod = workload(objects).path("spec").path("template").path("spec");
    String account = pod.path("serviceAccountName").asText();
    String namespace = workload(objects).path("metadata").path("namespace").asText();
    Set<String> boundToExporter = new HashSet<>();
    for (JsonNode binding : ofKind(objects, "ClusterRoleBinding")) {
      for (JsonNode subject : binding.path("subjects")) {
        if (subject.path("kind").asText().equals("ServiceAccount")
            && subject.path("name").asText().equals(account)
            && subject.path("namespace").asText().equals(namespace)) {
          boundToExporter.add(binding.path("roleRef").path("name").asText());
        }
      }
    }
    for (JsonNode role : roles) {
      String name = role.path("metadata").path("name").asText();
      boolean scraperRole = false;
      for (JsonNode rule : role.path("rules")) {
        if (rule.has("nonResourceURLs")) {
          scraperRole = true;
          assertThat(rule.has("resources")).as(name).isFalse();
          assertThat(rule.path("nonResourceURLs").toString()).as(name).isEqualTo("[\"/metrics\"]");
          assertThat(rule.path("verbs").toString()).as(name).isEqualTo("[\"get\"]");
        }
      }
      if (scraperRole) {
        assertThat(boundToExporter).as("the scrapers' role " + name).doesNotContain(name);
      } else if (grants(role).stream().anyMatch(REVIEW_GRANTS::contains)) {
        assertThat(grants(role)).as(name).isSubsetOf(REVIEW_GRANTS);
      } else {
        assertReadOnly(role);
      }
    }
    assertThat(boundToExporter).as("roles bound to " + account).isNotEmpty();
    Set<String> all = new HashSet<>();
    for (String bound : boundToExporter) {
      all.addAll(grantsOf(roles, bound));
    }
    return all;
  }

  private static Set<String> grantsOf(List<JsonNode> roles, String bound) {
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
  static void assertReadOnly(JsonNode role) {
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

  static Set<String> grants(JsonNode role) {
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

  static Set<String> readOnly(List<String> resources) {
    Set<String> expected = new HashSet<>();
    for (String resource : resources) {
      for (String verb : READ_ONLY) {
        expected.add(resource + ":" + verb);
      }
    }
    return expected;
  }

  static List<String> concat(List<String> list, String element) {
    List<String> all = new ArrayList<>(list);
    all.add(element);
    return all;
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

  static List<String> containerArgs(List<JsonNode> objects) {
    JsonNode container =
        workload(objects).path("spec").path("template").path("spec").path("containers").get(0);
    List<String> args = new ArrayList<>();
    container.path("args").forEach(a -> args.add(a.asText()));
    return args;
  }

  /** Non-root, read-only root filesystem, no privilege escalation, probes, resources. */
  static void assertLockedDown(List<JsonNode> objects) {
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

  /** The one Deployment or StatefulSet. */
  static JsonNode workload(List<JsonNode> objects) {
    List<JsonNode> workloads =
        objects.stream()
            .filter(o -> List.of("Deployment", "StatefulSet").contains(o.path("kind").asText()))
            .toList();
    assertThat(workloads).as("one Deployment or StatefulSet").hasSize(1);
    return workloads.get(0);
  }

  static JsonNode only(List<JsonNode> objects, String kind) {
    List<JsonNode> matching = ofKind(objects, kind);
    assertThat(matching).as(kind).hasSize(1);
    return matching.get(0);
  }

  static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
  }

  static List<String> kinds(List<JsonNode> objects) {
    return objects.stream().map(o -> o.path("kind").asText()).toList();
  }

  /**
   * Every object of every {@code .yaml} file under the path except kustomization files and the Helm
   * chart's templates (not YAML until Helm renders them; {@link HelmChartTest} checks renderings).
   */
  static List<JsonNode> sourceObjects(Path dir) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    Path chart = DEPLOY.resolve("helm");
    try (Stream<Path> files = Files.walk(dir.toAbsolutePath().normalize())) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml") && !f.startsWith(chart))
              .sorted()
              .toList()) {
        if (!file.getFileName().toString().equals("kustomization.yaml")) {
          objects.addAll(documents(Files.readString(file)));
        }
      }
    }
    return objects;
  }

  /** The objects of a multi-document YAML text (empty documents skipped). */
  static List<JsonNode> documents(String yaml) throws IOException {
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

  /** {@code kubectl kustomize dir}, parsed; the caller checks that kubectl is installed. */
  static List<JsonNode> kustomize(Path dir) throws Exception {
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
