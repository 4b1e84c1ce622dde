package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.core.v1alpha1.BackupSession;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.Hostile;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.MetricsAssert;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exporter over real HTTP against the testkit's mock API server. */
class ExporterIT {

  @RegisterExtension static final KubeStashMockServer API = new KubeStashMockServer();

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  private final HttpClient http = HttpClient.newHttpClient();
  private Exporter exporter;

  @AfterEach
  void stopExporter() {
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void everyKindIsExportedExactlyAsTheCatalogueMapsTheApiServersObjects() throws Exception {
    createOneOfEachKind("demo");
    start(ExporterConfig.defaults());
    awaitScrapeEqualsCatalogueOfApiObjects();
    assertThat(
            hasSeries(
                "core_kubestash_com_backupsession_phase",
                Map.of("backupsession", "nightly-1", "phase", "Failed"),
                1))
        .isTrue();
    MetricsAssert.assertThat(scrape()).hasFamily("storage_kubestash_com_snapshot_size_bytes");
  }

  @Test
  void phaseChangeMovesTheOneHotOne() throws Exception {
    BackupSession running =
        API.create(
            KubeStashFixtures.backupSession("demo", "s1")
                .invoker("BackupConfiguration", "nightly")
                .phase("Running")
                .build());
    start(ExporterConfig.defaults());
    Map<String, String> succeeded = Map.of("backupsession", "s1", "phase", "Succeeded");
    Map<String, String> runningLabels = Map.of("backupsession", "s1", "phase", "Running");
    await(
        "the running session's phase series",
        () -> hasSeries("core_kubestash_com_backupsession_phase", runningLabels, 1));

    running.getStatus().setPhase("Succeeded");
    running.getStatus().setDuration("1m5.2s");
    API.updateStatus(running);

    await(
        "the succeeded session's phase series",
        () -> hasSeries("core_kubestash_com_backupsession_phase", succeeded, 1));
    assertThat(hasSeries("core_kubestash_com_backupsession_phase", runningLabels, 0)).isTrue();
    assertThat(
            hasSeries(
                "core_kubestash_com_backupsession_duration_seconds",
                Map.of("backupsession", "s1"),
                65.2))
        .isTrue();
    awaitScrapeEqualsCatalogueOfApiObjects();
  }

  @Test
  void deletedObjectLeavesNoSeries() throws Exception {
    BackupSession doomed =
        API.create(KubeStashFixtures.backupSession("demo", "doomed").phase("Failed").build());
    API.create(KubeStashFixtures.backupSession("demo", "kept").phase("Succeeded").build());
    start(ExporterConfig.defaults());
    await("the doomed session's series", () -> scrape().contains("backupsession=\"doomed\""));

    API.delete(doomed);

    await("the doomed session's series gone", () -> !scrape().contains("backupsession=\"doomed\""));
    assertThat(scrape()).contains("backupsession=\"kept\"");
    awaitScrapeEqualsCatalogueOfApiObjects();
  }

  @Test
  void namespaceScopingExportsOnlyTheListedNamespaces() throws Exception {
    for (String ns : List.of("team-a", "team-b", "team-c")) {
      API.create(KubeStashFixtures.repository(ns, "repo").phase("Ready").build());
    }
    start(ExporterConfig.defaults().withScope(List.of("team-a", "team-b"), Optional.empty()));
    await("team-b's series", () -> scrape().contains("namespace=\"team-b\""));
    String text = scrape();
    assertThat(text).contains("namespace=\"team-a\"").doesNotContain("namespace=\"team-c\"");
    MetricsAssert.assertThat(text).familyCount("storage_kubestash_com_repository_info", 2);
  }

  @Test
  void labelSelectorExportsOnlyMatchingObjects() throws Exception {
    API.create(KubeStashFixtures.snapshot("demo", "mine").label("team", "db").build());
    API.create(KubeStashFixtures.snapshot("demo", "theirs").label("team", "web").build());
    start(ExporterConfig.defaults().withScope(List.of(), Optional.of("team=db")));
    await("the snapshot's series", () -> scrape().contains("snapshot=\"mine\""));
    assertThat(scrape()).doesNotContain("snapshot=\"theirs\"");
  }

  @Test
  void forbiddenKindLeavesTheOthersExportingAndNotReadyUntilPermissionIsGranted() throws Exception {
    createOneOfEachKind("demo");
    API.faults().forbid(KubeStashKinds.SNAPSHOT);
    startWithoutWaiting(ExporterConfig.defaults());

    await(
        "a backupsession_info series",
        () -> scrape().contains("core_kubestash_com_backupsession_info{"));
    assertThat(status("/readyz")).isEqualTo(503);
    assertThat(body("/readyz")).contains("Snapshot");
    assertThat(scrape()).doesNotContain("storage_kubestash_com_snapshot_info{");
    assertThat(exporter.readiness().syncedByKind().get(KubeStashKinds.BACKUP_SESSION.kind()))
        .isTrue();

    API.faults().clear(KubeStashKinds.SNAPSHOT);

    await("/readyz 200", () -> status("/readyz") == 200);
    awaitScrapeEqualsCatalogueOfApiObjects();
  }

  @Test
  void hostileObjectsNeverBreakTheScrape() throws Exception {
    createOneOfEachKind("demo");
    KubeStashGenerators generators = new KubeStashGenerators(42);
    ObjectMapper json = new ObjectMapper();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Hostile hostile = generators.hostile();
      hostile.manifest().withObjectProperty("metadata").put("namespace", "hostile");
      hostile.manifest().withObjectProperty("metadata").put("name", "hostile-" + i);
      GenericKubernetesResource resource =
          json.treeToValue(hostile.manifest(), GenericKubernetesResource.class);
      try {
        API.client().resource(resource).create();
        created.add(hostile.category().name());
      } catch (RuntimeException rejectedByApi) {
        // The mock API refuses some manifests outright (e.g. no usable name); nothing to export.
      }
    }
    start(ExporterConfig.defaults());
    await("/readyz 200", () -> status("/readyz") == 200);
    assertThat(created).hasSizeGreaterThan(30);
    for (int i = 0; i < 3; i++) {
      MetricsAssert.assertThat(scrape()).isValid();
      MetricsAssert.assertThatOpenMetrics(scrape("application/openmetrics-text", false)).isValid();
    }
    assertThat(scrape()).contains("backupsession=\"nightly-1\"");
  }

