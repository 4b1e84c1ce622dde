package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.testkit.HostileCategory;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One catalogue rendering on many threads at once, as the exporter's informers do: its render
 * buffers are pooled, so a buffer lent to two renders at once, or handed back with another object's
 * bytes in the way, would show here as bytes that differ from a render on one thread.
 */
class ConcurrentRenderTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final int THREADS = 6;
  private static final long SEED = 8128;

  @Test
  void everyThreadGetsTheBytesASingleThreadGets() throws Exception {
    KubeStashGenerators generators = new KubeStashGenerators(SEED);
    List<JsonNode> manifests = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      manifests.add(generators.anyValidManifest());
      if (i % 8 == 0) {
        manifests.add(generators.hostile().manifest());
      }
      if (i % 50 == 0) { // larger than a pooled buffer may stay
        manifests.add(generators.hostile(HostileCategory.HUGE_STRINGS).manifest());
      }
    }
    List<RenderedObject> expected = new ArrayList<>();
    for (JsonNode manifest : manifests) {
      expected.add(CATALOGUE.render(manifest));
    }

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long threadSeed = SEED + t;
        results.add(
            pool.submit(
                () -> {
                  List<Integer> order = new ArrayList<>();
                  for (int i = 0; i < manifests.size(); i++) {
                    order.add(i);
                  }
                  int checked = 0;
                  for (int round = 0; round < 5; round++) {
                    Collections.shuffle(order, new Random(threadSeed * 31 + round));
                    for (int i : order) {
                      DeterminismPropertiesTest.assertIdentical(
                          SEED,
                          "thread seed=" + threadSeed + " object " + i,
                          expected.get(i),
                          CATALOGUE.render(manifests.get(i)));
                      checked++;
                    }
                  }
                  return checked;
                }));
      }
      int checked = 0;
      for (Future<Integer> result : results) {
        checked += result.get(5, TimeUnit.MINUTES);
      }
      assertThat(checked).isEqualTo(THREADS * 5 * manifests.size());
    } finally {
      pool.shutdownNow();
    }
  }
}
