package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart and {@code deploy/} say the same thing: for the default values and for sharded +
 * cluster mode, {@code helm template} (release {@value ExporterChart#RELEASE}, namespace {@value
 * ExporterChart#NAMESPACE}) and {@code kubectl kustomize} render the same objects, compared as
 * parsed objects after a round trip through fabric8's model. The documented differences, and the
 * only ones normalised away: Helm's bookkeeping labels ({@link #HELM_LABELS}, also in selectors),
 * and the Namespace object, which kustomize creates and Helm leaves to {@code --create-namespace}.
 */
class HelmKustomizeEquivalenceTest {

  /** Labels Helm charts carry by convention and kustomize has no counterpart for. */
  static final Set<String> HELM_LABELS =
      Set.of(
          "helm.sh/chart",
          "app.kubernetes.io/managed-by",
          "app.kubernetes.io/instance",
          "app.kubernetes.io/version");

  private static final KubernetesSerialization MODEL = new KubernetesSerialization();

  @TempDir Path dir;

  @Test
  void defaultValuesRenderWhatDeployRenders() throws Exception {
    ExternalTools.require("kubectl");
    assertSameObjects(
        DeployChecks.kustomize(DeployChecks.DEPLOY), ExporterChart.render(ChartValueSets.values()));
  }

  @Test
  void shardedClusterModeRendersWhatTheShardedOverlayWithTheClusterComponentRenders()
      throws Exception {
    ExternalTools.require("kubectl");
    // kustomize accepts only relative paths to other kustomizations.
    Path deploy = dir.toAbsolutePath().relativize(DeployChecks.DEPLOY);
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        "resources:\n- "
            + deploy.resolve("sharded")
            + "\ncomponents:\n- "
            + deploy.resolve("components").resolve("metrics-config-cluster")
            + "\n");
    assertSameObjects(
        DeployChecks.kustomize(dir), ExporterChart.render(ChartValueSets.shardedCluster()));
  }

  private static void assertSameObjects(List<JsonNode> kustomized, List<JsonNode> helm)
      throws Exception {
    Map<String, JsonNode> expected = byKindAndName(kustomized);
    assertThat(expected.remove("Namespace/" + ExporterChart.NAMESPACE))
        .as("kustomize's Namespace")
        .isNotNull();
    Map<String, JsonNode> actual = byKindAndName(helm);
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    for (String key : expected.keySet()) {
      assertThat(actual.get(key)).as(key).isEqualTo(expected.get(key));
    }
  }

  /** Each object through fabric8's model and back, without Helm's labels, by kind and name. */
  private static Map<String, JsonNode> byKindAndName(List<JsonNode> objects) throws Exception {
    Map<String, JsonNode> map = new TreeMap<>();
    for (JsonNode object : objects) {
      JsonNode normal =
          DeployChecks.YAML.readTree(MODEL.asJson(MODEL.unmarshal(object.toString())));
      withoutHelmLabels(normal);
      String key =
          normal.path("kind").asText() + "/" + normal.path("metadata").path("name").asText();
      assertThat(map.put(key, normal)).as("one " + key).isNull();
    }
    return map;
  }

  /** Removes {@link #HELM_LABELS} from every label map and selector, at any depth. */
  private static void withoutHelmLabels(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String field : List.of("labels", "matchLabels", "selector")) {
        if (object.get(field) instanceof ObjectNode labels) {
          labels.remove(HELM_LABELS);
        }
      }
      object.forEach(HelmKustomizeEquivalenceTest::withoutHelmLabels);
    } else if (node != null && node.isArray()) {
      node.forEach(HelmKustomizeEquivalenceTest::withoutHelmLabels);
    }
  }
}
