package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kubestashmetrics.model.KubeStashKinds;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded sequences of puts, replaces, removes and writes, in any interleaving, with writes in both
 * formats and both encodings: every write equals a from-scratch render ({@link ExpositionWriter})
 * of the objects a plain model holds (keys in first-stored order), gzip ones decoded both by {@code
 * GZIPInputStream} and by hand as one member, and no write holds a duplicate series.
 */
class MetricsStorePropertiesTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  static Stream<Long> operationSequences() {
    return KubeStashGenerators.seeds("metricsStoreOperationSequences", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("operationSequences")
  void everyWriteIsTheFromScratchRenderOfTheCurrentObjects(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    int objectsPerBlock = 1 + random.nextInt(6);
    MetricsStore store = new MetricsStore(CATALOGUE, objectsPerBlock);
    Map<String, RenderedObject> model = new LinkedHashMap<>();
    List<Identity> identities = new ArrayList<>();
    int pool = 3 + random.nextInt(25);
    for (int i = 0; i < pool; i++) {
      identities.add(new Identity(generators.anyKind(), "obj-" + i));
    }
    int operations = 10 + random.nextInt(50);
    int writes = 0;
    List<String> log = new ArrayList<>();
    for (int op = 0; op < operations; op++) {
      int roll = random.nextInt(20);
      Identity identity = identities.get(random.nextInt(identities.size()));
      if (roll < 9) {
        RenderedObject version = identity.nextVersion(generators);
        store.put(identity.uid, version);
        model.put(identity.uid, version);
        log.add("put " + identity.uid);
      } else if (roll < 12) {
        store.remove(identity.uid);
        model.remove(identity.uid);
        log.add("remove " + identity.uid);
      } else if (roll < 14) {
        // Deleted and re-created under the same name: a new uid in one instant.
        String old = identity.uid;
        identity.recreate();
        RenderedObject version = identity.nextVersion(generators);
        store.replace(old, identity.uid, version);
        model.remove(old);
        model.put(identity.uid, version);
        log.add("replace " + old + " by " + identity.uid);
      } else {
        ExpositionFormat format =
            random.nextBoolean() ? ExpositionFormat.TEXT_0_0_4 : ExpositionFormat.OPENMETRICS_1_0_0;
        ContentEncoding encoding =
            random.nextBoolean() ? ContentEncoding.GZIP : ContentEncoding.IDENTITY;
        log.add("write " + format + " " + encoding);
        checkWrite(seed, log, store, model, format, encoding);
        writes++;
      }
    }
    for (ExpositionFormat format : ExpositionFormat.values()) {
      for (ContentEncoding encoding : ContentEncoding.values()) {
        log.add("final write " + format + " " + encoding);
        checkWrite(seed, log, store, model, format, encoding);
      }
    }
    assertThat(store.objectCount()).as("seed=%d", seed).isEqualTo(model.size());
    assertThat(store.seriesCount())
        .as("seed=%d: series", seed)
        .isEqualTo(model.values().stream().mapToLong(RenderedObject::seriesCount).sum());
    assertThat(store.keys())
        .as("seed=%d: order", seed)
        .containsExactlyElementsOf(keysInExpositionOrder(model));
    assertThat(writes + 4).isPositive();
  }

  static void checkWrite(
      long seed,
      List<String> log,
      MetricsStore store,
      Map<String, RenderedObject> model,
      ExpositionFormat format,
      ContentEncoding encoding)
      throws Exception {
    String context = "seed=" + seed + " after " + log;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long length = store.write(out, format, encoding);
    byte[] body = out.toByteArray();
    byte[] text = encoding == ContentEncoding.GZIP ? GzipMemberCheck.inflate(body, context) : body;
    String expected = ExpositionWriter.toText(CATALOGUE, model.values(), format);
    String actual = new String(text, StandardCharsets.UTF_8);
    assertThat(actual).as(context).isEqualTo(expected);
    assertThat(length).as(context).isEqualTo(text.length);
    if (format == ExpositionFormat.TEXT_0_0_4) {
      ExpositionParser.parsePrometheus(actual);
    } else {
      ExpositionParser.parseOpenMetrics(actual);
    }
  }

  /** The model's keys as the store orders them: kinds in catalogue order, then first stored. */
  private static List<String> keysInExpositionOrder(Map<String, RenderedObject> model) {
    List<String> keys = new ArrayList<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      model.forEach(
          (key, object) -> {
            if (object.kind().equals(kind.kind()) && object.seriesCount() > 0) {
              keys.add(key);
            }
          });
    }
    model.forEach(
        (key, object) -> {
          if (object.seriesCount() == 0) {
            keys.add(key);
          }
        });
    return keys;
  }

  /** One object name whose versions the sequence stores; re-creation gives it a new uid. */
  private static final class Identity {
    final KubeStashKinds.Kind<?> kind;
    final String name;
    String uid;
    int generation;

    Identity(KubeStashKinds.Kind<?> kind, String name) {
      this.kind = kind;
      this.name = name;
      this.uid = name + "-uid-0";
    }

    void recreate() {
      generation++;
      uid = name + "-uid-" + generation;
    }

    RenderedObject nextVersion(KubeStashGenerators generators) {
      ObjectNode manifest = generators.validManifest(kind);
      ObjectNode metadata = manifest.withObject("metadata");
      metadata.put("name", name);
      metadata.put("namespace", "ns");
      metadata.put("uid", uid);
      return CATALOGUE.render(manifest);
    }
  }
}
