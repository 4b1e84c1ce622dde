package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The store constructed directly: what a scrape sees of it while writers change it. */
class MetricStoreTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final KubeStashKinds.Kind<?> SESSION = KubeStashKinds.BACKUP_SESSION;

  @Test
  void putReplacesRemoveForgetsAndCountsFollow() throws Exception {
    MetricStore store = new MetricStore(CATALOGUE);
    store.put(SESSION, "u1", session("a", "u1", "Running"));
    store.put(SESSION, "u1", session("a", "u1", "Succeeded"));
    store.put(SESSION, "u2", session("b", "u2", "Failed"));
    assertThat(store.objectCount()).isEqualTo(2);
    assertThat(store.objectCount(SESSION)).isEqualTo(2);

    String text = exposition(store);
    assertThat(text)
        .contains("backupsession=\"a\"")
        .contains("backupsession=\"b\"")
        .doesNotContain("phase=\"Running\"} 1");
    ExpositionParser.parsePrometheus(text);

    // "b" deleted and re-created under the same name while no watch was open.
    store.replace(SESSION, "u2", "u3", session("b", "u3", "Running"));
    assertThat(store.objectCount()).isEqualTo(2);
    assertThat(store.currentObjects()).extracting(RenderedObject::uid).containsOnly("u1", "u3");

    store.remove(SESSION, "u1");
    store.remove(SESSION, "never-stored");
    assertThat(store.objectCount()).isEqualTo(1);
    assertThat(exposition(store)).doesNotContain("backupsession=\"a\"");
    store.clear(SESSION);
    assertThat(store.objectCount()).isZero();
    assertThat(store.retainedBytes()).isZero();
  }

  /**
   * A ConcurrentHashMap iterator may meet a key twice when it is removed and put back while the
   * iteration runs; a scrape built on one would serve that object's series twice, and Prometheus
   * rejects the whole scrape. Every snapshot must hold each stored object once, as of one instant.
   */
  @Test
  void aSnapshotNeverHoldsAnObjectTwiceWhileObjectsAreRemovedAndPutBack() throws Exception {
    MetricStore store = new MetricStore(CATALOGUE);
    int objects = 2_000;
    List<RenderedObject> rendered = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      rendered.add(session("s-" + i, "uid-" + i, "Running"));
      store.put(SESSION, "uid-" + i, rendered.get(i));
    }
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int seed = w;
      Thread writer =
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(seed);
                while (running.get()) {
                  int i = random.nextInt(objects);
                  store.remove(SESSION, "uid-" + i);
                  store.put(SESSION, "uid-" + i, rendered.get(i));
                }
              });
      writer.start();
      writers.add(writer);
    }
    try {
      for (int snapshot = 0; snapshot < 3_000; snapshot++) {
        List<RenderedObject> seen = store.currentObjects();
        Set<String> uids = new HashSet<>();
        for (RenderedObject object : seen) {
          assertThat(uids.add(object.uid()))
              .as("snapshot %d holds %s twice", snapshot, object.uid())
              .isTrue();
        }
        // Each writer has at most one object out of the store at any instant.
        assertThat(seen.size()).isBetween(objects - 2, objects);
      }
    } finally {
      running.set(false);
      for (Thread writer : writers) {
        writer.join();
      }
    }
  }

  private static RenderedObject session(String name, String uid, String phase) {
    return CATALOGUE.render(
        KubeStashFixtures.backupSession("db", name).uid(uid).phase(phase).build());
  }

  private static String exposition(MetricStore store) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.write(ExpositionFormat.TEXT_0_0_4, out);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
