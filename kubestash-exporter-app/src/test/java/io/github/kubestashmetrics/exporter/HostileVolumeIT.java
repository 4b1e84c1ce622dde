package io.github.kubestashmetrics.exporter;

import static io.github.kubestashmetrics.exporter.ExporterUnderTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.github.kubestashmetrics.metrics.FamilyDescriptor;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.Hostile;
import io.github.kubestashmetrics.testkit.HostileCategory;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.KubeStashMockServer;
import io.github.kubestashmetrics.testkit.LabelTexts;
import io.github.kubestashmetrics.testkit.Series;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * 10,000 hostile objects (every {@link HostileCategory}, fixed seed) through the running exporter
 * and through {@code render}: every output parses strictly, nothing is forged, the exporter never
 * goes down, and every value that could not be mapped is counted exactly once per object version
 * the exporter saw.
 */
class HostileVolumeIT {

  private static final long SEED = 20_250_422L;
  private static final int OBJECTS = 10_000;
  private static final int NAMESPACES = 50;
  private static final int CHECKPOINT_EVERY = 2_500;
  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  /** Logging every mock request costs more than serving it; kept referenced so it sticks. */
  private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

  // No reset after the test: reset() lists typed objects, which fails on badly-typed ones.
  @RegisterExtension
  static final KubeStashMockServer API =
      KubeStashMockServer.builder().resetAfterEach(false).build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private Exporter exporter;
  private EndpointProbe health;

  @TempDir Path work;

  @AfterEach
  void stop() throws InterruptedException {
    if (health != null) {
      health.close();
    }
    if (exporter != null) {
      exporter.close();
    }
  }

  @Test
  void tenThousandHostileObjectsNeverBreakTheRunningExportersScrapeAndEveryDropIsCounted()
      throws Exception {
    MOCK_LOG.setLevel(Level.WARNING);
    long startedAt = System.nanoTime();
    List<Hostile> hostiles = hostiles();
    for (int i = 0; i < hostiles.size(); i++) {
      hostiles
          .get(i)
          .manifest()
          .withObjectProperty("metadata")
          .put("namespace", "hostile-" + (i % NAMESPACES))
          .put("name", "h-" + i);
    }
    ObjectNode sentinel =
        KubeStashFixtures.backupSession("sentinel", "nightly-1")
            .invoker("BackupConfiguration", "nightly")
            .phase("Succeeded")
            .duration("1m5s")
            .manifest();
    Set<String> allowed = allowedLabelValues(hostiles);
    allowed.addAll(LabelTexts.of(sentinel));
    Map<HostileCategory, Integer> rejected = new EnumMap<>(HostileCategory.class);
    Map<String, Integer> expectedErrors = new TreeMap<>();
    Map<String, Integer> expectedEvents = new TreeMap<>();

    // Half exist before the exporter starts (the informers' initial list sees the last version)...
    int half = hostiles.size() / 2;
    create(sentinel, null, false, expectedErrors, expectedEvents);
    for (Hostile hostile : hostiles.subList(0, half)) {
      create(hostile.manifest(), hostile.category(), false, expectedErrors, expectedEvents)
          .ifRejected(rejected);
    }
    double createdBeforeStart = seconds(startedAt);
    exporter =
        ExporterComponent.of(
                ExporterConfig.defaults().withMasterUrl(API.url()).withPorts("127.0.0.1", 0, 0))
            .exporter();
    exporter.start();
    Exporter started = exporter;
    await("every informer watching", exporter::watching);
    health =
        new EndpointProbe(
            URI.create("http://127.0.0.1:" + exporter.metricsPort() + "/healthz"),
            Duration.ofMillis(20));

    // ...the other half arrive while it runs (a watch ADD without status, then a MODIFIED).
    List<ScrapeCheck> checks = new ArrayList<>();
    checks.add(checkScrape(allowed));
    for (int i = half; i < hostiles.size(); i++) {
      Hostile hostile = hostiles.get(i);
      create(hostile.manifest(), hostile.category(), true, expectedErrors, expectedEvents)
          .ifRejected(rejected);
      if ((i + 1) % CHECKPOINT_EVERY == 0) {
        checks.add(checkScrape(allowed));
      }
    }
    int accepted = OBJECTS + 1 - rejected.values().stream().mapToInt(Integer::intValue).sum();
    double createdWhileRunning = seconds(startedAt);

    await("every accepted object in the store", () -> exporter.store().objectCount() == accepted);
    await(
        "the scrape equals the catalogue's rendering of the API's objects",
        () ->
            ExporterUnderTest.seriesOf(scrape(false))
                .equals(ExporterUnderTest.expectedSeries(API.client(), KubeStashKinds.ALL)));
    AtomicReference<Map<String, Integer>> counted = new AtomicReference<>();
    await(
        "mapping errors counted as expected",
        () -> {
          counted.set(telemetryByLabels("kubestash_exporter_mapping_errors_total", "family"));
          return counted.get().equals(expectedErrors);
        });
    Map<String, Integer> events =
        telemetryByLabels("kubestash_exporter_watch_events_total", "type");
    ScrapeCheck last = checkScrape(allowed);
    checks.add(last);
    List<String> findings = promtoolFindings(last.text());

    assertThat(counted.get()).isEqualTo(expectedErrors);
    assertThat(events).isEqualTo(expectedEvents);
    assertThat(telemetryByLabels("kubestash_exporter_informer_restarts_total", "kind")).isEmpty();
    assertThat(telemetryByLabels("kubestash_exporter_kind_synced", "kind").values())
        .hasSize(KubeStashKinds.ALL.size())
        .containsOnly(1);
    assertThat(status("/readyz")).isEqualTo(200);
    health.close();
    assertThat(health.transitions())
        .as("/healthz answers other than 200")
        .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
    assertThat(health.polls()).isPositive();
    assertThat(exporter).isSameAs(started);
    assertThat(last.series()).anyMatch(s -> "nightly-1".equals(s.labels().get("backupsession")));
    if (findings != null) {
      assertThat(findings).isSubsetOf(ExternalTools.CONTRACT_MANDATED_FINDINGS);
    }

    System.out.printf(
        "HostileVolumeIT (exporter): %d hostile objects by category %s, rejected by the mock API"
            + " %s; %d checkpoint scrapes (0.0.4 + OpenMetrics each), last %d series / %d bytes;"
            + " mapping errors counted %d = expected %d (%s); watch events %s; /healthz polled %d"
            + " times, all 200; promtool findings %s; first half created by %.1f s, second half"
            + " (with checkpoint scrapes) by %.1f s, done in %.1f s%n",
        OBJECTS,
        categoryCounts(hostiles),
        rejected,
        checks.size(),
        last.series().size(),
        last.text().getBytes(StandardCharsets.UTF_8).length,
        counted.get().values().stream().mapToInt(Integer::intValue).sum(),
        expectedErrors.values().stream().mapToInt(Integer::intValue).sum(),
        expectedErrors,
        events,
        health.polls(),
        findings == null ? "(promtool not installed: skipped)" : findings,
        createdBeforeStart,
        createdWhileRunning,
        seconds(startedAt));
  }

