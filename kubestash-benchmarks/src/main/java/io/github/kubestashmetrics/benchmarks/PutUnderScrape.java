package io.github.kubestashmetrics.benchmarks;

import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * (p) How long an informer's put waits while gzip scrapes run back to back: one thread writes the
 * store in gzip (OpenMetrics) into a counting sink without pause, while this thread puts pre-
 * rendered new versions of objects drawn uniformly (the worst case: every block dirty at every
 * write) at a fixed rate (rendering is done beforehand). Each put's wait is counted from the time
 * it fell due to the time it returned: a put blocked behind a scrape's lock delays the puts queued
 * behind it as well, as an informer's events queue behind its handler; pacing is against the clock
 * (200 µs parks), so an unblocked put waits at most about that long plus the machine's scheduling.
 * Run against any store through {@link Target}, so the old store (rebuilding inside its monitor)
 * and the new one are measured in the same run with the same updates.
 */
final class PutUnderScrape {

  private static final String[] PHASES = {"Running", "Succeeded", "Failed", "Pending"};

  /** A store under test: a put and a gzip write. */
  interface Target {
    void put(String key, RenderedObject rendered);

    void writeGzip(OutputStream out) throws IOException;
  }

  /** Put waits (seconds, due to done) and how many scrapes completed meanwhile. */
  record Result(List<Double> putSeconds, long scrapes) {}

  private final List<String> keys = new ArrayList<>();
  private final List<RenderedObject> versions = new ArrayList<>();

  /** Pre-renders {@code count} updates of objects drawn uniformly from the mix (seed fixed). */
  PutUnderScrape(ObjectMix mix, MetricCatalogue catalogue, int count) {
    SplittableRandom random = new SplittableRandom(19);
    for (int i = 0; i < count; i++) {
      int index = random.nextInt(mix.size());
      CustomResource<?, ?> object = mix.deserialise(index);
      ObjectMix.setPhase(object, PHASES[i % PHASES.length]);
      keys.add(object.getMetadata().getUid());
      versions.add(catalogue.render(object));
    }
  }

  /**
   * Puts at {@code perSecond} for {@code seconds} while another thread scrapes {@code target} back
   * to back; returns each put's wait from the time it fell due.
   */
  Result measure(Target target, int perSecond, double seconds) throws InterruptedException {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong scrapes = new AtomicLong();
    Thread scraper =
        new Thread(
            () -> {
              OutputStream sink = OutputStream.nullOutputStream();
              while (running.get()) {
                try {
                  target.writeGzip(sink);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
                scrapes.incrementAndGet();
              }
            },
            "back-to-back-scrapes");
    scraper.setDaemon(true);
    scraper.start();
    List<Double> times = new ArrayList<>();
    long since = System.nanoTime();
    long end = since + (long) (seconds * 1e9);
    long done = 0;
    int next = 0;
    while (System.nanoTime() < end) {
      long due = (System.nanoTime() - since) * perSecond / 1_000_000_000L;
      for (; done < due; done++) {
        int i = next++ % keys.size();
        // When this put fell due: a put blocked behind a scrape delays every later one too, as an
        // informer's queued events wait behind its handler, so each counts from its due time.
        long dueAt = since + done * 1_000_000_000L / perSecond;
        target.put(keys.get(i), versions.get(i));
        times.add((System.nanoTime() - dueAt) / 1e9);
      }
      LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
    }
    running.set(false);
    scraper.join(TimeUnit.MINUTES.toMillis(2));
    return new Result(times, scrapes.get());
  }

  static Target of(io.github.kubestashmetrics.metrics.MetricsStore store) {
    return new Target() {
      @Override
      public void put(String key, RenderedObject rendered) {
        store.put(key, rendered);
      }

      @Override
      public void writeGzip(OutputStream out) throws IOException {
        store.write(out, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.GZIP);
      }
    };
  }

  static Target of(io.github.kubestashmetrics.metrics.MonitorRebuildStore store) {
    return new Target() {
      @Override
      public void put(String key, RenderedObject rendered) {
        store.put(key, rendered);
      }

      @Override
      public void writeGzip(OutputStream out) throws IOException {
        store.write(out, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.GZIP);
      }
    };
  }
}
