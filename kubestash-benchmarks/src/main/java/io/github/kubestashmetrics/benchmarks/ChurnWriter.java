package io.github.kubestashmetrics.benchmarks;

import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Object updates flowing into the store at a fixed rate while it is switched on, each doing what
 * the exporter does for a watch event: Jackson reads the object's JSON into its class (as the
 * fabric8 client does), its phase changes, the catalogue renders it and the store takes it. Paced
 * against the clock (not a sleep per update), so a stall is caught up at once.
 *
 * <p>Which objects change is the {@link Pattern}. The store holds the mix's objects under their
 * UIDs, stored in mix order (the oldest first); created objects get new keys.
 */
final class ChurnWriter implements AutoCloseable {

  /** Which objects the updates touch. */
  enum Pattern {
    /** Every object in turn, in mix order (the harness's original churn). */
    SWEEP,
    /**
     * A cluster's: 90 % updates to the newest 5 % of objects (running sessions), 5 % creations at
     * the new end, 5 % deletions at the old end (pruned snapshots and finished sessions).
     */
    NEWEST,
    /** Updates to objects drawn uniformly from all of them: the worst case for the store. */
    UNIFORM
  }

  private static final String[] PHASES = {"Running", "Succeeded", "Failed", "Pending"};

  private final ObjectMix mix;
  private final MetricCatalogue catalogue;
  private final MetricsStore store;
  private final int perSecond;
  private final Pattern pattern;
  private final SplittableRandom random = new SplittableRandom(42);
  private final Thread thread;

  /**
   * The live keys, oldest first, as a ring: {@code keys[(head + i) % length]} is the i-th oldest
   * and {@code sources} the mix index it renders; creations append, deletions drop the head.
   */
  private final String[] keys;

  private final int[] sources;
  private int head;
  private int live;
  private long created;
  private volatile boolean active;
  private volatile boolean stopped;
  private long next;
  private long updates;
  private long activeNanos;

  ChurnWriter(
      ObjectMix mix,
      MetricCatalogue catalogue,
      MetricsStore store,
      int perSecond,
      Pattern pattern) {
    this.mix = mix;
    this.catalogue = catalogue;
    this.store = store;
    this.perSecond = perSecond;
    this.pattern = pattern;
    this.keys = new String[mix.size() + 1];
    this.sources = new int[mix.size() + 1];
    for (int i = 0; i < mix.size(); i++) {
      keys[i] = mix.object(i).getMetadata().getUid();
      sources[i] = i;
    }
    this.live = mix.size();
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
    switch (pattern) {
      case SWEEP -> change((int) (next % live));
      case UNIFORM -> change(random.nextInt(live));
      case NEWEST -> {
        int roll = random.nextInt(20);
        if (roll == 0 && live > 1) {
          store.remove(keys[head]); // the oldest object is deleted
          head = (head + 1) % keys.length;
          live--;
        } else if (roll == 1 && live < keys.length) {
          int slot = (head + live) % keys.length; // a new object, created at the new end
          keys[slot] = "created-" + created++;
          sources[slot] = random.nextInt(mix.size());
          live++;
          change(live - 1);
        } else {
          int newest = Math.max(1, live / 20);
          change(live - 1 - random.nextInt(newest));
        }
      }
    }
    next++;
  }

  /** The i-th oldest live object changes phase and is rendered and stored again. */
  private void change(int i) {
    int slot = (head + i) % keys.length;
    int index = sources[slot];
    CustomResource<?, ?> object = mix.deserialise(index);
    ObjectMix.setPhase(object, PHASES[(int) ((next / Math.max(1, live)) % PHASES.length)]);
    if (keys[slot].startsWith("created-")) {
      object.getMetadata().setName(keys[slot]); // a new object: its own name, so no series repeat
      object.getMetadata().setUid(keys[slot]);
    }
    store.put(keys[slot], catalogue.render(object));
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
