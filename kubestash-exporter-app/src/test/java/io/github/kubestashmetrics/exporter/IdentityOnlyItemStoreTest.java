package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The informer cache keeps what fabric8 and our handlers read, and nothing else. */
class IdentityOnlyItemStoreTest {

  private static GenericKubernetesResource snapshot(String name, String uid, String version) {
    GenericKubernetesResource object = new GenericKubernetesResource();
    object.setApiVersion("storage.kubestash.com/v1alpha1");
    object.setKind("Snapshot");
    object.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("demo")
            .withName(name)
            .withUid(uid)
            .withResourceVersion(version)
            .withLabels(Map.of("team", "db"))
            .build());
    object.setAdditionalProperty("status", Map.of("phase", "Succeeded", "size", "12.222 MiB"));
    return object;
  }

  @Test
  void storedObjectsKeepOnlyTheirIdentityUnderTheInformersKey() {
    IdentityOnlyItemStore store = new IdentityOnlyItemStore();
    GenericKubernetesResource full = snapshot("s1", "uid-1", "7");
    String key = store.getKey(full);

    assertThat(key).isEqualTo("demo/s1");
    assertThat(store.put(key, full)).isNull();

    GenericKubernetesResource kept = store.get(key);
    assertThat(kept.getMetadata().getUid()).isEqualTo("uid-1");
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(kept.getMetadata().getNamespace()).isEqualTo("demo");
    assertThat(kept.getMetadata().getName()).isEqualTo("s1");
    assertThat(kept.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(kept.getAdditionalProperties()).isEmpty();
    assertThat(full.getAdditionalProperties()).containsKey("status");
  }

  @Test
  void replacingAndRemovingHandBackThePreviousIdentity() {
    IdentityOnlyItemStore store = new IdentityOnlyItemStore();
    store.put("demo/s1", snapshot("s1", "uid-1", "7"));

    GenericKubernetesResource previous = store.put("demo/s1", snapshot("s1", "uid-2", "9"));

    assertThat(previous.getMetadata().getUid()).isEqualTo("uid-1");
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.keySet()).containsExactly("demo/s1");
    assertThat(store.values().map(v -> v.getMetadata().getUid())).containsExactly("uid-2");
    assertThat(store.remove("demo/s1").getMetadata().getResourceVersion()).isEqualTo("9");
    assertThat(store.size()).isZero();
    assertThat(store.isFullState()).isFalse();
  }
}
