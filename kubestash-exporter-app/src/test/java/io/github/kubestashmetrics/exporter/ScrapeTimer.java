package io.github.kubestashmetrics.exporter;

import java.util.ArrayList;
import java.util.List;

/** Scrapes {@code /metrics} in the background every 50 ms and records how long each took. */
final class ScrapeTimer implements AutoCloseable {

  private final ExporterUnderTest exporter;
  private final List<Long> nanos = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  ScrapeTimer(ExporterUnderTest exporter) {
    this.exporter = exporter;
    this.thread = new Thread(this::run, "scrape-timer");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      long start = System.nanoTime();
      try {
        ExporterUnderTest.seriesOf(exporter.scrape());
        record(System.nanoTime() - start);
      } catch (AssertionError | RuntimeException e) {
        synchronized (this) {
          failures.add(e);
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void record(long took) {
    nanos.add(took);
  }

  synchronized int count() {
    return nanos.size();
  }

  synchronized long medianMillis() {
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2) / 1_000_000;
  }

  synchronized long maxMillis() {
    return nanos.stream().mapToLong(Long::longValue).max().orElse(-1) / 1_000_000;
  }

  /** Stops scraping; fails if any scrape failed (not 200, or not a valid exposition). */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (!failures.isEmpty()) {
        AssertionError error = new AssertionError(failures.size() + " scrapes failed");
        failures.forEach(error::addSuppressed);
        throw error;
      }
    }
  }
}
