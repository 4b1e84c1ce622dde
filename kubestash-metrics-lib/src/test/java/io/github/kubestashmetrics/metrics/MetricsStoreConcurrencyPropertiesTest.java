package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded schedules of puts, replaces and removes applied by one thread (an informer) while two
 * other threads scrape the store back to back in both formats and both encodings: every scrape
 * equals the from-scratch render ({@link ExpositionWriter}) of the objects as of some instant
 * between the scrape's start and its end (the store after some prefix of the changes, no earlier
 * than the changes finished before the scrape began, no later than those begun before it ended),
 * and every gzip scrape is one member that inflates to exactly that text. Small stores (one to six
 * objects per block) so that blocks fill, merge and are rebuilt while changes race the rebuilds.
 */
class MetricsStoreConcurrencyPropertiesTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  private static final int SCRAPERS = 2;

  static Stream<Long> schedules() {
    return KubeStashGenerators.seeds("metricsStoreConcurrentSchedules", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("schedules")
  void everyConcurrentScrapeIsTheRenderOfOneInstant(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    MetricsStore store = new MetricsStore(CATALOGUE, 1 + random.nextInt(6));

    // The schedule and, per prefix of it, the model's expected text in each format.
    List<Runnable> operations = new ArrayList<>();
    List<String> log = new ArrayList<>();
    Map<String, RenderedObject> model = new LinkedHashMap<>();
    List<String[]> expected = new ArrayList<>();
    expected.add(render(model));
    int pool = 3 + random.nextInt(20);
    List<KubeStashKinds.Kind<?>> kinds = new ArrayList<>();
    List<Integer> generation = new ArrayList<>();
    for (int i = 0; i < pool; i++) {
      kinds.add(generators.anyKind());
      generation.add(0);
    }
    int count = 20 + random.nextInt(60);
    for (int op = 0; op < count; op++) {
      int roll = random.nextInt(20);
      int i = random.nextInt(pool);
      String uid = "obj-" + i + "-uid-" + generation.get(i);
      if (roll < 13) {
        RenderedObject version = version(generators, kinds.get(i), "obj-" + i, uid);
        operations.add(() -> store.put(uid, version));
        model.put(uid, version);
        log.add("put " + uid);
      } else if (roll < 17) {
        operations.add(() -> store.remove(uid));
        model.remove(uid);
        log.add("remove " + uid);
      } else {
        generation.set(i, generation.get(i) + 1);
        String fresh = "obj-" + i + "-uid-" + generation.get(i);
        RenderedObject version = version(generators, kinds.get(i), "obj-" + i, fresh);
        operations.add(() -> store.replace(uid, fresh, version));
        model.remove(uid);
        model.put(fresh, version);
        log.add("replace " + uid + " by " + fresh);
      }
      expected.add(render(model));
    }

    AtomicInteger begun = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CyclicBarrier start = new CyclicBarrier(1 + SCRAPERS);
    long yieldSeed = random.nextLong();
    Thread informer =
        new Thread(
            () -> {
              SplittableRandom pauses = new SplittableRandom(yieldSeed);
              try {
                start.await();
                for (Runnable operation : operations) {
                  begun.incrementAndGet();
                  operation.run();
                  finished.incrementAndGet();
                  if (pauses.nextInt(4) == 0) {
                    Thread.yield();
                  }
                }
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              }
            },
            "informer-" + seed);
    List<Thread> scrapers = new ArrayList<>();
    for (int s = 0; s < SCRAPERS; s++) {
      long scraperSeed = random.nextLong();
      scrapers.add(
          new Thread(
              () -> {
                SplittableRandom choices = new SplittableRandom(scraperSeed);
                try {
                  start.await();
                  boolean last = false;
                  while (!last) {
                    last = finished.get() == operations.size();
                    ExpositionFormat format =
                        choices.nextBoolean()
                            ? ExpositionFormat.TEXT_0_0_4
                            : ExpositionFormat.OPENMETRICS_1_0_0;
                    ContentEncoding encoding =
                        choices.nextBoolean() ? ContentEncoding.GZIP : ContentEncoding.IDENTITY;
                    int earliest = finished.get();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    long length = store.write(out, format, encoding);
                    int latest = begun.get();
                    String context =
                        "seed="
                            + seed
                            + " "
                            + format
                            + " "
                            + encoding
                            + " between changes "
                            + earliest
                            + " and "
                            + latest
                            + " of "
                            + log;
                    byte[] text =
                        encoding == ContentEncoding.GZIP
                            ? GzipMemberCheck.inflate(out.toByteArray(), context)
                            : out.toByteArray();
                    assertThat(length).as(context).isEqualTo(text.length);
                    String actual = new String(text, StandardCharsets.UTF_8);
                    boolean matches = false;
                    for (int k = earliest; k <= latest && !matches; k++) {
                      matches = expected.get(k)[format.ordinal()].equals(actual);
                    }
                    assertThat(matches)
                        .as(
                            "%s: the scrape is the render of one instant; it was%n%s",
                            context, actual)
                        .isTrue();
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                }
              },
              "scraper-" + s + "-" + seed));
    }
    informer.start();
    scrapers.forEach(Thread::start);
    informer.join();
    for (Thread scraper : scrapers) {
      scraper.join();
    }
    if (failure.get() != null) {
      throw new AssertionError("seed=" + seed, failure.get());
    }
    assertThat(store.keys())
        .as("seed=%d", seed)
        .containsExactlyInAnyOrderElementsOf(model.keySet());
  }

  private static String[] render(Map<String, RenderedObject> model) {
    String[] texts = new String[ExpositionFormat.values().length];
    for (ExpositionFormat format : ExpositionFormat.values()) {
      texts[format.ordinal()] = ExpositionWriter.toText(CATALOGUE, model.values(), format);
    }
    return texts;
  }

  private static RenderedObject version(
      KubeStashGenerators generators, KubeStashKinds.Kind<?> kind, String name, String uid) {
    ObjectNode manifest = generators.validManifest(kind);
    ObjectNode metadata = manifest.withObject("metadata");
    metadata.put("name", name);
    metadata.put("namespace", "ns");
    metadata.put("uid", uid);
    return CATALOGUE.render(manifest);
  }
}
