package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static io.github.kubestashmetrics.exporter.ExporterUnderTest.expectedSeries;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.exporter.LiveObjects.Live;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.Series;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exporter against a misbehaving API server: every scenario ends with {@code /metrics} exactly
 * the catalogue of the API's current objects, and asserts what {@code /readyz} went through. {@link
 * ConfiguredKindsApiFaultsIT} runs the same scenarios with the kinds driven by
 * MetricsConfigurations.
 */
class ApiFaultsIT {

  @RegisterExtension static final KubeStashMockServer API = new KubeStashMockServer();

  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
  }

  @Test
  void changesMadeAroundADroppedWatchAreExported() throws Exception {
    LiveObjects objects = new LiveObjects(API, 101);
    List<Live> initial = objects.createEveryKind(3);
    ExporterUnderTest exporter = start(API, config());
    exporter.awaitWatching();
    exporter.awaitScrapeEqualsApi(API.client());
    EndpointProbe probe = probe(exporter);
    int opened = API.faults().watchesOpened();

    objects.nextPhase(initial.get(0));
    objects.create(objects.draw(KubeStashKinds.BACKUP_SESSION));
    int dropped = API.faults().dropWatches();
    objects.nextPhase(initial.get(4));
    objects.delete(initial.get(7));
    objects.create(objects.draw(KubeStashKinds.SNAPSHOT));

    assertThat(dropped).as("one watch per kind was open").isEqualTo(6);
    Duration converged = exporter.awaitScrapeEqualsApi(API.client());
    await("every kind watched again", () -> API.faults().watchesOpened() >= opened + 6);
    exporter.awaitWatching();
    // The new watches carry later changes too.
    objects.nextPhase(initial.get(10));
    objects.delete(initial.get(12));
    Duration afterRewatch = exporter.awaitScrapeEqualsApi(API.client());

    report(
        "dropped watch: %d watches dropped, converged in %d ms, later change in %d ms, readyz %s",
        dropped, converged.toMillis(), afterRewatch.toMillis(), probe.transitions());
    assertThat(probe.statuses()).as("ready throughout").containsExactly(200);
  }

  @Test
  void goneOnWatchMakesTheInformersListAgainAndChangesAreExported() throws Exception {
    LiveObjects objects = new LiveObjects(API, 202);
    List<Live> initial = objects.createEveryKind(3);
    ExporterUnderTest exporter = start(API, config());
    exporter.awaitWatching();
    exporter.awaitScrapeEqualsApi(API.client());
    EndpointProbe probe = probe(exporter);
    int answeredBefore = API.faults().answeredByFaults();

    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      API.faults().goneOnWatch(kind, 2);
    }
    API.faults().dropWatches();
    // While the informers are told 410 Gone and must list again, the objects change.
    objects.nextPhase(initial.get(1));
    objects.delete(initial.get(2));
    objects.delete(initial.get(9));
    objects.create(objects.draw(KubeStashKinds.REPOSITORY));
    objects.create(objects.draw(KubeStashKinds.RESTORE_SESSION));

    await(
        "every kind's watch answered 410 twice",
        () -> API.faults().answeredByFaults() >= answeredBefore + 12);
    Duration converged = exporter.awaitScrapeEqualsApi(API.client());
    exporter.awaitWatching();
    objects.nextPhase(initial.get(3));
    objects.delete(initial.get(15));
    Duration afterRelist = exporter.awaitScrapeEqualsApi(API.client());

    report(
        "410 Gone: %d watch requests answered 410, converged in %d ms, later change in %d ms,"
            + " readyz %s",
        API.faults().answeredByFaults() - answeredBefore,
        converged.toMillis(),
        afterRelist.toMillis(),
        probe.transitions());
    assertThat(probe.statuses()).as("ready throughout").containsExactly(200);
  }

  @Test
  void apiServerRestartedOnTheSamePortWithChangedObjectsIsFollowedExactly() throws Exception {
    int port = freePort();
    KubeStashMockServer first = KubeStashMockServer.builder().port(port).build().start();
    toClose.add(first);
    LiveObjects objects = new LiveObjects(first, 303);
    List<Live> initial = objects.createEveryKind(3);
    ExporterUnderTest exporter = start(first, config());
    exporter.awaitWatching();
    exporter.awaitScrapeEqualsApi(first.client());
    Set<Series> lastState = expectedSeries(first.client(), KubeStashKinds.ALL);
    EndpointProbe probe = probe(exporter);

    long lastResourceVersion = first.resourceVersion();
    first.close();
    long downAt = System.nanoTime();
    // While the API is down the exporter keeps serving the last state it saw, unchanged.
    for (int i = 0; i < 20; i++) {
      assertThat(ExporterUnderTest.seriesOf(exporter.scrape())).isEqualTo(lastState);
      Thread.sleep(100);
    }
    List<Integer> readyWhileDown = probe.statuses();
    // ... and says that it is stale: no kind is watching (kubestash_exporter_kind_watching 0).
    await(
        "no kind watching while the API is down",
        () ->
            KubeStashKinds.ALL.stream()
                .noneMatch(
                    k ->
                        Boolean.TRUE.equals(
                            exporter.exporter().readiness().watchingByKind().get(k.kind()))));
    assertThat(exporter.exporter().readiness().syncedByKind()).doesNotContainValue(false);

    // The restarted API keeps counting resourceVersions (etcd survives an API server restart) but
    // its watch history starts now, so a watch from before the restart is told 410 Expired. It
    // starts empty: the test writes what "changed while it was down".
    KubeStashMockServer second =
        KubeStashMockServer.builder()
            .port(port)
            .resourceVersionsAfter(lastResourceVersion)
            .build()
            .start();
    toClose.add(second);
    long downMillis = Duration.ofNanos(System.nanoTime() - downAt).toMillis();
    objects.useServer(second);
    for (int i = 0; i < initial.size(); i += 4) {
      objects.forget(initial.get(i)); // vanished while the API was down
    }
    objects.recreateAll();
    for (Live object : objects.all().subList(0, 5)) {
      objects.nextPhase(object);
    }
    objects.create(objects.draw(KubeStashKinds.BACKUP_STORAGE));
    objects.create(objects.draw(KubeStashKinds.BACKUP_SESSION));

    Duration converged = exporter.awaitScrapeEqualsApi(second.client());
    exporter.awaitWatching();
    objects.nextPhase(objects.all().get(0));
    objects.delete(objects.all().get(1));
    Duration later = exporter.awaitScrapeEqualsApi(second.client());

    report(
        "API restart: down %d ms, converged %d ms after restart, later change in %d ms,"
            + " objects %d -> %d, readyz %s",
        downMillis,
        converged.toMillis(),
        later.toMillis(),
        initial.size(),
        objects.size(),
        probe.transitions());
    // fabric8 keeps an informer "synced" once it has listed: the exporter stays ready and keeps
    // serving its last state while the API is away (restarting it would only lose that state).
    assertThat(readyWhileDown).containsExactly(200);
    assertThat(probe.statuses()).containsExactly(200);
    assertThat(exporter.exporter().readiness().watchingByKind()).doesNotContainValue(false);
  }

  @Test
  void forbiddenKindIsNotReadyUntilPermissionIsGrantedThenExportedExactly() throws Exception {
    LiveObjects objects = new LiveObjects(API, 404);
    objects.createEveryKind(2);
    API.faults().forbid(KubeStashKinds.SNAPSHOT);
    // slf4j-simple writes to System.err as it is at each call: keep what the exporter logs.
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(new TeeOutputStream(stderr, log), true, StandardCharsets.UTF_8));
    try {
      forbiddenKindScenario();
    } finally {
      System.setErr(stderr);
    }
    List<String> snapshotLines =
        log.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> l.contains("Snapshot informer"))
            .toList();
    // One WARN line per failed attempt with the cause's message, no stack trace; a summary at sync.
    assertThat(snapshotLines).isNotEmpty();
    assertThat(snapshotLines.get(0))
        .matches(
            ".* WARN ResourceInformers - Snapshot informer \\(\\*\\) cannot list/watch \\(attempt 1\\),"
                + " retrying with backoff: .*(?i:forbidden).*");
    assertThat(snapshotLines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .matches(
                        ".* INFO ResourceInformers - Snapshot informer \\(\\*\\) (recovered|synced:)"
                            + " .*after [1-9][0-9]* failed attempts?( in [0-9]+ s)?"));
    assertThat(snapshotLines.stream().filter(l -> l.contains(" WARN ")))
        .as("one WARN line per failed attempt, numbered")
        .allSatisfy(l -> assertThat(l).contains("cannot list/watch (attempt "));
    assertThat(log.toString(StandardCharsets.UTF_8).lines())
        .as("no stack trace")
        .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
  }

  private void forbiddenKindScenario() throws Exception {
    ExporterUnderTest exporter = start(API, config());
    EndpointProbe probe = probe(exporter);

    List<KubeStashKinds.Kind<?>> allowed =
        KubeStashKinds.ALL.stream().filter(k -> k != KubeStashKinds.SNAPSHOT).toList();
    Duration othersExported =
        exporter.awaitScrapeEquals(() -> expectedSeries(API.client(), allowed));
    var readyz = exporter.get("/readyz");
    assertThat(readyz.statusCode()).isEqualTo(503);
    assertThat(readyz.body()).isEqualTo("not synced: Snapshot\n");

    API.faults().clear(KubeStashKinds.SNAPSHOT);
    long grantedAt = System.nanoTime();
    await("ready", () -> exporter.status("/readyz") == 200);
    long readyMillis = Duration.ofNanos(System.nanoTime() - grantedAt).toMillis();
    Duration converged = exporter.awaitScrapeEqualsApi(API.client());

    report(
        "403: other kinds exact in %d ms, ready %d ms after permission, exact in %d ms, readyz %s",
        othersExported.toMillis(), readyMillis, converged.toMillis(), probe.transitions());
    probe.awaitFreshPoll();
    assertThat(probe.statuses()).containsExactly(503, 200);
  }

  @Test
  void absentCrdLeavesOtherKindsExportingAndNotReadyUntilItIsCreated() throws Exception {
    LiveObjects objects = new LiveObjects(API, 505);
    objects.createEveryKind(2);
    API.faults().hideCrd(KubeStashKinds.RESTORE_SESSION);
    ExporterUnderTest exporter = start(API, config());
    EndpointProbe probe = probe(exporter);

    List<KubeStashKinds.Kind<?>> present =
        KubeStashKinds.ALL.stream().filter(k -> k != KubeStashKinds.RESTORE_SESSION).toList();
    Duration othersExported =
        exporter.awaitScrapeEquals(() -> expectedSeries(API.client(), present));
    if (absentCrdHoldsReadiness()) {
      var readyz = exporter.get("/readyz");
      assertThat(readyz.statusCode()).isEqualTo(503);
      assertThat(readyz.body()).isEqualTo("not synced: RestoreSession\n");
    } else {
      // A MetricsConfiguration target whose resource the API does not serve waits (pending):
      // the rest is ready meanwhile.
      await("ready without RestoreSession", () -> exporter.status("/readyz") == 200);
    }

    API.faults().clear(KubeStashKinds.RESTORE_SESSION);
    long createdAt = System.nanoTime();
    await("ready", () -> exporter.status("/readyz") == 200);
    long readyMillis = Duration.ofNanos(System.nanoTime() - createdAt).toMillis();
    Duration converged = exporter.awaitScrapeEqualsApi(API.client());

    report(
        "CRD absent: other kinds exact in %d ms, ready %d ms after the CRD appeared, exact in %d"
            + " ms, readyz %s",
        othersExported.toMillis(), readyMillis, converged.toMillis(), probe.transitions());
    probe.awaitFreshPoll();
    assertThat(probe.statuses()).containsExactly(503, 200);
  }

  @Test
  void slowApiStillConvergesExactlyWhileScrapesStayFast() throws Exception {
    LiveObjects objects = new LiveObjects(API, 606);
    List<Live> initial = objects.createEveryKind(2);
    Duration delay = Duration.ofMillis(300);
    API.faults().delayResponses(delay);
    ExporterUnderTest exporter = start(API, config());
    EndpointProbe probe = probe(exporter);
    ScrapeTimer timer = new ScrapeTimer(exporter);
    toClose.add(timer);

    exporter.awaitWatching();
    Duration started = exporter.awaitScrapeEqualsApi(API.client());
    objects.nextPhase(initial.get(0));
    objects.delete(initial.get(3));
    objects.create(objects.draw(KubeStashKinds.BACKUP_CONFIGURATION));
    Duration changed = exporter.awaitScrapeEqualsApi(API.client());
    timer.close();

    report(
        "slow API (%d ms per response): exact %d ms after watching, change exact in %d ms,"
            + " %d scrapes meanwhile: median %d ms, max %d ms, readyz %s",
        delay.toMillis(),
        started.toMillis(),
        changed.toMillis(),
        timer.count(),
        timer.medianMillis(),
        timer.maxMillis(),
        probe.transitions());
    assertThat(timer.count()).isGreaterThan(10);
    // A scrape never waits for the API: were it to call it, every scrape would take >= 300 ms.
    assertThat(timer.medianMillis()).isLessThan(delay.toMillis() / 3);
    probe.awaitFreshPoll();
    assertThat(probe.statuses()).containsExactly(503, 200);
  }

  // --- helpers ---

  /** The exporter's configuration in these scenarios: the built-in mode here. */
  ExporterConfig config() throws Exception {
    return ExporterConfig.defaults();
  }

  /**
   * Whether a kind whose CRD is absent holds {@code /readyz} at 503: an enabled built-in kind does
   * (it is expected), a MetricsConfiguration target does not (it is pending, the rest is served).
   */
  boolean absentCrdHoldsReadiness() {
    return true;
  }

  private ExporterUnderTest start(KubeStashMockServer api, ExporterConfig config) throws Exception {
    ExporterUnderTest exporter = ExporterUnderTest.start(api.url(), config);
    toClose.add(exporter);
    return exporter;
  }

  private EndpointProbe probe(ExporterUnderTest exporter) {
    EndpointProbe probe = new EndpointProbe(exporter.uri("/readyz"), Duration.ofMillis(50));
    toClose.add(probe);
    return probe;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private void report(String format, Object... args) {
    System.out.printf("[" + getClass().getSimpleName() + "] " + format + "%n", args);
  }

  /** Writes to two streams: the test's log still shows everything while it is kept. */
  private static final class TeeOutputStream extends OutputStream {
    private final OutputStream first;
    private final OutputStream second;

    TeeOutputStream(OutputStream first, OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      first.flush();
      second.flush();
    }
  }
}
