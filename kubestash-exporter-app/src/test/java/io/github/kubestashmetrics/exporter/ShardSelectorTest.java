package io.github.kubestashmetrics.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.CustomResource;
import io.github.kubestashmetrics.metrics.ContentEncoding;
import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.Series;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sharding splits the objects so that the shards together export exactly everything, once. */
class ShardSelectorTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  static Stream<Long> seeds() {
    return KubeStashGenerators.seeds("sharding", 200);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void shardsAreDisjointAndTheirUnionIsTheUnshardedOutput(long seed) throws IOException {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    SplittableRandom random = new SplittableRandom(seed);
    List<CustomResource<?, ?>> objects = new ArrayList<>();
    int count = 1 + random.nextInt(40);
    for (int i = 0; i < count; i++) {
      CustomResource<?, ?> object = generators.anyValid();
      object.getMetadata().setName(object.getMetadata().getName() + "-" + i);
      object.getMetadata().setUid(new UUID(random.nextLong(), random.nextLong()).toString());
      objects.add(object);
    }
    Set<Series> unsharded = seriesOf(objects, ShardSelector.ALL);
    for (int n = 1; n <= 8; n++) {
      Set<Series> union = new HashSet<>();
      int total = 0;
      for (int shard = 0; shard < n; shard++) {
        Set<Series> ofShard = seriesOf(objects, new ShardSelector(shard, n));
        total += ofShard.size();
        union.addAll(ofShard);
      }
      assertThat(total).as("seed=%d n=%d: shards overlap", seed, n).isEqualTo(union.size());
      assertThat(union).as("seed=%d n=%d: union equals unsharded", seed, n).isEqualTo(unsharded);
    }
  }

  @Test
  void growingByOneShardOnlyMovesObjectsIntoTheNewShard() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      String uid = new UUID(random.nextLong(), random.nextLong()).toString();
      for (int n = 1; n < 16; n++) {
        int before = ShardSelector.shardOf(uid, n);
        int after = ShardSelector.shardOf(uid, n + 1);
        assertThat(before).isBetween(0, n - 1);
        assertThat(after).as(uid).isIn(before, n);
      }
    }
  }

  @Test
  void shardsAreRoughlyEvenlyFilled() {
    int n = 5;
    int[] counts = new int[n];
    SplittableRandom random = new SplittableRandom(11);
    int objects = 50_000;
    for (int i = 0; i < objects; i++) {
      counts[ShardSelector.shardOf(new UUID(random.nextLong(), random.nextLong()).toString(), n)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(objects / n * 9 / 10, objects / n * 11 / 10);
    }
  }

  @Test
  void hashIsFnv1a64OfTheUidBytes() {
    // Published FNV-1a 64 test vectors.
    assertThat(ShardSelector.fnv1a64(new byte[0])).isEqualTo(0xcbf29ce484222325L);
    assertThat(ShardSelector.fnv1a64("a".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(ShardSelector.fnv1a64("foobar".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void oneShardKeepsEverything() {
    assertThat(ShardSelector.ALL.keeps("anything")).isTrue();
    assertThat(ShardSelector.jumpConsistentHash(123456789L, 1)).isZero();
  }

  @Test
  void podOrdinalIsTheShard() {
    assertThat(ShardSelector.ordinalOf("kubestash-exporter-2")).contains(2);
    assertThat(ShardSelector.ordinalOf("kubestash-exporter-12")).contains(12);
    assertThat(ShardSelector.ordinalOf("kubestash-exporter")).isEmpty();
    assertThat(ShardSelector.ordinalOf(null)).isEmpty();
  }

  @Test
  void shardOutsideTheRangeIsRejected() {
    assertThatThrownBy(() -> new ShardSelector(3, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ShardSelector(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Set<Series> seriesOf(List<CustomResource<?, ?>> objects, ShardSelector shards)
      throws IOException {
    MetricsStore store = new MetricsStore(CATALOGUE);
    for (CustomResource<?, ?> object : objects) {
      String uid = object.getMetadata().getUid();
      if (shards.keeps(uid)) {
        RenderedObject rendered = CATALOGUE.render(object);
        store.put(uid, rendered);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.write(out, ExpositionFormat.TEXT_0_0_4, ContentEncoding.IDENTITY);
    List<Series> series =
        ExpositionParser.parsePrometheus(out.toString(StandardCharsets.UTF_8)).series();
    Set<Series> set = new HashSet<>(series);
    assertThat(set).hasSameSizeAs(series);
    return set;
  }
}
