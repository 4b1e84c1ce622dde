package io.github.kubestashmetrics.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the API coordinates of every generated class: a slip here breaks every informer. */
class KubeStashKindsTest {

  private record Expected(String kind, String group, String plural) {}

  private static final List<Expected> EXPECTED =
      List.of(
          new Expected("BackupConfiguration", "core.kubestash.com", "backupconfigurations"),
          new Expected("BackupSession", "core.kubestash.com", "backupsessions"),
          new Expected("BackupStorage", "storage.kubestash.com", "backupstorages"),
          new Expected("Repository", "storage.kubestash.com", "repositories"),
          new Expected("RestoreSession", "core.kubestash.com", "restoresessions"),
          new Expected("Snapshot", "storage.kubestash.com", "snapshots"));

  @Test
  void sixKindsInContractOrder() {
    assertThat(KubeStashKinds.ALL.stream().map(KubeStashKinds.Kind::kind))
        .containsExactlyElementsOf(EXPECTED.stream().map(Expected::kind).toList());
  }

  @Test
  void generatedClassesCarryExactGroupVersionKindPluralAndScope() {
    for (int i = 0; i < EXPECTED.size(); i++) {
      Expected expected = EXPECTED.get(i);
      KubeStashKinds.Kind<?> kind = KubeStashKinds.ALL.get(i);
      Class<?> type = kind.type();
      @SuppressWarnings("unchecked")
      Class<? extends HasMetadata> resource = (Class<? extends HasMetadata>) type;
      assertThat(HasMetadata.getKind(resource)).as("kind").isEqualTo(expected.kind());
      assertThat(HasMetadata.getGroup(resource)).as("group").isEqualTo(expected.group());
      assertThat(HasMetadata.getVersion(resource)).as("version").isEqualTo("v1alpha1");
      assertThat(HasMetadata.getPlural(resource)).as("plural").isEqualTo(expected.plural());
      assertThat(Namespaced.class).as("namespaced").isAssignableFrom(type);
      assertThat(kind.group()).isEqualTo(expected.group());
      assertThat(kind.plural()).isEqualTo(expected.plural());
      assertThat(kind.apiVersion()).isEqualTo(expected.group() + "/v1alpha1");
      assertThat(type.getPackageName())
          .as("our package root, never KubeStash's")
          .startsWith("io.github.kubestashmetrics.model.");
    }
  }

  @Test
  void shippedCrdOfEachKindDeclaresTheSameCoordinates() throws IOException {
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      JsonNode crd;
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(kind.crdResource())) {
        assertThat(in).as(kind.crdResource()).isNotNull();
        crd = RoundTrip.YAML.readTree(in);
      }
      JsonNode spec = crd.path("spec");
      assertThat(crd.path("metadata").path("name").asText()).isEqualTo(kind.crdName());
      assertThat(spec.path("group").asText()).isEqualTo(kind.group());
      assertThat(spec.path("names").path("kind").asText()).isEqualTo(kind.kind());
      assertThat(spec.path("names").path("plural").asText()).isEqualTo(kind.plural());
      assertThat(spec.path("scope").asText()).isEqualTo("Namespaced");
      JsonNode version = spec.path("versions").get(0);
      assertThat(version.path("name").asText()).isEqualTo("v1alpha1");
      assertThat(version.path("subresources").has("status")).as("status subresource").isTrue();
    }
  }

  @Test
  void lookupsFindOnlyOurKinds() {
    assertThat(KubeStashKinds.byName("Snapshot")).contains(KubeStashKinds.SNAPSHOT);
    assertThat(KubeStashKinds.byApiVersionAndKind("storage.kubestash.com/v1alpha1", "Snapshot"))
        .contains(KubeStashKinds.SNAPSHOT);
    assertThat(KubeStashKinds.byApiVersionAndKind("snapshot.storage.k8s.io/v1", "Snapshot"))
        .isEmpty();
    assertThat(KubeStashKinds.byType(KubeStashKinds.REPOSITORY.type()))
        .contains(KubeStashKinds.REPOSITORY);
    assertThat(KubeStashKinds.byName("Pod")).isEmpty();
  }
}