  @Test
  void openMetricsAndGzipResponsesParse() throws Exception {
    createOneOfEachKind("demo");
    start(ExporterConfig.defaults());
    awaitScrapeEqualsCatalogueOfApiObjects();
    String plain = scrape();
    String openMetrics = scrape("application/openmetrics-text; version=1.0.0", false);
    String gzipped = scrape(null, true);
    assertThat(openMetrics).endsWith("# EOF\n");
    MetricsAssert.assertThatOpenMetrics(openMetrics).isValid();
    assertThat(new HashSet<>(ExpositionParser.parseOpenMetrics(openMetrics).series()))
        .isEqualTo(ExporterUnderTest.seriesOf(plain));
    assertThat(gzipped).isEqualTo(plain);
    assertThat(status("/nope")).isEqualTo(404);
    assertThat(status("/healthz")).isEqualTo(200);
  }

  // --- helpers ---

  private void createOneOfEachKind(String ns) {
    API.create(
        KubeStashFixtures.backupConfiguration(ns, "nightly")
            .target("apps", "StatefulSet", "db", ns)
            .session("daily", "0 2 * * *", "workload-addon")
            .phase("Ready")
            .condition("ValidationPassed", "True")
            .build());
    API.create(
        KubeStashFixtures.backupSession(ns, "nightly-1")
            .invoker("BackupConfiguration", "nightly")
            .session("daily")
            .phase("Failed")
            .duration("7.534461497s")
            .snapshot("repo-nightly-1", "Failed", "repo", "StatefulSet", "db", ns)
            .condition("BackupFailed", "False")
            .build());
    API.create(
        KubeStashFixtures.backupStorage(ns, "gcs")
            .provider("gcs")
            .defaultStorage(true)
            .deletionPolicy("WipeOut")
            .phase("Ready")
            .totalSize("12.222 MiB")
            .repository("repo", ns, "/db", "12.222 MiB")
            .build());
    API.create(
        KubeStashFixtures.repository(ns, "repo")
            .appRef("apps", "StatefulSet", "db", ns)
            .path("/db")
            .phase("Ready")
            .integrity(true)
            .size("12.222 MiB")
            .snapshotCount(7)
            .lastBackupTime("2024-05-01T02:00:07Z")
            .build());
    API.create(
        KubeStashFixtures.restoreSession(ns, "restore-1")
            .target("apps", "StatefulSet", "db", ns)
            .dataSource(ns, "repo", "latest")
            .addon("workload-addon")
            .phase("Succeeded")
            .duration("2h0m0s")
            .totalComponents(2)
            .build());
    API.create(
        KubeStashFixtures.snapshot(ns, "repo-nightly-1")
            .repository("repo")
            .session("daily")
            .backupSession("nightly-1")
            .type("FullBackup")
            .version("v1")
            .appRef("apps", "StatefulSet", "db", ns)
            .phase("Failed")
            .integrity(false)
            .size("13 B")
            .snapshotTime("2024-05-01T02:00:00.5Z")
            .totalComponents(1)
            .build());
  }

  private void start(ExporterConfig config) throws Exception {
    startWithoutWaiting(config);
    // The mock API does not replay deletes that happen between an informer's list and its watch
    // (a real API server does), so changes start only once every watch is open.
    await("every informer watching", exporter::watching);
  }

  private void startWithoutWaiting(ExporterConfig config) throws IOException {
    exporter =
        ExporterComponent.of(config.withMasterUrl(API.url()).withPorts("127.0.0.1", 0, 0))
            .exporter();
    exporter.start();
  }

  /** /metrics equals, as a set of series, what the catalogue gives for the API's objects. */
  private void awaitScrapeEqualsCatalogueOfApiObjects() throws Exception {
    await(
        "the scrape equal to the catalogue of the API's objects",
        () ->
            ExporterUnderTest.seriesOf(scrape())
                .equals(ExporterUnderTest.expectedSeries(API.client(), KubeStashKinds.ALL)));
  }

  /** A series of this family carrying at least these labels has this value. */
  private boolean hasSeries(String family, Map<String, String> labels, double value) {
    return ExpositionParser.parsePrometheus(scrape()).series().stream()
        .anyMatch(
            s ->
                s.name().equals(family)
                    && s.labels().entrySet().containsAll(labels.entrySet())
                    && s.value() == value);
  }

  private String scrape() {
    return scrape(null, false);
  }

  private String scrape(String accept, boolean gzip) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri("/metrics"));
      if (accept != null) {
        request.header("Accept", accept);
      }
      if (gzip) {
        request.header("Accept-Encoding", "gzip");
      }
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      byte[] body = response.body();
      if (gzip) {
        assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
        body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
      }
      return new String(body, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private int status(String path) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private String body(String path) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + exporter.metricsPort() + path);
  }
}
