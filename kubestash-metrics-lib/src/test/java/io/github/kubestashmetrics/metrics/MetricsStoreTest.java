package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The store by example, and what a write sees of it while writers change it. */
class MetricsStoreTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final Pattern SESSION_LABEL = Pattern.compile("backupsession=\"([^\"]*)\"");

  @Test
  void putReplacesRemoveForgetsAndCountsFollow() throws Exception {
    MetricsStore store = new MetricsStore(CATALOGUE);
    store.put("u1", session("a", "u1", "Running"));
    store.put("u1", session("a", "u1", "Succeeded"));
    store.put("u2", session("b", "u2", "Failed"));
    assertThat(store.objectCount()).isEqualTo(2);
    assertThat(store.objectCount("BackupSession")).isEqualTo(2);
    assertThat(store.objectCount("Snapshot")).isZero();

    String text = text(store, ExpositionFormat.TEXT_0_0_4, ContentEncoding.IDENTITY);
    assertThat(text)
        .contains("backupsession=\"a\"")
        .contains("backupsession=\"b\"")
        .doesNotContain("phase=\"Running\"} 1")
        .doesNotContain("backupconfiguration_info"); // families without series are left out
    ExpositionParser.parsePrometheus(text);

    // "b" deleted and re-created under the same name while no watch was open.
    store.replace("u2", "u3", session("b", "u3", "Running"));
    assertThat(store.keys()).containsExactly("u1", "u3");

    assertThat(store.remove("u1")).isTrue();
    assertThat(store.remove("never-stored")).isFalse();
    assertThat(store.objectCount()).isEqualTo(1);
    assertThat(text(store, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.GZIP))
        .doesNotContain("backupsession=\"a\"")
        .contains("backupsession=\"b\"")
        .endsWith("# EOF\n");
    store.clear();
    assertThat(store.objectCount()).isZero();
    assertThat(store.objectCount("BackupSession")).isZero();
    assertThat(store.retainedBytes()).isZero();
    assertThat(text(store, ExpositionFormat.TEXT_0_0_4, ContentEncoding.GZIP)).isEmpty();
    assertThat(text(store, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.IDENTITY))
        .isEqualTo("# EOF\n");
  }

  @Test
  void typedObjectsAreStoredUnderTheirUidAndObjectsWithoutOneUnderKindNamespaceAndName()
      throws Exception {
    MetricsStore store = new MetricsStore(CATALOGUE);
    RenderedObject withUid =
        store.put(KubeStashFixtures.backupSession("db", "s1").uid("uid-1").build());
    var repository = KubeStashFixtures.repository("db", "repo").build();
    repository.getMetadata().setUid(null);
    RenderedObject withoutUid = store.put(repository);
    assertThat(withUid.seriesCount()).isPositive();
    assertThat(store.keys()).containsExactly("uid-1", "Repository/db/repo");
    assertThat(store.remove(repository)).isTrue();
    assertThat(withoutUid.uid()).isEmpty();
    assertThat(store.keys()).containsExactly("uid-1");
  }

  @Test
  void updateReplacesTheOldKeyWhenTheObjectsUidChangedAndSeriesCountFollows() {
    MetricsStore store = new MetricsStore(CATALOGUE);
    var first = KubeStashFixtures.backupSession("db", "s").uid("uid-1").phase("Running").build();
    RenderedObject rendered = store.update(null, first);
    assertThat(store.keys()).containsExactly("uid-1");
    assertThat(store.seriesCount()).isEqualTo(rendered.seriesCount()).isPositive();

    var same = KubeStashFixtures.backupSession("db", "s").uid("uid-1").phase("Failed").build();
    store.update(first, same);
    assertThat(store.keys()).containsExactly("uid-1");

    // Deleted and re-created under the same name: a new UID replaces the old in one instant.
    var recreated =
        KubeStashFixtures.backupSession("db", "s").uid("uid-2").phase("Running").build();
    RenderedObject last = store.update(same, recreated);
    assertThat(store.keys()).containsExactly("uid-2");
    assertThat(store.seriesCount()).isEqualTo(last.seriesCount());

    store.remove("uid-2");
    assertThat(store.seriesCount()).isZero();
  }

  @Test
  void aGzipWriteIsSmallAndIdenticalAfterInflatingToTheIdentityWrite() throws Exception {
    MetricsStore store = new MetricsStore(CATALOGUE, 16);
    for (int i = 0; i < 500; i++) {
      store.put("u" + i, session("s-" + i, "u" + i, i % 3 == 0 ? "Running" : "Succeeded"));
    }
    for (ExpositionFormat format : ExpositionFormat.values()) {
      byte[] identity = bytes(store, format, ContentEncoding.IDENTITY);
      byte[] gzip = bytes(store, format, ContentEncoding.GZIP);
      assertThat(GzipMemberCheck.inflate(gzip, format.toString())).isEqualTo(identity);
      assertThat(gzip.length).isLessThan(identity.length / 8);
      assertThat(store.compressedBytes()).isLessThan(identity.length / 8);
    }
  }

  /**
   * A write serves the store as of one instant: while writers remove objects and put them back (now
   * one version, now the other), every write holds each object at most once and each object's
   * series from exactly one of its versions, and at most one object per writer is missing.
   */
  @Test
  void concurrentWritesEachSeeOneConsistentState() throws Exception {
    MetricsStore store = new MetricsStore(CATALOGUE, 32);
    int objects = 300;
    List<RenderedObject[]> versions = new ArrayList<>();
    Map<String, Set<Set<String>>> linesOfVersions = new HashMap<>();
    for (int i = 0; i < objects; i++) {
      RenderedObject[] two = {
        session("s-" + i, "uid-" + i, "Running"), session("s-" + i, "uid-" + i, "Failed")
      };
      versions.add(two);
      Set<Set<String>> lines = new HashSet<>();
      for (RenderedObject version : two) {
        lines.add(
            seriesLines(
                ExpositionWriter.toText(CATALOGUE, List.of(version), ExpositionFormat.TEXT_0_0_4)));
      }
      linesOfVersions.put("s-" + i, lines);
      store.put("uid-" + i, two[0]);
    }
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (int w = 0; w < 2; w++) {
      int seed = w;
      Thread writer =
          new Thread(
              () -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                  while (running.get()) {
                    int i = random.nextInt(objects);
                    if (random.nextBoolean()) {
                      store.remove("uid-" + i);
                    }
                    store.put("uid-" + i, versions.get(i)[random.nextInt(2)]);
                  }
                } catch (Throwable t) {
                  failures.add(t);
                }
              });
      writer.start();
      writers.add(writer);
    }
    try {
      for (int write = 0; write < 120; write++) {
        ContentEncoding encoding = write % 2 == 0 ? ContentEncoding.GZIP : ContentEncoding.IDENTITY;
        String text = text(store, ExpositionFormat.TEXT_0_0_4, encoding);
        ExpositionParser.parsePrometheus(text); // no duplicate series
        Map<String, Set<String>> byObject = new HashMap<>();
        for (String line : text.split("\n")) {
          Matcher session = SESSION_LABEL.matcher(line);
          if (!line.startsWith("#") && session.find()) {
            byObject.computeIfAbsent(session.group(1), k -> new HashSet<>()).add(line);
          }
        }
        for (Map.Entry<String, Set<String>> object : byObject.entrySet()) {
          assertThat(linesOfVersions.get(object.getKey()))
              .as("write %d (%s): %s is one whole version", write, encoding, object.getKey())
              .contains(object.getValue());
        }
        assertThat(byObject.size()).as("write %d", write).isBetween(objects - 2, objects);
      }
    } finally {
      running.set(false);
      for (Thread writer : writers) {
        writer.join();
      }
    }
    assertThat(failures).isEmpty();
  }

  private static Set<String> seriesLines(String text) {
    Set<String> lines = new HashSet<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("#") && !line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static RenderedObject session(String name, String uid, String phase) {
    return CATALOGUE.render(
        KubeStashFixtures.backupSession("db", name).uid(uid).phase(phase).build());
  }

  private static byte[] bytes(MetricsStore store, ExpositionFormat format, ContentEncoding encoding)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.write(out, format, encoding);
    return out.toByteArray();
  }

  private static String text(MetricsStore store, ExpositionFormat format, ContentEncoding encoding)
      throws Exception {
    byte[] body = bytes(store, format, encoding);
    byte[] text = encoding == ContentEncoding.GZIP ? GzipMemberCheck.inflate(body, "write") : body;
    return new String(text, StandardCharsets.UTF_8);
  }
}
