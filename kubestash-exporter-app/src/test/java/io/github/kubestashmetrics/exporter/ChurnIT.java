package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.exporter.LiveObjects.Live;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 10,000 objects of every kind created, changed and deleted through the mock API in random order by
 * a few concurrent writers: afterwards nothing of them remains, in {@code /metrics} or in the
 * store.
 */
class ChurnIT {

  @RegisterExtension static final KubeStashMockServer API = new KubeStashMockServer();

  private static final int OBJECTS = 10_000;
  private static final int WRITERS = 4;
  private static final long SEED = 20_240_501L;

  /** fabric8's mock logs every request at INFO: 50,000 lines here. Held, so it is not collected. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  private ExporterUnderTest exporter;
  private Level mockLogLevel;

  @BeforeEach
  void quietMockLog() {
    mockLogLevel = MOCK_LOG.getLevel();
    MOCK_LOG.setLevel(Level.WARNING);
  }

  @AfterEach
  void stop() {
    MOCK_LOG.setLevel(mockLogLevel);
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void tenThousandObjectsCreatedChangedAndDeletedLeaveNoSeriesAndNoRetainedBytes()
      throws Exception {
    exporter = ExporterUnderTest.start(API.url(), ExporterConfig.defaults());
    exporter.awaitWatching();
    MetricsStore store = exporter.exporter().store();
    int baselineObjects = store.objectCount();
    long baselineBytes = store.retainedBytes();

    LiveObjects objects = new LiveObjects(API, SEED);
    List<List<Live>> partitions = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      partitions.add(new ArrayList<>());
    }
    for (int i = 0; i < OBJECTS; i++) {
      partitions.get(i % WRITERS).add(objects.draw(KubeStashKinds.ALL.get(i % 6)));
    }

    AtomicLong creates = new AtomicLong();
    AtomicLong updates = new AtomicLong();
    AtomicLong deletes = new AtomicLong();
    AtomicLong peakLive = new AtomicLong();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        List<Live> mine = partitions.get(w);
        SplittableRandom random = new SplittableRandom(SEED + w);
        writers.add(
            pool.submit(
                () -> {
                  // Each writer owns its objects: creates them in order, and in between changes
                  // or deletes a random one of those it holds, until all are created and deleted.
                  List<Live> live = new ArrayList<>();
                  int next = 0;
                  while (next < mine.size() || !live.isEmpty()) {
                    int roll = random.nextInt(10);
                    if (next < mine.size() && (live.isEmpty() || roll < 4)) {
                      live.add(objects.create(mine.get(next++)));
                      creates.incrementAndGet();
                      peakLive.accumulateAndGet(objects.size(), Math::max);
                    } else if (roll < 7 || next == mine.size()) {
                      Live doomed = live.remove(random.nextInt(live.size()));
                      objects.delete(doomed);
                      deletes.incrementAndGet();
                    } else {
                      objects.nextPhase(live.get(random.nextInt(live.size())));
                      updates.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> writer : writers) {
        writer.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    Duration writing = Duration.ofNanos(System.nanoTime() - start);
    long drainStart = System.nanoTime();

    await("the store back to its baseline objects", () -> store.objectCount() == baselineObjects);
    // Removed objects leave their blocks at the next write, which rebuilds those blocks.
    String text = exporter.scrape();
    assertThat(store.retainedBytes()).as("bytes retained after a write").isEqualTo(baselineBytes);
    Duration drained = Duration.ofNanos(System.nanoTime() - drainStart);

    System.out.printf(
        "[ChurnIT] %d writers: %d creates, %d status updates, %d deletes (peak %d live objects) in"
            + " %d ms through the mock API; store at baseline (%d objects, %d bytes) %d ms after"
            + " the last write%n",
        WRITERS,
        creates.get(),
        updates.get(),
        deletes.get(),
        peakLive.get(),
        writing.toMillis(),
        store.objectCount(),
        store.retainedBytes(),
        drained.toMillis());
    assertThat(creates.get()).isEqualTo(OBJECTS);
    assertThat(deletes.get()).isEqualTo(OBJECTS);
    assertThat(objects.size()).isZero();
    assertThat(ExpositionParser.parsePrometheus(text).families())
        .as("KubeStash families left in /metrics")
        .isEmpty();
    exporter.awaitScrapeEqualsApi(API.client());
  }
}
