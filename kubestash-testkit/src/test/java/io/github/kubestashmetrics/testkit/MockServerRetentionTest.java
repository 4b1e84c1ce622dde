package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mock API keeps its memory bounded under endless traffic, as the demo needs when it runs for
 * days: an hour of the demo's soak churn (30 object changes a second, a MetricsConfiguration edit
 * every 10 seconds, a CRD deleted and created again every minute, a watch open throughout) sent as
 * fast as the server answers. What the server retains afterwards is counted (requests recorded,
 * deletes kept for watch replay, objects stored) and its heap measured after a full GC, against the
 * bounds the testkit README states.
 */
class MockServerRetentionTest {

  /** The soak's rate and length: an hour at 30 object changes a second. */
  private static final int SECONDS = Integer.getInteger("kubestash.testkit.churnSeconds", 3_600);

  private static final int CHANGES_PER_SECOND = 30;
  private static final String NS = "demo";

  /** Snapshots alive at once: each is deleted this many seconds after it was created. */
  private static final int LIFETIME_SECONDS = 20;

  /**
   * Clients sending at once, each every {@code WORKERS}-th second of the churn; a divisor of the
   * lifetime, so each deletes only snapshots it created.
   */
  private static final int WORKERS = 4;

  private static final int WARM_UP_SECONDS = 60;

  /** The README's bound on the heap the server retains beyond its start, after a full GC. */
  private static final long HEAP_BOUND_BYTES = 32L * 1024 * 1024;

  private static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("example.com")
          .withVersion("v1")
          .withKind("Widget")
          .withPlural("widgets")
          .withNamespaced(true)
          .build();

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void anHourOfDemoChurnLeavesTheServerRetainingBoundedMemory() throws Exception {
    try (KubeStashMockServer server =
        KubeStashMockServer.builder()
            .metricsConfigurationCrd(true)
            .resetAfterEach(false)
            .build()
            .start()) {
      KubernetesClient client = server.client();
      AtomicLong events = new AtomicLong();
      Churn churn = new Churn(server, client);
      churn.seconds(0, WARM_UP_SECONDS); // every kind of request, client and server warmed up
      long before = heapAfterGc();
      Watch watch = client.resources(Snapshot.class).inNamespace(NS).watch(counting(events));
      try {
        churn.seconds(WARM_UP_SECONDS, SECONDS);
      } finally {
        watch.close();
      }
      long after = heapAfterGc();
      KubeStashMockServer.Retained retained = server.retained();

      long changes = churn.changes.get();
      System.out.printf(
          "mock API after %d writes (%d s of the demo's churn): %s, heap %d -> %d KiB%n",
          changes, SECONDS, retained, before / 1024, after / 1024);
      assertThat(changes).isGreaterThanOrEqualTo((long) SECONDS * CHANGES_PER_SECOND);
      assertThat(events.get()).as("watch events seen").isPositive();
      assertThat(retained.recordedRequests()).as("requests recorded").isLessThanOrEqualTo(1);
      assertThat(retained.deletesKept())
          .as("deletes kept")
          .isEqualTo(MockApiDispatcher.TOMBSTONES_KEPT);
      assertThat(retained.objectsStored())
          .as("objects stored: the live snapshots and the CRDs, not every one ever created")
          .isLessThan(LIFETIME_SECONDS * CHANGES_PER_SECOND);
      assertThat(after - before).as("heap retained beyond the start").isLessThan(HEAP_BOUND_BYTES);
    }
  }

  /** The soak's requests, second by second. */
  private static final class Churn {
    private final KubeStashMockServer server;
    private final KubernetesClient client;

    /** Object changes, configuration edits and CRD writes sent (each one request or more). */
    private final AtomicLong changes = new AtomicLong();

    Churn(KubeStashMockServer server, KubernetesClient client) {
      this.server = server;
      this.client = client;
    }

    /**
     * Seconds {@code from} (inclusive) to {@code to} (exclusive) of the churn, {@link #WORKERS}
     * clients at once; the configuration edits and CRD re-creations of those seconds are sent by
     * the first.
     */
    void seconds(int from, int to) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
          int worker = w;
          workers.add(pool.submit(() -> seconds(from, to, worker)));
        }
        for (Future<?> done : workers) {
          done.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }

    private void seconds(int from, int to, int worker) {
      for (int second = from; second < to; second++) {
        if (second % WORKERS == worker) {
          objectChanges(second);
        }
        if (worker == 0 && second % 10 == 0) {
          editConfiguration(second);
        }
        if (worker == 0 && second % 60 == 0) {
          recreateCrd();
        }
      }
    }

    /** A third of the second's changes create snapshots, a third finish them, a third delete. */
    private void objectChanges(int second) {
      for (int i = 0; i < CHANGES_PER_SECOND / 3; i++) {
        Instant at = Instant.ofEpochSecond(1_760_000_000L + second);
        server.create(snapshot(second, i, "Running", at));
        server.updateStatus(snapshot(second, i, "Succeeded", at));
        if (second >= LIFETIME_SECONDS) {
          server.delete(snapshot(second - LIFETIME_SECONDS, i, "Succeeded", at));
        }
        changes.addAndGet(3);
      }
    }

    private void editConfiguration(int second) {
      GenericKubernetesResource configuration =
          new GenericKubernetesResourceBuilder()
              .withApiVersion("metrics.appscode.com/v1alpha1")
              .withKind("MetricsConfiguration")
              .withNewMetadata()
              .withName("snapshots")
              .endMetadata()
              .withAdditionalProperties(
                  Map.of(
                      "spec",
                      Map.of(
                          "targetRef",
                          Map.of(
                              "apiVersion", "storage.kubestash.com/v1alpha1", "kind", "Snapshot"),
                          "metrics",
                          List.of(
                              Map.of(
                                  "name",
                                  "info",
                                  "help",
                                  "Edited at second " + second,
                                  "type",
                                  "gauge",
                                  "metricValue",
                                  Map.of("value", 1))))))
              .build();
      client
          .genericKubernetesResources(KubeStashMockServer.METRICS_CONFIGURATIONS)
          .resource(configuration)
          .createOr(existing -> existing.update());
      changes.addAndGet(2);
    }

    private void recreateCrd() {
      server.deleteCustomResourceDefinition("widgets.example.com");
      server.createCustomResourceDefinition(WIDGETS);
      changes.addAndGet(2);
    }

    private static Snapshot snapshot(int second, int index, String phase, Instant at) {
      return KubeStashFixtures.snapshot(NS, "s-" + second + "-" + index)
          .repository("repo")
          .backupSession("session-" + second)
          .appRef("apps", "StatefulSet", "sample-sts", NS)
          .phase(phase)
          .snapshotTime(at)
          .build();
    }
  }

  private static <T> Watcher<T> counting(AtomicLong events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        events.incrementAndGet();
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  /** Heap in use after full collections, settled. */
  private static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