  @Test
  void tenThousandHostileManifestsRenderWithExitZeroValidOutputAndEveryDropListed()
      throws Exception {
    long startedAt = System.nanoTime();
    List<Hostile> hostiles = hostiles();
    // Offline nothing validates names: keep the hostile ones, made unique; but not 10 KiB ones,
    // which would be on every series of the object (its other fields still carry 10 KiB).
    for (int i = 0; i < hostiles.size(); i++) {
      ObjectNode metadata = hostiles.get(i).manifest().withObjectProperty("metadata");
      if (hostiles.get(i).category() == HostileCategory.HUGE_STRINGS) {
        metadata.put("namespace", "hostile").put("name", "h-" + i);
      } else {
        metadata.put("name", metadata.path("name").asText("") + "-" + i);
      }
    }
    Path dir = Files.createDirectories(work.resolve("manifests"));
    YAMLMapper yaml = new YAMLMapper();
    int files = 100;
    int perFile = OBJECTS / files;
    for (int f = 0; f < files; f++) {
      List<Hostile> chunk = hostiles.subList(f * perFile, (f + 1) * perFile);
      if (f % 2 == 0) {
        StringBuilder documents = new StringBuilder();
        for (Hostile hostile : chunk) {
          documents.append(yaml.writeValueAsString(hostile.manifest()));
        }
        Files.writeString(dir.resolve("chunk-" + f + ".yaml"), documents);
      } else {
        ObjectNode list = json.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        ArrayNode items = list.putArray("items");
        chunk.forEach(h -> items.add(h.manifest()));
        Files.writeString(dir.resolve("chunk-" + f + ".json"), json.writeValueAsString(list));
      }
    }
    // What render will read is exactly what was generated (the YAML writer loses nothing).
    assertThat(readBack(dir, files, yaml))
        .isEqualTo(hostiles.stream().map(h -> (JsonNode) h.manifest()).toList());
    int expectedDropped = 0;
    for (Hostile hostile : hostiles) {
      expectedDropped += CATALOGUE.render(hostile.manifest()).errors().size();
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = Main.commandLine();
    RenderCommand command = cli.getSubcommands().get("render").getCommand();
    command.stdout = out;
    command.stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    double written = seconds(startedAt);
    int exit = cli.execute("render", dir.toString());
    double rendered = seconds(startedAt);
    String stdout = out.toString(StandardCharsets.UTF_8);
    String stderr = err.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(stderr.lines().limit(20).toList().toString()).isZero();
    assertThat(stderr.lines().filter(l -> l.startsWith("error:"))).isEmpty();
    assertThat(stderr.lines().filter(l -> l.startsWith("note:"))).isEmpty();
    assertThat(expectedDropped).isGreaterThan(20);
    assertThat(stderr.lines().filter(l -> l.matches("dropped: \\S+ of \\S+ .*: [a-z_]+")))
        .hasSize(20);
    assertThat(stderr).contains("dropped: " + expectedDropped + " values in all");
    List<Series> series = checkText(stdout, allowedLabelValues(hostiles));
    List<String> findings = promtoolFindings(stdout);
    if (findings != null) {
      assertThat(findings).isSubsetOf(ExternalTools.CONTRACT_MANDATED_FINDINGS);
    }
    System.out.printf(
        "HostileVolumeIT (render): %d manifests in %d files by category %s; exit %d; %d series /"
            + " %d bytes; dropped %d values (stderr agrees); promtool findings %s; files written"
            + " and read back by %.1f s, rendered by %.1f s, done in %.1f s%n",
        OBJECTS,
        files,
        categoryCounts(hostiles),
        exit,
        series.size(),
        stdout.getBytes(StandardCharsets.UTF_8).length,
        expectedDropped,
        findings == null ? "(promtool not installed: skipped)" : findings,
        written,
        rendered,
        seconds(startedAt));
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  // --- the objects ---

  /** {@link #OBJECTS} hostile manifests, the categories in turn, from a fixed seed. */
  private static List<Hostile> hostiles() {
    KubeStashGenerators generators = new KubeStashGenerators(SEED);
    HostileCategory[] categories = HostileCategory.values();
    List<Hostile> hostiles = new ArrayList<>(OBJECTS);
    for (int i = 0; i < OBJECTS; i++) {
      hostiles.add(generators.hostile(categories[i % categories.length]));
    }
    return hostiles;
  }

  private static Map<HostileCategory, Integer> categoryCounts(List<Hostile> hostiles) {
    Map<HostileCategory, Integer> counts = new EnumMap<>(HostileCategory.class);
    hostiles.forEach(h -> counts.merge(h.category(), 1, Integer::sum));
    assertThat(counts).hasSize(HostileCategory.values().length);
    return counts;
  }

  /** Whether the mock API took an object, and the category to count when it did not. */
  private record Created(HostileCategory category, boolean accepted) {
    void ifRejected(Map<HostileCategory, Integer> rejected) {
      if (!accepted) {
        rejected.merge(category, 1, Integer::sum);
      }
    }
  }

  /**
   * Creates the manifest as it is (status in a second request, as the API's status subresource
   * wants) and records what the informers will count for it: the errors of every version they see,
   * as the API returned it. Before the exporter runs that is the last version only.
   */
  private Created create(
      ObjectNode manifest,
      HostileCategory category,
      boolean exporterRunning,
      Map<String, Integer> expectedErrors,
      Map<String, Integer> expectedEvents)
      throws Exception {
    GenericKubernetesResource resource =
        json.treeToValue(manifest, GenericKubernetesResource.class);
    List<GenericKubernetesResource> versions = new ArrayList<>();
    try {
      GenericKubernetesResource created = API.client().resource(resource).create();
      versions.add(created);
      if (manifest.get("status") instanceof ObjectNode) {
        resource.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
        versions.add(API.client().resource(resource).updateStatus());
      }
    } catch (RuntimeException rejectedByApi) {
      if (versions.isEmpty()) {
        return new Created(category, false);
      }
    }
    List<GenericKubernetesResource> seen =
        exporterRunning ? versions : List.of(versions.get(versions.size() - 1));
    for (GenericKubernetesResource version : seen) {
      for (MappingError error : CATALOGUE.render(version).errors()) {
        expectedErrors.merge(error.family() + " " + error.reason(), 1, Integer::sum);
      }
    }
    String kind = manifest.path("kind").asText();
    expectedEvents.merge(kind + " ADDED", 1, Integer::sum);
    if (exporterRunning && versions.size() > 1) {
      expectedEvents.merge(kind + " MODIFIED", 1, Integer::sum);
    }
    return new Created(category, true);
  }

  // --- what a scrape may contain ---

  /**
   * Every text a label may carry: each scalar of every input manifest as text and each object and
   * array as compact JSON (contract rule 10) plus the contract's constants (kind names, listed
   * states, booleans).
   */
  private static Set<String> allowedLabelValues(List<Hostile> hostiles) {
    Set<String> allowed = new HashSet<>(Set.of("true", "false"));
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      allowed.add(kind.kind());
      allowed.addAll(KubeStashGenerators.phasesOf(kind.kind()));
    }
    hostiles.forEach(h -> allowed.addAll(LabelTexts.of(h.manifest())));
    return allowed;
  }

  /** One scrape in each format: both parse strictly, and no series is forged. */
  private record ScrapeCheck(String text, List<Series> series) {}

  private ScrapeCheck checkScrape(Set<String> allowed) {
    assertThat(status("/healthz")).isEqualTo(200);
    String text = scrape(false);
    List<Series> series = checkText(text, allowed);
    ExpositionParser.parseOpenMetrics(scrape(true));
    return new ScrapeCheck(text, series);
  }

  /**
   * Parses strictly and checks that every series belongs to a contract family, carries only that
   * family's labels, and every label value came from an input manifest or the contract.
   */
  private static List<Series> checkText(String text, Set<String> allowed) {
    List<Series> series = ExpositionParser.parsePrometheus(text).series();
    List<String> forged = new ArrayList<>();
    for (Series s : series) {
      FamilyDescriptor family = CATALOGUE.family(s.name()).orElse(null);
      if (family == null) {
        forged.add("family " + s.name());
        continue;
      }
      for (Map.Entry<String, String> label : s.labels().entrySet()) {
        if (!family.labelNames().contains(label.getKey())) {
          forged.add(s.name() + " label " + label.getKey());
        } else if (!allowed.contains(label.getValue())) {
          forged.add(s.name() + " " + label.getKey() + "=" + abbreviate(label.getValue()));
        }
      }
    }
    assertThat(forged).as("forged families, labels or label values").isEmpty();
    return series;
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 80) + "...";
  }

