package io.github.kubestashmetrics.metrics.internal.value;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast path of {@link SampleValue#format(double)} prints exactly what the BigDecimal definition
 * prints, for values shaped like durations and timestamps (few decimal places) and for arbitrary
 * doubles (where it must step aside).
 */
class SampleValueFastPathTest {

  static Stream<Long> seeds() {
    return KubeStashGenerators.seeds("sample-value-fast-path", 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void fastPathPrintsWhatTheDefinitionPrints(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 500; i++) {
      double value = draw(random);
      if (value == Math.rint(value) || Double.isNaN(value) || Double.isInfinite(value)) {
        continue;
      }
      String definition = SampleValue.shortestByBigDecimal(value);
      String fast = SampleValue.fewFractionDigits(value);
      if (fast != null) {
        assertThat(fast).as("seed %d, value %s", seed, definition).isEqualTo(definition);
      }
      assertThat(SampleValue.format(value)).as("seed %d", seed).isEqualTo(definition);
    }
  }

  private static double draw(SplittableRandom random) {
    switch (random.nextInt(6)) {
      case 0: // a Go duration in seconds with nanosecond digits: 46.139498297
        return random.nextLong(1, 10_000_000_000_000L) / 1e9;
      case 1: // a few decimal places
        return random.nextLong(-1_000_000_000L, 1_000_000_000L)
            / Math.pow(10, random.nextInt(1, 8));
      case 2: // a timestamp with fractional seconds: 1701931090.123456
        return 1_600_000_000L + random.nextLong(0, 400_000_000_000_000L) / 1e6;
      case 3: // tiny values
        return random.nextLong(1, 100_000L) * Math.pow(10, -random.nextInt(5, 20));
      case 4: // an arbitrary double of moderate size
        return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 16));
      default: // any bit pattern
        return Double.longBitsToDouble(random.nextLong());
    }
  }
}
