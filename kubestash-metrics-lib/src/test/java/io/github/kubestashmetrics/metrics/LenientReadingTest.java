package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests with badly-typed or unparseable fields: only the families that read such a field lose
 * their series (with one {@link MappingError} each); every other series of the object is kept.
 */
class LenientReadingTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPO = "storage_kubestash_com_repository_";

  static ObjectNode repositoryManifest() {
    try {
      return (ObjectNode)
          JSON.readTree(
              """
              {"apiVersion": "storage.kubestash.com/v1alpha1", "kind": "Repository",
               "metadata": {"name": "gcs-demo-repo", "namespace": "demo",
                            "creationTimestamp": "2023-12-07T06:37:40Z", "uid": "u-1",
                            "labels": {"app": "demo"}},
               "spec": {"appRef": {"apiGroup": "apps", "kind": "StatefulSet", "name": "sample-sts",
                                   "namespace": "demo"},
                        "path": "/demo/data", "paused": false,
                        "storageRef": {"name": "gcs-storage", "namespace": "demo"}},
               "status": {"phase": "Ready", "integrity": true,
                          "lastBackupTime": "2023-12-07T06:38:00Z", "size": "12.222 MiB",
                          "snapshotCount": 7,
                          "conditions": [{"type": "RepositoryInitialized", "status": "True",
                                          "observedGeneration": 1}]}}
              """);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode at(ObjectNode root, String... path) {
    ObjectNode node = root;
    for (String step : path) {
      node = (ObjectNode) node.get(step);
    }
    return node;
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static Stream<Arguments> damagedRepositories() {
    return Stream.of(
        damage(
            "snapshotCount \"seven\"",
            m -> at(m, "status").put("snapshotCount", "seven"),
            MappingError.WRONG_JSON_TYPE,
            "snapshot_count_total"),
        damage(
            "snapshotCount 7.5",
            m -> at(m, "status").put("snapshotCount", 7.5),
            MappingError.WRONG_JSON_TYPE,
            "snapshot_count_total"),
        damage(
            // Jackson throws for this one (no problem-handler hook): the retry layer catches it.
            "snapshotCount beyond an int",
            m -> at(m, "status").put("snapshotCount", 99_999_999_999L),
            MappingError.WRONG_JSON_TYPE,
            "snapshot_count_total"),
        damage(
            "snapshotCount a list",
            m -> at(m, "status").putArray("snapshotCount").add(7),
            MappingError.WRONG_JSON_TYPE,
            "snapshot_count_total"),
        damage(
            "size \"lots\"",
            m -> at(m, "status").put("size", "lots"),
            MappingError.UNPARSEABLE_SIZE,
            "size_bytes"),
        damage(
            "size a map",
            m -> at(m, "status").putObject("size").put("value", 12),
            MappingError.WRONG_JSON_TYPE,
            "size_bytes"),
        damage(
            "lastBackupTime \"yesterday\"",
            m -> at(m, "status").put("lastBackupTime", "yesterday"),
            MappingError.UNPARSEABLE_TIMESTAMP,
            "last_successful_backup"),
        damage(
            "creationTimestamp a number",
            m -> at(m, "metadata").putObject("creationTimestamp").put("seconds", 1),
            MappingError.WRONG_JSON_TYPE,
            "created"),
        damage(
            "conditions a string",
            m -> at(m, "status").put("conditions", "oops"),
            MappingError.WRONG_JSON_TYPE,
            "conditions"),
        damage(
            "a condition a string",
            m ->
                ((com.fasterxml.jackson.databind.node.ArrayNode) at(m, "status").get("conditions"))
                    .insert(0, "oops"),
            MappingError.WRONG_JSON_TYPE,
            "conditions"));
  }

  /** Labels of another JSON type (rule 10): their text, and no family lost. */
  static Stream<Arguments> labelsOfAnotherJsonType() {
    return Stream.of(
        Arguments.of(
            "path (an info label) a map",
            (Consumer<ObjectNode>) m -> at(m, "spec").putObject("path").put("nested", "x"),
            "info",
            "path",
            "{\"nested\":\"x\"}"),
        Arguments.of(
            "integrity (a boolean) \"yes\"",
            (Consumer<ObjectNode>) m -> at(m, "status").put("integrity", "yes"),
            "info",
            "integrity",
            "yes"),
        Arguments.of(
            "a condition type a list",
            (Consumer<ObjectNode>)
                m ->
                    ((ObjectNode) at(m, "status").get("conditions").get(0))
                        .putArray("type")
                        .add("x"),
            "conditions",
            "condition",
            "[\"x\"]"),
        Arguments.of(
            "phase (info label and nothing else) a map",
            (Consumer<ObjectNode>) m -> at(m, "status").putObject("phase"),
            "info",
            "phase",
            "{}"),
        Arguments.of(
            "a common label (target_kind) a map",
            (Consumer<ObjectNode>) m -> at(m, "spec", "appRef").putObject("kind").put("x", 1),
            "created",
            "target_kind",
            "{\"x\":1}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labelsOfAnotherJsonType")
  void aLabelOfAnotherJsonTypeIsItsTextAndCostsNoFamily(
      String what, Consumer<ObjectNode> damage, String family, String label, String text) {
    ObjectNode manifest = repositoryManifest();
    RenderedObject intact = CATALOGUE.render(manifest);
    damage.accept(manifest);
    RenderedObject damaged = CATALOGUE.render(manifest);

    assertThat(damaged.errors()).isEmpty();
    assertThat(damaged.seriesCount()).isEqualTo(intact.seriesCount());
    FamilyDescriptor descriptor = CATALOGUE.family(REPO + family).orElseThrow();
    assertThat(new String(damaged.series(descriptor.index()), StandardCharsets.UTF_8))
        .contains(label + "=\"" + text.replace("\"", "\\\"") + "\"");
  }

  private static Arguments damage(
      String what, Consumer<ObjectNode> damage, String reason, String... families) {
    return Arguments.of(what, damage, reason, List.of(families));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedRepositories")
  void aBadFieldCostsOnlyTheFamiliesThatReadIt(
      String what, Consumer<ObjectNode> damage, String reason, List<String> lost) {
    ObjectNode manifest = repositoryManifest();
    RenderedObject intact = CATALOGUE.render(manifest);
    damage.accept(manifest);
    RenderedObject damaged = CATALOGUE.render(manifest);

    List<MappingError> expectedErrors = new ArrayList<>();
    for (String family : lost) {
      expectedErrors.add(
          new MappingError(REPO + family, "Repository", "demo", "gcs-demo-repo", reason));
    }
    assertThat(damaged.errors()).containsExactlyElementsOf(expectedErrors);
    for (FamilyDescriptor family : CATALOGUE.familiesOf(KubeStashKinds.REPOSITORY)) {
      boolean isLost = lost.contains(family.name().substring(REPO.length()));
      assertThat(damaged.series(family.index()))
          .as(family.name())
          .isEqualTo(isLost ? new byte[0] : intact.series(family.index()));
    }
    assertThat(intact.seriesCount()).isEqualTo(6);
    assertThat(intact.errors()).isEmpty();
  }

  @Test
  void statusAStringCostsItsValueFamiliesAndLeavesInfoWithoutItsStatusLabels() {
    ObjectNode manifest = repositoryManifest();
    manifest.put("status", "broken");
    RenderedObject damaged = CATALOGUE.render(manifest);

    assertThat(damaged.errors())
        .extracting(MappingError::family)
        .containsExactly(
            REPO + "last_successful_backup",
            REPO + "size_bytes",
            REPO + "snapshot_count_total",
            REPO + "conditions");
    assertThat(damaged.errors())
        .extracting(MappingError::reason)
        .containsOnly(MappingError.WRONG_JSON_TYPE);
    String info =
        new String(
            damaged.series(CATALOGUE.family(REPO + "info").orElseThrow().index()),
            StandardCharsets.UTF_8);
    // info reads only labels from status (rule 10: never a wrong type), so it stays without them.
    assertThat(info)
        .contains("path=\"/demo/data\"")
        .doesNotContain("phase=")
        .doesNotContain("integrity=");
  }

  @Test
  void badFieldsThatNoFamilyReadsCostNothing() {
    ObjectNode manifest = repositoryManifest();
    RenderedObject intact = CATALOGUE.render(manifest);
    at(manifest, "spec").put("paused", "maybe");
    at(manifest, "metadata", "labels").putObject("app").put("nested", true);
    at(manifest, "metadata").put("generation", "first");
    ((ObjectNode) at(manifest, "status").get("conditions").get(0)).put("observedGeneration", "one");
    manifest.putObject("extra").put("unknown", "field");
    at(manifest, "status").putArray("recentSnapshots").addObject().put("size", 1);
    RenderedObject damaged = CATALOGUE.render(manifest);
    assertThat(damaged.errors()).isEmpty();
    assertThat(sameSeries(damaged, intact)).isTrue();
  }

  @Test
  void typedAndManifestRenderingAgree() throws Exception {
    RenderedObject fromManifest = CATALOGUE.render(repositoryManifest());
    var typed =
        JSON.treeToValue(
            repositoryManifest(),
            io.github.kubestashmetrics.model.storage.v1alpha1.Repository.class);
    RenderedObject fromTyped = CATALOGUE.render(typed);
    assertThat(sameSeries(fromManifest, fromTyped)).isTrue();
    assertThat(fromManifest.uid()).isEqualTo("u-1");
    assertThat(fromManifest.kind()).isEqualTo("Repository");
  }

  @Test
  void genericResourceRendersAsItsManifest() throws Exception {
    GenericKubernetesResource generic =
        JSON.treeToValue(repositoryManifest(), GenericKubernetesResource.class);
    RenderedObject fromGeneric = CATALOGUE.render(generic);
    RenderedObject asHasMetadata =
        CATALOGUE.render((io.fabric8.kubernetes.api.model.HasMetadata) generic);
    RenderedObject fromManifest = CATALOGUE.render(repositoryManifest());
    assertThat(fromGeneric.seriesCount()).isEqualTo(6);
    assertThat(sameSeries(fromGeneric, fromManifest)).isTrue();
    assertThat(sameSeries(asHasMetadata, fromManifest)).isTrue();
  }

  static Stream<JsonNode> notOurObjects() throws Exception {
    ObjectNode otherVersion = repositoryManifest();
    otherVersion.put("apiVersion", "storage.kubestash.com/v1beta1");
    ObjectNode otherGroup = repositoryManifest();
    otherGroup.put("apiVersion", "stash.appscode.com/v1alpha1");
    ObjectNode noKind = repositoryManifest();
    noKind.remove("kind");
    ObjectNode kindNotText = repositoryManifest();
    kindNotText.putObject("kind");
    return Stream.of(
        NODES.nullNode(),
        NODES.textNode("Repository"),
        NODES.arrayNode().add(repositoryManifest()),
        NODES.numberNode(7),
        NODES.objectNode(),
        JSON.readTree("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {}}"),
        otherVersion,
        otherGroup,
        noKind,
        kindNotText);
  }

  @ParameterizedTest
  @MethodSource("notOurObjects")
  void anythingButOneOfOurKindsGivesNoSeriesAndNoException(JsonNode manifest) {
    RenderedObject rendered = CATALOGUE.render(manifest);
    assertThat(rendered.seriesCount()).isZero();
    assertThat(rendered.errors()).isEmpty();
    for (FamilyDescriptor family : CATALOGUE.families()) {
      assertThat(rendered.series(family.index())).isEmpty();
    }
  }

  @Test
  void aNullManifestOrObjectGivesNoSeries() {
    assertThat(CATALOGUE.render((JsonNode) null).seriesCount()).isZero();
    assertThat(CATALOGUE.render((GenericKubernetesResource) null).seriesCount()).isZero();
    assertThat(CATALOGUE.render((io.fabric8.kubernetes.api.model.HasMetadata) null).seriesCount())
        .isZero();
    assertThat(CATALOGUE.render(new io.fabric8.kubernetes.api.model.ConfigMap()).seriesCount())
        .isZero();
  }

  @Test
  void aBackupSessionWithAnUnparseableDurationKeepsItsOtherSeries() throws Exception {
    ObjectNode manifest =
        (ObjectNode)
            JSON.readTree(
                """
                {"apiVersion": "core.kubestash.com/v1alpha1", "kind": "BackupSession",
                 "metadata": {"name": "s", "namespace": "demo"},
                 "status": {"phase": "Succeeded", "duration": "forever"}}
                """);
    RenderedObject rendered = CATALOGUE.render(manifest);
    assertThat(rendered.errors())
        .containsExactly(
            new MappingError(
                "core_kubestash_com_backupsession_duration_seconds",
                "BackupSession",
                "demo",
                "s",
                MappingError.UNPARSEABLE_DURATION));
    // info (1) + phase (5).
    assertThat(rendered.seriesCount()).isEqualTo(6);
  }

  @Test
  void oneUnparseableElementSizeCostsTheWholeArrayFamily() throws Exception {
    JsonNode manifest =
        JSON.readTree(
            """
            {"apiVersion": "storage.kubestash.com/v1alpha1", "kind": "BackupStorage",
             "metadata": {"name": "b", "namespace": "demo"},
             "status": {"phase": "Ready", "totalSize": "1 KiB",
                        "repositories": [{"name": "a", "size": "1 KiB"},
                                         {"name": "b", "size": "huge"}]}}
            """);
    RenderedObject rendered = CATALOGUE.render(manifest);
    assertThat(rendered.errors())
        .extracting(MappingError::family, MappingError::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "storage_kubestash_com_backupstorage_repository_size_bytes",
                MappingError.UNPARSEABLE_SIZE));
    int family =
        CATALOGUE.family("storage_kubestash_com_backupstorage_repository_size_bytes").get().index();
    assertThat(rendered.series(family)).isEmpty();
    // info, phase (2), size_bytes.
    assertThat(rendered.seriesCount()).isEqualTo(4);
  }

  static boolean sameSeries(RenderedObject a, RenderedObject b) {
    for (FamilyDescriptor family : CATALOGUE.families()) {
      if (!java.util.Arrays.equals(a.series(family.index()), b.series(family.index()))) {
        return false;
      }
    }
    return a.seriesCount() == b.seriesCount();
  }
}
