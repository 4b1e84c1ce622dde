package io.github.kubestashmetrics.exporter.demo;

import io.github.kubestashmetrics.exporter.DemoApi;
import io.github.kubestashmetrics.metrics.BuiltInConfigurations;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.model.storage.v1alpha1.Snapshot;
import io.github.kubestashmetrics.testkit.BackupSessionFixture;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.SnapshotFixture;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: an embedded Kubernetes API (the testkit's mock server) on loopback, seeded with
 * objects of all six kinds that together produce every one of the 36 families, including failed and
 * running sessions, and with the MetricsConfiguration CRD and KubeStash's six MetricsConfigurations
 * (so {@code --metrics-config=cluster} serves the same families, and users can add their own).
 * Every few seconds a new BackupSession and Snapshot start running and the oldest running ones
 * finish (every fourth fails), so the metrics move like a real cluster's.
 */
public final class DemoCluster implements DemoApi {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCluster.class);
  private static final String NS = "demo";
  private static final String CONFIG = "sample-backup-sts";
  private static final String REPO = "gcs-demo-repo";
  private static final int KEEP_SESSIONS = 20;

  /** Held so the level sticks: the mock server logs every request through java.util.logging. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubeStashMockServer server;
  private final Clock clock;
  private final ScheduledExecutorService ticker;
  private final Deque<String> running = new ArrayDeque<>();
  private final Deque<String> finished = new ArrayDeque<>();
  private int sequence;

  private final DemoTokens tokens;

  private DemoCluster(KubeStashMockServer server, Clock clock, DemoTokens tokens) {
    this.tokens = tokens;
    this.server = server;
    this.clock = clock;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "demo-cluster");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts the API on loopback, seeds it and starts the churn (a tick every 3 seconds). */
  public static DemoCluster start() {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    // Two made-up ServiceAccount tokens for --auth=kubernetes: one may get /metrics, one may not.
    DemoTokens tokens =
        new DemoTokens(
            "demo-allowed-" + java.util.UUID.randomUUID(),
            "demo-unauthorised-" + java.util.UUID.randomUUID());
    KubeStashMockServer server =
        KubeStashMockServer.builder()
            .address(InetAddress.getLoopbackAddress())
            .metricsConfigurationCrd(true)
            .accessReviews(
                new io.github.kubestashmetrics.testkit.AccessReviews()
                    .token(
                        tokens.allowed(),
                        "system:serviceaccount:monitoring:prometheus",
                        "demo:scrapers")
                    .token(tokens.unauthorised(), "system:serviceaccount:default:nosy")
                    .allowGroup("demo:scrapers", "get", "/metrics"))
            .build()
            .start();
    DemoCluster demo = new DemoCluster(server, Clock.systemUTC(), tokens);
    demo.seed();
    demo.ticker.scheduleWithFixedDelay(demo::tickSafely, 3, 3, TimeUnit.SECONDS);
    LOG.info("demo Kubernetes API on {}", server.url());
    return demo;
  }

  @Override
  public java.util.Optional<DemoTokens> tokens() {
    return java.util.Optional.of(tokens);
  }

  @Override
  public String url() {
    return server.url();
  }

  private void seed() {
    // As KubeStash's installer does: its six MetricsConfigurations, which --metrics-config=cluster
    // serves (and the built-in mode ignores); users POST their own beside them.
    for (MetricsConfiguration configuration : BuiltInConfigurations.standard()) {
      server.client().resource(configuration).create();
    }
    Instant now = clock.instant();
    server.create(
        KubeStashFixtures.backupStorage(NS, "gcs-storage")
            .provider("gcs")
            .defaultStorage(true)
            .deletionPolicy("WipeOut")
            .phase("Ready")
            .totalSize("12.222 MiB")
            .repository(REPO, NS, "/demo/sample-sts", "12.222 MiB")
            .condition("BackendInitialized", "True")
            .createdAt(now.minus(Duration.ofDays(30)))
            .build());
    server.create(
        KubeStashFixtures.backupStorage(NS, "s3-archive")
            .provider("s3")
            .defaultStorage(false)
            .deletionPolicy("Delete")
            .phase("NotReady")
            .condition("BackendSecretFound", "False")
            .createdAt(now.minus(Duration.ofDays(2)))
            .build());
    server.create(
        KubeStashFixtures.repository(NS, REPO)
            .appRef("apps", "StatefulSet", "sample-sts", NS)
            .path("/demo/sample-sts")
            .storageRef(NS, "gcs-storage")
            .phase("Ready")
            .integrity(true)
            .lastBackupTime(now.minus(Duration.ofMinutes(5)))
            .size("12.222 MiB")
            .snapshotCount(3)
            .condition("RepositoryInitialized", "True")
            .createdAt(now.minus(Duration.ofDays(30)))
            .build());
    server.create(
        KubeStashFixtures.backupConfiguration(NS, CONFIG)
            .target("apps", "StatefulSet", "sample-sts", NS)
            .session("demo-session", "*/5 * * * *", "workload-addon")
            .backend("gcs-backend", NS, "gcs-storage")
            .phase("Ready")
            .condition("ValidationPassed", "True")
            .createdAt(now.minus(Duration.ofDays(30)))
            .build());
    server.create(
        KubeStashFixtures.backupConfiguration(NS, "nightly-postgres")
            .target("kubedb.com", "Postgres", "app-db", NS)
            .session("nightly", "0 2 * * *", "postgres-addon")
            .phase("NotReady")
            .condition("ValidationPassed", "False")
            .createdAt(now.minus(Duration.ofDays(3)))
            .build());
    server.create(
        KubeStashFixtures.restoreSession(NS, "restore-sample-sts")
            .target("apps", "StatefulSet", "sample-sts", NS)
            .dataSource(NS, REPO, "latest")
            .addon("workload-addon")
            .phase("Succeeded")
            .duration("1m12.5s")
            .totalComponents(2)
            .condition("RestoreCompleted", "True")
            .createdAt(now.minus(Duration.ofHours(6)))
            .build());
    server.create(
        KubeStashFixtures.restoreSession(NS, "restore-app-db")
            .target("kubedb.com", "Postgres", "app-db", NS)
            .dataSource(NS, "postgres-repo", "latest")
            .addon("postgres-addon")
            .phase("Running")
            .createdAt(now.minus(Duration.ofMinutes(2)))
            .build());
    // Sessions in every phase; one failed session of CONFIG feeds KubeStash's failed-backup alert.
    finished(now.minus(Duration.ofMinutes(15)), "Succeeded");
    finished(now.minus(Duration.ofMinutes(10)), "Failed");
    finished(now.minus(Duration.ofMinutes(5)), "Succeeded");
    start(now);
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      LOG.warn("demo tick failed: {}", e.toString());
    }
  }

  /** Finishes the oldest running session, starts a new one, and forgets the oldest finished. */
  private void tick() {
    Instant now = clock.instant();
    String oldest = running.pollFirst();
    if (oldest != null) {
      boolean fails = sequenceOf(oldest) % 4 == 0;
      finish(oldest, fails ? "Failed" : "Succeeded", now);
    }
    start(now);
    while (finished.size() > KEEP_SESSIONS) {
      String gone = finished.pollFirst();
      server.delete(session(gone, "Succeeded", clock.instant()).build());
      server.delete(snapshot(gone, "Succeeded", clock.instant()).build());
    }
  }

  private void start(Instant now) {
    String name = CONFIG + "-" + (++sequence);
    server.create(session(name, "Running", now).build());
    server.create(snapshot(name, "Running", now).build());
    running.addLast(name);
  }

  private void finished(Instant at, String phase) {
    String name = CONFIG + "-" + (++sequence);
    server.create(session(name, "Running", at).build());
    server.create(snapshot(name, "Running", at).build());
    finish(name, phase, at.plus(Duration.ofSeconds(42)));
  }

  private void finish(String name, String phase, Instant at) {
    Snapshot snapshot = snapshot(name, phase, at).build();
    BackupSession session = session(name, phase, at).build();
    server.updateStatus(snapshot);
    server.updateStatus(session);
    finished.addLast(name);
  }

  private BackupSessionFixture session(String name, String phase, Instant at) {
    var session =
        KubeStashFixtures.backupSession(NS, name)
            .invoker("BackupConfiguration", CONFIG)
            .session("demo-session")
            .phase(phase)
            .snapshot(name, snapshotPhase(phase), REPO, "StatefulSet", "sample-sts", NS)
            .condition("SnapshotsEnsured", "True");
    if (!phase.equals("Running")) {
      session
          .duration(Duration.ofMillis(30_000 + (sequenceOf(name) * 7919L) % 60_000))
          .condition(
              phase.equals("Failed") ? "BackupFailed" : "BackupSucceeded",
              phase.equals("Failed") ? "False" : "True");
    }
    return session;
  }

  private SnapshotFixture snapshot(String name, String phase, Instant at) {
    var snapshot =
        KubeStashFixtures.snapshot(NS, name)
            .type("FullBackup")
            .repository(REPO)
            .session("demo-session")
            .backupSession(name)
            .version("v1")
            .appRef("apps", "StatefulSet", "sample-sts", NS)
            .phase(snapshotPhase(phase))
            .snapshotTime(at)
            .condition("RecentSnapshotListUpdated", "True");
    if (phase.equals("Succeeded")) {
      snapshot
          .integrity(true)
          .size((10 + sequenceOf(name) % 7) + "." + (100 + sequenceOf(name) % 900) + " MiB")
          .totalComponents(1);
    }
    return snapshot;
  }

  private static String snapshotPhase(String sessionPhase) {
    return sessionPhase.equals("Skipped") ? "Failed" : sessionPhase;
  }

  private static int sequenceOf(String name) {
    return Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.close();
  }
}
