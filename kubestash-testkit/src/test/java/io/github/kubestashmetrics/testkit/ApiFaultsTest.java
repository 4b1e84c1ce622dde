package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.model.storage.v1alpha1.Repository;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiFaultsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @RegisterExtension static final KubeStashMockServer server = new KubeStashMockServer();

  @Test
  void droppedWatchIsClosedAndTheInformerWatchesAgainAndSeesLaterChanges() throws Exception {
    KubeStashMockServerTest.Recorder<BackupSession> recorder =
        new KubeStashMockServerTest.Recorder<>();
    try (SharedIndexInformer<BackupSession> informer =
        server.client().resources(BackupSession.class).inAnyNamespace().inform(recorder)) {
      await(() -> server.faults().openWatchCount() == 1);
      int openedBefore = server.faults().watchesOpened();

      assertThat(server.faults().dropWatches()).isEqualTo(1);

      // The client only learns of later changes by opening a new watch (or listing again).
      await(() -> server.faults().watchesOpened() > openedBefore);
      await(() -> server.faults().openWatchCount() == 1);
      server.create(KubeStashFixtures.backupSession("demo", "after-drop").phase("Running").build());
      assertThat(recorder.next("ADD", "after-drop").object().getMetadata().getName())
          .isEqualTo("after-drop");
      assertThat(informer.isWatching()).isTrue();
    }
  }

  @Test
  void watchFromAResourceVersionAlsoGetsTheDeletesSinceIt() throws Exception {
    server.create(KubeStashFixtures.backupSession("demo", "kept").phase("Running").build());
    BackupSession doomed =
        server.create(KubeStashFixtures.backupSession("demo", "doomed").phase("Running").build());
    String listed =
        server
            .client()
            .resources(BackupSession.class)
            .inAnyNamespace()
            .list()
            .getMetadata()
            .getResourceVersion();
    server.delete(doomed); // between the list and the watch: fabric8's mock alone forgets it

    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Watch watch =
        server
            .client()
            .resources(BackupSession.class)
            .inAnyNamespace()
            .watch(
                new ListOptionsBuilder().withResourceVersion(listed).build(),
                recording(events, new CompletableFuture<>()));
    try {
      assertThat(List.of(next(events), next(events)))
          .containsExactlyInAnyOrder("ADDED kept", "DELETED doomed");
    } finally {
      watch.close();
    }
  }

  @Test
  void goneOnWatchEndsTheWatchWithAn410ExpiredEvent() throws Exception {
    server.faults().goneOnWatch(KubeStashKinds.BACKUP_SESSION, 1);
    CompletableFuture<WatcherException> closed = new CompletableFuture<>();
    Watch watch =
        server
            .client()
            .resources(BackupSession.class)
            .inAnyNamespace()
            .watch(
                new ListOptionsBuilder().withResourceVersion("1").build(),
                recording(new LinkedBlockingQueue<>(), closed));
    try {
      WatcherException error = closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(error.isHttpGone()).as("410 Gone: %s", error).isTrue();
      assertThat(server.faults().answeredByFaults()).isEqualTo(1);
    } finally {
      watch.close();
    }
  }

  @Test
  void restartedServerContinuesResourceVersionsAndSendsOlderWatches410() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    KubeStashMockServer first = KubeStashMockServer.builder().port(port).build().start();
    long before;
    try {
      first.create(KubeStashFixtures.repository("demo", "repo").phase("Ready").build());
      before = first.resourceVersion();
    } finally {
      first.close();
    }
    KubeStashMockServer second =
        KubeStashMockServer.builder().port(port).resourceVersionsAfter(before).build().start();
    try {
      assertThat(second.resourceVersion()).isGreaterThan(before);
      assertThat(second.client().resources(Repository.class).inAnyNamespace().list().getItems())
          .as("a restarted mock starts empty")
          .isEmpty();
      CompletableFuture<WatcherException> closed = new CompletableFuture<>();
      Watch watch =
          second
              .client()
              .resources(Repository.class)
              .inAnyNamespace()
              .watch(
                  new ListOptionsBuilder().withResourceVersion(String.valueOf(before)).build(),
                  recording(new LinkedBlockingQueue<>(), closed));
      try {
        assertThat(closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).isHttpGone()).isTrue();
      } finally {
        watch.close();
      }
    } finally {
      second.close();
    }
  }

  @Test
  void watchFromBeforeTheOldestRememberedDeleteGets410AndARecentOneGetsTheDeletes()
      throws Exception {
    long start = server.resourceVersion();
    Repository first = server.create(KubeStashFixtures.repository("demo", "first").build());
    server.delete(first);
    // More deletes than the server remembers: the first one is forgotten.
    for (int i = 0; i < MockApiDispatcher.TOMBSTONES_KEPT; i++) {
      server.delete(server.create(KubeStashFixtures.repository("demo", "r" + i).build()));
    }
    CompletableFuture<WatcherException> closed = new CompletableFuture<>();
    Watch tooOld =
        server
            .client()
            .resources(Repository.class)
            .inAnyNamespace()
            .watch(
                new ListOptionsBuilder().withResourceVersion(String.valueOf(start)).build(),
                recording(new LinkedBlockingQueue<>(), closed));
    try {
      assertThat(closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).isHttpGone()).isTrue();
    } finally {
      tooOld.close();
    }

    long recent = server.resourceVersion();
    Repository last = server.create(KubeStashFixtures.repository("demo", "last").build());
    server.delete(last);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    Watch replayed =
        server
            .client()
            .resources(Repository.class)
            .inAnyNamespace()
            .watch(
                new ListOptionsBuilder().withResourceVersion(String.valueOf(recent)).build(),
                recording(events, new CompletableFuture<>()));
    try {
      assertThat(next(events)).isEqualTo("DELETED last");
    } finally {
      replayed.close();
    }
  }

  private static <T extends HasMetadata> Watcher<T> recording(
      BlockingQueue<String> events, CompletableFuture<WatcherException> closed) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        events.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {
        closed.complete(cause);
      }
    };
  }

  private static String next(BlockingQueue<String> events) throws InterruptedException {
    String event = events.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(event).as("a watch event within %s", PATIENCE).isNotNull();
    return event;
  }

  @Test
  void dropWatchesWithNoOpenWatchDropsNothing() throws InterruptedException {
    // The server is shared: a watch an earlier test opened closes asynchronously after it ends.
    await(() -> server.faults().openWatchCount() == 0);
    assertThat(server.faults().dropWatches()).isZero();
  }

  @Test
  void forbiddenKindIsRefusedUntilCleared() {
    server.faults().forbid(KubeStashKinds.SNAPSHOT);
    var snapshots = server.client().resources(Snapshot.class).inAnyNamespace();

    Assertions.assertThatThrownBy(() -> snapshots.list())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    assertThat(server.client().resources(BackupSession.class).inAnyNamespace().list().getItems())
        .isEmpty();

    server.faults().clear(KubeStashKinds.SNAPSHOT);
    assertThat(snapshots.list().getItems()).isEmpty();
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within %s", PATIENCE).isLessThan(deadline);
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }
}
