package io.github.kubestashmetrics.metrics.internal.value;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kubestashmetrics.testkit.DurationSample;
import io.github.kubestashmetrics.testkit.HostileCategory;
import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import io.github.kubestashmetrics.testkit.SizeSample;
import io.github.kubestashmetrics.testkit.TimestampSample;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value parsers against the generators' exact values (issue #4, property g).
 *
 * <p>Tolerance for durations and timestamps: none. The result must be exactly the double nearest
 * the exact decimal value ({@link BigDecimal#doubleValue()} rounds correctly), i.e. within half an
 * ulp, because both parsers compute the value exactly (whole nanoseconds in a long; an exact
 * decimal sum) and round once. Go's own float64 step for a duration's fraction ({@code fraction *
 * (unit / 10^digits)}, which {@link GoDuration} repeats to truncate as Go does) is exact for every
 * sample the generator draws: it keeps the fraction digits of each unit to whole nanoseconds, so
 * {@code unit / 10^digits} is an integer and the product stays below 2^53. A parser that summed
 * doubles instead (e.g. {@code 1m5.2s} as {@code 60 + 5.2}) would be off by an ulp on some seeds
 * and fail here. Sizes are whole bytes and must be exact.
 */
class ValueParserPropertiesTest {

  static Stream<Long> durations() {
    return KubeStashGenerators.seeds("durations", 2_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("durations")
  void goDurationGivesTheDoubleNearestTheExactSeconds(long seed) {
    DurationSample sample = new KubeStashGenerators(seed).goDuration();
    OptionalDouble seconds = GoDuration.parseSeconds(sample.text());

    assertThat(seconds).as("seed=%d \"%s\"", seed, sample.text()).isPresent();
    assertNearest(seed, sample.text(), sample.seconds(), seconds.getAsDouble());
  }

  static Stream<Long> sizes() {
    return KubeStashGenerators.seeds("sizes", 2_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("sizes")
  void byteSizeGivesTheExactWholeBytes(long seed) {
    SizeSample sample = new KubeStashGenerators(seed).size();
    OptionalLong bytes = ByteSize.parseBytes(sample.text());

    assertThat(bytes).as("seed=%d \"%s\"", seed, sample.text()).hasValue(sample.bytes());
  }

  static Stream<Long> timestamps() {
    return KubeStashGenerators.seeds("timestamps", 2_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("timestamps")
  void rfc3339GivesTheDoubleNearestTheExactEpochSeconds(long seed) {
    TimestampSample sample = new KubeStashGenerators(seed).timestamp();
    OptionalDouble seconds = Rfc3339.parseEpochSeconds(sample.text());

    assertThat(seconds).as("seed=%d \"%s\"", seed, sample.text()).isPresent();
    assertNearest(seed, sample.text(), sample.epochSeconds(), seconds.getAsDouble());
  }

  private static void assertNearest(long seed, String text, BigDecimal exact, double actual) {
    double nearest = exact.doubleValue();
    assertThat(actual == nearest)
        .as(
            "seed=%d \"%s\": exact %s, nearest double %s, parsed %s",
            seed, text, exact.toPlainString(), nearest, actual)
        .isTrue();
    // The same, stated as an error bound: at most half an ulp from the exact value.
    BigDecimal error = new BigDecimal(actual).subtract(exact).abs();
    assertThat(error.multiply(BigDecimal.valueOf(2)))
        .as("seed=%d \"%s\"", seed, text)
        .isLessThanOrEqualTo(new BigDecimal(Math.ulp(actual)));
  }

  static Stream<Long> hostileTexts() {
    return KubeStashGenerators.seeds("hostileValueTexts", 1_000);
  }

  /**
   * The texts the hostile categories put in size, duration and timestamp fields are not values. The
   * timestamps include {@code 2025-04-22T05:45:00.Z}, which {@code OffsetDateTime.parse} accepts
   * but RFC 3339 does not (a fraction has at least one digit).
   */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("hostileTexts")
  void hostileValueTextsParseToNothing(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    JsonNode badSizes = generators.hostile(HostileCategory.UNPARSEABLE_SIZE).manifest();
    JsonNode badDurations = generators.hostile(HostileCategory.UNPARSEABLE_DURATION).manifest();
    JsonNode badTimestamps = generators.hostile(HostileCategory.UNPARSEABLE_TIMESTAMP).manifest();

    List<String> sizes =
        texts(badSizes, "status.totalSize", "status.size", "status.repositories.*.size");
    List<String> durations = texts(badDurations, "status.duration");
    List<String> timestamps =
        texts(
            badTimestamps,
            "metadata.creationTimestamp",
            "status.lastBackupTime",
            "status.snapshotTime");

    assertThat(sizes).as("seed=%d", seed).isNotEmpty();
    assertThat(durations).as("seed=%d", seed).isNotEmpty();
    assertThat(timestamps).as("seed=%d", seed).isNotEmpty();
    for (String size : sizes) {
      assertThat(ByteSize.parseBytes(size)).as("seed=%d \"%s\"", seed, size).isEmpty();
    }
    for (String duration : durations) {
      assertThat(GoDuration.parseSeconds(duration)).as("seed=%d \"%s\"", seed, duration).isEmpty();
    }
    for (String timestamp : timestamps) {
      assertThat(Rfc3339.parseEpochSeconds(timestamp))
          .as("seed=%d \"%s\"", seed, timestamp)
          .isEmpty();
    }
  }

  /** The text at each dotted path ({@code *} = every array element) that exists. */
  private static List<String> texts(JsonNode manifest, String... paths) {
    List<String> texts = new ArrayList<>();
    for (String path : paths) {
      collect(manifest, path.split("\\."), 0, texts);
    }
    return texts;
  }

  private static void collect(JsonNode node, String[] steps, int step, List<String> into) {
    if (step == steps.length) {
      if (node.isTextual()) {
        into.add(node.textValue());
      }
      return;
    }
    if (steps[step].equals("*")) {
      node.forEach(element -> collect(element, steps, step + 1, into));
    } else if (node.has(steps[step])) {
      collect(node.get(steps[step]), steps, step + 1, into);
    }
  }
}
