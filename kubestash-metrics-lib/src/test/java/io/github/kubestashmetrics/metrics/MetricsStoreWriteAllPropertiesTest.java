package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.metrics.language.MetricsConfigurationCompiler;
import io.github.kubestashmetrics.metrics.plan.ConfigurationPlan;
import io.github.kubestashmetrics.metrics.plan.TargetPlan;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MetricsStore#writeAll}: the six KubeStash kinds' configurations split at random into two
 * to four stores with disjoint catalogues, fed seeded objects: the identity output is each store's
 * text without its {@code # EOF}, in list order, then one {@code # EOF}; the gzip output is one
 * member that inflates to exactly that; {@code writeAll} of one store is byte for byte that store's
 * {@code write}; and six stores, one per kind in the built-in order, write what the built-in
 * catalogue's single store writes. Rerun a case with {@code -Dkubestash.replay=<seed>}.
 */
class MetricsStoreWriteAllPropertiesTest {

  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  private static final List<MetricsConfiguration> SIX = BuiltInConfigurations.standard();

  /** The plan of the six, built once: plans and catalogues are immutable. */
  private static final ConfigurationPlan PLAN = ConfigurationPlan.of(SIX);

  /** Catalogues of groups of the six, by their kinds in order; compiled once each. */
  private static final Map<String, MetricCatalogue> CATALOGUES = new ConcurrentHashMap<>();

  static Stream<Long> splits() {
    return KubeStashGenerators.seeds("metricsStoreWriteAllSplits", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("splits")
  void storesWriteAsOneExpositionOfTheirConcatenatedFamilies(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    List<List<MetricsConfiguration>> groups = randomSplit(random);
    // Each store has a twin with the same history, so one may serve write and the other writeAll.
    List<MetricsStore> stores = new ArrayList<>();
    List<MetricsStore> twins = new ArrayList<>();
    for (List<MetricsConfiguration> group : groups) {
      MetricCatalogue catalogue =
          CATALOGUES.computeIfAbsent(
              describe(List.of(group)),
              k -> MetricCatalogue.of(MetricsConfigurationCompiler.compile(group)));
      int objectsPerBlock = 1 + random.nextInt(6);
      stores.add(new MetricsStore(catalogue, objectsPerBlock));
      twins.add(new MetricsStore(catalogue, objectsPerBlock));
    }
    String context = "seed=" + seed + " split " + describe(groups);
    int objects = random.nextInt(40);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < objects; i++) {
      KubeStashKinds.Kind<?> kind = generators.anyKind();
      ObjectNode manifest = generators.validManifest(kind);
      manifest.withObject("metadata").put("uid", "uid-" + i);
      int target = random.nextInt(10) == 0 ? random.nextInt(stores.size()) : storeOf(stores, kind);
      both(stores, twins, target, store -> store.put(manifest));
      keys.add("uid-" + i);
      if (random.nextInt(8) == 0) {
        String key = keys.get(random.nextInt(keys.size()));
        for (int s = 0; s < stores.size(); s++) {
          both(stores, twins, s, store -> store.remove(key));
        }
      }
      if (random.nextInt(15) == 0) {
        // A write midway: later changes rebuild blocks already compressed.
        writeAll(stores, ExpositionFormat.TEXT_0_0_4, ContentEncoding.GZIP);
        writeAll(twins, ExpositionFormat.TEXT_0_0_4, ContentEncoding.GZIP);
      }
    }
    for (ExpositionFormat format : ExpositionFormat.values()) {
      String at = context + " " + format;
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      for (int s = 0; s < stores.size(); s++) {
        for (ContentEncoding encoding : ContentEncoding.values()) {
          ByteArrayOutputStream single = new ByteArrayOutputStream();
          long singleLength = stores.get(s).write(single, format, encoding);
          ByteArrayOutputStream alone = new ByteArrayOutputStream();
          long aloneLength = MetricsStore.writeAll(List.of(twins.get(s)), alone, format, encoding);
          assertThat(alone.toByteArray())
              .as("%s store %d %s: writeAll of one store is its write", at, s, encoding)
              .isEqualTo(single.toByteArray());
          assertThat(aloneLength).as(at).isEqualTo(singleLength);
          if (encoding == ContentEncoding.IDENTITY) {
            byte[] text = single.toByteArray();
            int end =
                format == ExpositionFormat.OPENMETRICS_1_0_0
                    ? text.length - EOF.length
                    : text.length;
            if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
              assertThat(Arrays.copyOfRange(text, end, text.length)).as(at).isEqualTo(EOF);
            }
            expected.write(text, 0, end);
          }
        }
      }
      if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
        expected.write(EOF);
      }
      ByteArrayOutputStream identity = new ByteArrayOutputStream();
      long identityLength =
          MetricsStore.writeAll(stores, identity, format, ContentEncoding.IDENTITY);
      MetricsStore.writeAll(twins, new ByteArrayOutputStream(), format, ContentEncoding.IDENTITY);
      assertThat(identity.toString(StandardCharsets.UTF_8))
          .as(at)
          .isEqualTo(expected.toString(StandardCharsets.UTF_8));
      assertThat(identityLength).as(at).isEqualTo(identity.size());
      ByteArrayOutputStream gzip = new ByteArrayOutputStream();
      long gzipLength = MetricsStore.writeAll(stores, gzip, format, ContentEncoding.GZIP);
      MetricsStore.writeAll(twins, new ByteArrayOutputStream(), format, ContentEncoding.GZIP);
      assertThat(GzipMemberCheck.inflate(gzip.toByteArray(), at))
          .as(at)
          .isEqualTo(identity.toByteArray());
      assertThat(gzipLength).as(at).isEqualTo(identity.size());
    }
  }

  static Stream<Long> sixKinds() {
    return KubeStashGenerators.seeds("metricsStoreWriteAllSixKinds", 300);
  }

  /**
   * The engine renders KubeStash's kinds byte for byte as the typed catalogue ({@link
   * EngineDifferentialTest}), so a plan's six targets, written in the built-in kind order, are the
   * built-in store's exposition.
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("sixKinds")
  void sixTargetStoresInBuiltInOrderWriteWhatTheBuiltInStoreWrites(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    ConfigurationPlan plan = PLAN;
    List<MetricsStore> stores = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      TargetPlan target =
          plan.targets().stream()
              .filter(t -> t.target().kind().equals(kind.kind()))
              .findFirst()
              .orElseThrow();
      stores.add(new MetricsStore(target.catalogue(), 1 + random.nextInt(4)));
    }
    MetricsStore builtIn = new MetricsStore(MetricCatalogue.standard(), 1 + random.nextInt(4));
    int objects = random.nextInt(30);
    for (int i = 0; i < objects; i++) {
      KubeStashKinds.Kind<?> kind = generators.anyKind();
      ObjectNode manifest =
          random.nextInt(5) == 0 ? generators.hostile().manifest() : generators.validManifest(kind);
      manifest.withObject("metadata").put("uid", "uid-" + i);
      RenderedObject typed = builtIn.put(manifest);
      int s = KubeStashKinds.ALL.indexOf(kind);
      if (typed.seriesCount() > 0 || !typed.kind().isEmpty()) {
        s = Math.max(0, indexOfKind(typed.kind()));
      }
      stores.get(s).put(manifest);
    }
    for (ExpositionFormat format : ExpositionFormat.values()) {
      for (ContentEncoding encoding : ContentEncoding.values()) {
        String at = "seed=" + seed + " " + format + " " + encoding;
        ByteArrayOutputStream split = new ByteArrayOutputStream();
        MetricsStore.writeAll(stores, split, format, encoding);
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        builtIn.write(single, format, encoding);
        byte[] splitText =
            encoding == ContentEncoding.GZIP
                ? GzipMemberCheck.inflate(split.toByteArray(), at)
                : split.toByteArray();
        byte[] singleText =
            encoding == ContentEncoding.GZIP
                ? GzipMemberCheck.inflate(single.toByteArray(), at)
                : single.toByteArray();
        assertThat(new String(splitText, StandardCharsets.UTF_8))
            .as(at)
            .isEqualTo(new String(singleText, StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void storesSharingAFamilyAreRejectedBeforeAnythingIsWritten() {
    MetricsStore typed = new MetricsStore(MetricCatalogue.standard());
    MetricsStore engine =
        new MetricsStore(
            MetricCatalogue.of(
                MetricsConfigurationCompiler.compile(BuiltInConfigurations.standard())));
    for (List<MetricsStore> stores : List.of(List.of(typed, engine), List.of(typed, typed))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(
              () ->
                  MetricsStore.writeAll(
                      stores, out, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.GZIP))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("core_kubestash_com_backupconfiguration_created");
      assertThat(out.size()).isZero();
    }
  }

  @Test
  void noStoresWriteAnEmptyExposition() throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    assertThat(
            MetricsStore.writeAll(
                List.of(), text, ExpositionFormat.OPENMETRICS_1_0_0, ContentEncoding.IDENTITY))
        .isEqualTo(EOF.length);
    assertThat(text.toByteArray()).isEqualTo(EOF);
    ByteArrayOutputStream gzip = new ByteArrayOutputStream();
    MetricsStore.writeAll(List.of(), gzip, ExpositionFormat.TEXT_0_0_4, ContentEncoding.GZIP);
    assertThat(GzipMemberCheck.inflate(gzip.toByteArray(), "empty")).isEmpty();
  }

  private static int indexOfKind(String kind) {
    for (int k = 0; k < KubeStashKinds.ALL.size(); k++) {
      if (KubeStashKinds.ALL.get(k).kind().equals(kind)) {
        return k;
      }
    }
    return -1;
  }

  /** The six configurations in two to four non-empty groups, in random order. */
  private static List<List<MetricsConfiguration>> randomSplit(SplittableRandom random) {
    List<MetricsConfiguration> six = SIX;
    int count = 2 + random.nextInt(3);
    List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
    for (int i = order.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      order.set(j, order.set(i, order.get(j)));
    }
    List<List<MetricsConfiguration>> groups = new ArrayList<>();
    for (int g = 0; g < count; g++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < order.size(); i++) {
      int group = i < count ? i : random.nextInt(count);
      groups.get(group).add(six.get(order.get(i)));
    }
    return groups;
  }

  private static int storeOf(List<MetricsStore> stores, KubeStashKinds.Kind<?> kind) {
    for (int s = 0; s < stores.size(); s++) {
      if (stores.get(s).catalogue().renders(kind.group() + "/" + kind.version(), kind.kind())) {
        return s;
      }
    }
    throw new AssertionError("no store for " + kind.kind());
  }

  private static void both(
      List<MetricsStore> stores, List<MetricsStore> twins, int s, Consumer<MetricsStore> change) {
    change.accept(stores.get(s));
    change.accept(twins.get(s));
  }

  private static void writeAll(
      List<MetricsStore> stores, ExpositionFormat format, ContentEncoding encoding)
      throws IOException {
    MetricsStore.writeAll(stores, new ByteArrayOutputStream(), format, encoding);
  }

  private static String describe(List<List<MetricsConfiguration>> groups) {
    return groups.stream()
        .map(g -> g.stream().map(c -> c.getSpec().getTargetRef().getKind()).toList().toString())
        .toList()
        .toString();
  }
}
