package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.exporter.LiveObjects.Live;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.BackupSessionFixture;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many scrapers at once while objects change as fast as they can: every response parses strictly,
 * has no duplicate series, and shows each object as one version of it ({@link OneVersionCheck}).
 */
class ConcurrentScrapeIT {

  @RegisterExtension static final KubeStashMockServer API = new KubeStashMockServer();

  private static final int SCRAPERS = 16;
  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  private ExporterUnderTest exporter;
  private ExecutorService pool;

  @AfterEach
  void stop() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
    if (exporter != null) {
      exporter.close();
    }
  }

  /**
   * The store is fed directly, the way the informers feed it ({@code catalogue.render(object)} then
   * {@code store.put}/{@code remove}), so changes come as fast as the store takes them.
   */
  @Test
  void sixteenScrapersSeeOneVersionOfEveryObjectWhileTheStoreChurns() throws Exception {
    exporter =
        ExporterUnderTest.start(
            API.url(),
            ExporterUnderTest.withMaxConcurrentScrapes(ExporterConfig.defaults(), SCRAPERS));
    exporter.awaitWatching(); // the API is empty: the informers will never touch our objects
    MetricsStore store = exporter.exporter().store();
    int writers = 2;
    int perKind = 60;
    LiveObjects drawn = new LiveObjects(API, 4242);
    List<List<Live>> partitions = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      partitions.add(new ArrayList<>());
    }
    int n = 0;
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      for (int i = 0; i < perKind; i++) {
        Live object = drawn.draw(kind);
        object.uid = "uid-" + n;
        object.fixture.uid(object.uid);
        setDuration(object);
        partitions.get(n++ % writers).add(object);
      }
    }

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong changes = new AtomicLong();
    pool = Executors.newFixedThreadPool(writers + SCRAPERS);
    List<Future<?>> writing = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      List<Live> mine = partitions.get(w);
      SplittableRandom random = new SplittableRandom(w);
      writing.add(
          pool.submit(
              () -> {
                boolean[] present = new boolean[mine.size()];
                while (running.get()) {
                  int i = random.nextInt(mine.size());
                  Live object = mine.get(i);
                  if (present[i] && random.nextInt(4) == 0) {
                    store.remove(object.uid);
                    present[i] = false;
                  } else {
                    if (present[i]) {
                      nextPhase(object);
                    }
                    store.put(object.uid, CATALOGUE.render(object.fixture.build()));
                    present[i] = true;
                  }
                  changes.incrementAndGet();
                }
                return null;
              }));
    }
    Result result = scrapeConcurrently(running, Duration.ofSeconds(30), SCRAPERS, true);
    running.set(false);
    for (Future<?> w : writing) {
      w.get(30, TimeUnit.SECONDS);
    }

    System.out.printf(
        "[ConcurrentScrapeIT] store-direct: %d scrapers, %d scrapes in 30 s (%d rejected), %d"
            + " store changes, %d objects in the pool, up to %d objects/%d series per response%n",
        SCRAPERS,
        result.scrapes,
        result.rejected,
        changes.get(),
        n,
        result.maxObjects,
        result.maxSeries);
    assertThat(result.failures).as("failed scrapes").isEmpty();
    assertThat(result.rejected).as("503s with %d slots", SCRAPERS).isZero();
    assertThat(result.scrapes).isGreaterThan(SCRAPERS);
    assertThat(changes.get()).isGreaterThan(1000);
  }

  /** The same through the mock API and the informers, smaller and slower. */
  @Test
  void scrapersSeeOneVersionOfEveryObjectWhileTheApiChurns() throws Exception {
    LiveObjects objects = new LiveObjects(API, 5151);
    objects.createEveryKind(8);
    int scrapers = 8;
    exporter =
        ExporterUnderTest.start(
            API.url(),
            ExporterUnderTest.withMaxConcurrentScrapes(ExporterConfig.defaults(), scrapers));
    exporter.awaitWatching();
    exporter.awaitScrapeEqualsApi(API.client());

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong changes = new AtomicLong();
    pool = Executors.newFixedThreadPool(1 + scrapers);
    Future<?> writer =
        pool.submit(
            () -> {
              SplittableRandom random = new SplittableRandom(7);
              while (running.get()) {
                int roll = random.nextInt(10);
                if (roll == 0 && objects.size() > 10) {
                  objects.delete(objects.any(random));
                } else if (roll == 1) {
                  objects.create(objects.draw(KubeStashKinds.ALL.get(random.nextInt(6))));
                } else {
                  objects.nextPhase(objects.any(random));
                }
                changes.incrementAndGet();
              }
              return null;
            });
    Result result = scrapeConcurrently(running, Duration.ofSeconds(10), scrapers, false);
    running.set(false);
    writer.get(30, TimeUnit.SECONDS);
    Duration converged = exporter.awaitScrapeEqualsApi(API.client());

    System.out.printf(
        "[ConcurrentScrapeIT] via mock API: %d scrapers, %d scrapes in 10 s, %d API changes, %d"
            + " objects at the end, exact %d ms after the last change%n",
        scrapers, result.scrapes, changes.get(), objects.size(), converged.toMillis());
    assertThat(result.failures).as("failed scrapes").isEmpty();
    assertThat(result.rejected).isZero();
    assertThat(changes.get()).isGreaterThan(20);
  }

  // --- helpers ---

  /** What the scrapers saw. */
  private static final class Result {
    long scrapes;
    long rejected;
    int maxObjects;
    int maxSeries;
    final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  }

  private Result scrapeConcurrently(
      AtomicBoolean running, Duration duration, int scrapers, boolean durationFollowsPhase)
      throws Exception {
    Result result = new Result();
    AtomicLong scrapes = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    long[] maxima = new long[2];
    OneVersionCheck check = new OneVersionCheck(durationFollowsPhase);
    long end = System.nanoTime() + duration.toNanos();
    List<Future<?>> futures = new ArrayList<>();
    for (int s = 0; s < scrapers; s++) {
      futures.add(
          pool.submit(
              () -> {
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest request =
                    HttpRequest.newBuilder(exporter.uri("/metrics"))
                        .timeout(Duration.ofSeconds(60))
                        .build();
                while (running.get() && System.nanoTime() < end && result.failures.size() < 5) {
                  try {
                    HttpResponse<String> response =
                        http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 503) {
                      rejected.incrementAndGet();
                      continue;
                    }
                    assertThat(response.statusCode()).isEqualTo(200);
                    OneVersionCheck.Result seen = check.check(response.body());
                    scrapes.incrementAndGet();
                    synchronized (maxima) {
                      maxima[0] = Math.max(maxima[0], seen.objects());
                      maxima[1] = Math.max(maxima[1], seen.series());
                    }
                  } catch (Throwable e) {
                    result.failures.add(e);
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
    }
    result.scrapes = scrapes.get();
    result.rejected = rejected.get();
    result.maxObjects = (int) maxima[0];
    result.maxSeries = (int) maxima[1];
    return result;
  }

  /** Next phase, and for BackupSessions a duration of (phase index + 1) s in the same version. */
  private static void nextPhase(Live object) {
    List<String> phases = KubeStashGenerators.phasesOf(object.kind.kind());
    object.phaseIndex = (object.phaseIndex + 1) % phases.size();
    object.fixture.phase(phases.get(object.phaseIndex));
    setDuration(object);
  }

  private static void setDuration(Live object) {
    if (object.fixture instanceof BackupSessionFixture session) {
      session.duration((object.phaseIndex + 1) + "s");
    }
  }
}
