package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MetricsStore#update} and {@link MetricsStore#seriesCount()}. */
class MetricsStoreUpdateTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anUpdateToANewUidReplacesTheOldObjectInOneStep() throws Exception {
    MetricsStore store = new MetricsStore(CATALOGUE);
    BackupSession before =
        KubeStashFixtures.backupSession("db", "s").uid("u1").phase("Running").build();
    BackupSession after =
        KubeStashFixtures.backupSession("db", "s").uid("u2").phase("Failed").build();
    store.put(before);
    RenderedObject rendered = store.update(before, after);
    assertThat(rendered.uid()).isEqualTo("u2");
    assertThat(store.keys()).containsExactly("u2");
    assertThat(text(store)).contains("phase=\"Failed\"} 1").doesNotContain("phase=\"Failed\"} 0");
  }

  @Test
  void anUpdateUnderTheSameUidReplacesTheObjectInPlace() {
    MetricsStore store = new MetricsStore(CATALOGUE);
    BackupSession running =
        KubeStashFixtures.backupSession("db", "s").uid("u1").phase("Running").build();
    BackupSession done =
        KubeStashFixtures.backupSession("db", "s").uid("u1").phase("Succeeded").build();
    store.put(running);
    store.update(running, done);
    assertThat(store.keys()).containsExactly("u1");
    assertThat(store.objectCount()).isEqualTo(1);
  }

  static Stream<Long> histories() {
    return KubeStashGenerators.seeds("metricsStoreSeriesCount", 200);
  }

  /**
   * After any history of puts, updates (same or new UID), removals and clears, {@link
   * MetricsStore#seriesCount()} is the number of series lines a write gives.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("histories")
  void seriesCountIsTheNumberOfSeriesLinesOfAWrite(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    MetricsStore store = new MetricsStore(CATALOGUE, 1 + random.nextInt(4));
    List<GenericKubernetesResource> stored = new ArrayList<>();
    for (int step = 0; step < 40; step++) {
      int action = random.nextInt(10);
      if (action < 5 || stored.isEmpty()) {
        GenericKubernetesResource object = resource(generators.anyValidManifest(), "u" + step);
        store.put(object);
        stored.add(object);
      } else if (action < 8) {
        int index = random.nextInt(stored.size());
        GenericKubernetesResource before = stored.get(index);
        ObjectNode manifest = generators.anyValidManifest();
        manifest.set("kind", JSON.valueToTree(before.getKind()));
        manifest.set("apiVersion", JSON.valueToTree(before.getApiVersion()));
        String uid = random.nextBoolean() ? before.getMetadata().getUid() : "u" + step;
        GenericKubernetesResource after = resource(manifest, uid);
        store.update(before, after);
        stored.remove(index);
        stored.removeIf(o -> MetricsStore.keyOf(o).equals(MetricsStore.keyOf(after)));
        stored.add(after);
      } else if (action < 9) {
        store.remove(stored.remove(random.nextInt(stored.size())));
      } else if (random.nextInt(4) == 0) {
        store.clear();
        stored.clear();
      }
      long lines = text(store).lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
      assertThat(store.seriesCount()).as("seed=%d step %d", seed, step).isEqualTo(lines);
    }
  }

  private static GenericKubernetesResource resource(ObjectNode manifest, String uid) {
    manifest.withObjectProperty("metadata").put("uid", uid);
    return JSON.convertValue(manifest, GenericKubernetesResource.class);
  }

  private static String text(MetricsStore store) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.write(out, ExpositionFormat.TEXT_0_0_4, ContentEncoding.IDENTITY);
    return out.toString(StandardCharsets.UTF_8);
  }
}
