package io.github.kubestashmetrics.benchmarks;

import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.exporter.MetricStore;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Object updates flowing into the store at a fixed rate while it is switched on, each doing what
 * the exporter does for a watch event: Jackson reads the object's JSON into its class (as the
 * fabric8 client does), its phase changes, the catalogue renders it and the store replaces it.
 * Paced against the clock (not a sleep per update), so a stall is caught up at once.
 */
final class ChurnWriter implements AutoCloseable {

  private static final String[] PHASES = {"Running", "Succeeded", "Failed", "Pending"};

  private final ObjectMix mix;
  private final MetricCatalogue catalogue;
  private final MetricStore store;
  private final int perSecond;
  private final Thread thread;
  private volatile boolean active;
  private volatile boolean stopped;
  private long next;
  private long updates;
  private long activeNanos;

  ChurnWriter(ObjectMix mix, MetricCatalogue catalogue, MetricStore store, int perSecond) {
    this.mix = mix;
    this.catalogue = catalogue;
    this.store = store;
    this.perSecond = perSecond;
    this.thread = new Thread(this::run, "churn-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Switches the flow of updates on or off. */
  void active(boolean on) {
    active = on;
  }

  /** Updates per second actually applied while switched on. */
  synchronized double achievedPerSecond() {
    return activeNanos == 0 ? 0 : updates / (activeNanos / 1e9);
  }

  synchronized long updates() {
    return updates;
  }

  private void run() {
    while (!stopped) {
      if (!active) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        continue;
      }
      long since = System.nanoTime();
      long done = 0;
      while (active && !stopped) {
        long now = System.nanoTime();
        long due = (now - since) * perSecond / 1_000_000_000L;
        for (; done < due; done++) {
          update();
        }
        LockSupport.parkNanos(200_000);
      }
      synchronized (this) {
        updates += done;
        activeNanos += System.nanoTime() - since;
      }
    }
  }

  private void update() {
    int index = (int) (next % mix.size());
    CustomResource<?, ?> object = mix.deserialise(index);
    ObjectMix.setPhase(object, PHASES[(int) ((next / mix.size()) % PHASES.length)]);
    store.put(ObjectMix.kindAt(index), object.getMetadata().getUid(), catalogue.render(object));
    next++;
  }

  @Override
  public void close() {
    stopped = true;
    active = false;
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