  /** promtool's lint findings for a text, or null when promtool is absent outside CI. */
  private List<String> promtoolFindings(String text) throws Exception {
    if (!ExternalTools.availableOrFailInCi("promtool")) {
      return null; // outside CI, only this check is skipped
    }
    return ExternalTools.promtoolCheckMetrics(work, text);
  }

  private List<JsonNode> readBack(Path dir, int files, YAMLMapper yaml) throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      if (f % 2 == 0) {
        try (MappingIterator<JsonNode> it =
            yaml.readerFor(JsonNode.class)
                .readValues(dir.resolve("chunk-" + f + ".yaml").toFile())) {
          it.forEachRemaining(documents::add);
        }
      } else {
        json.readTree(dir.resolve("chunk-" + f + ".json").toFile())
            .path("items")
            .forEach(documents::add);
      }
    }
    return documents;
  }

  // --- HTTP ---

  /** Sums of a telemetry family's samples, keyed by the values of the named label(s). */
  private Map<String, Integer> telemetryByLabels(String name, String label) {
    String text = get("http://127.0.0.1:" + exporter.telemetryPort() + "/metrics", null);
    Map<String, Integer> sums = new TreeMap<>();
    for (Series s : ExpositionParser.parsePrometheus(text).series()) {
      if (s.name().equals(name) && s.value() != 0) {
        String key =
            switch (label) {
              case "family" -> s.labels().get("family") + " " + s.labels().get("reason");
              case "type" -> s.labels().get("kind") + " " + s.labels().get("type");
              default -> s.labels().get(label);
            };
        sums.merge(key, (int) s.value(), Integer::sum);
      }
    }
    return sums;
  }

  private String scrape(boolean openMetrics) {
    return get(
        "http://127.0.0.1:" + exporter.metricsPort() + "/metrics",
        openMetrics ? "application/openmetrics-text; version=1.0.0" : null);
  }

  private String get(String url, String accept) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
      if (accept != null) {
        request.header("Accept", accept);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(url).isEqualTo(200);
      return response.body();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private int status(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + exporter.metricsPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
