package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.kubestashmetrics.testkit.KubeStashFixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Integer sample values are written by hand (no {@code Long.toString} per sample): every digit
 * count, both sides of each power of ten, and random values print exactly as {@code Long.toString}
 * does. Sizes in plain bytes reach the writer unchanged, up to 18 digits.
 */
class IntegerSampleTest {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();
  private static final String FAMILY = "storage_kubestash_com_repository_size_bytes";

  @Test
  void everyDigitCountPrintsAsLongToString() {
    List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L));
    long power = 10;
    for (int digits = 2; digits <= 18; digits++, power *= 10) {
      values.add(power - 1);
      values.add(power);
      values.add(power + 1);
    }
    values.add(999_999_999_999_999_999L); // the largest 18-digit value
    SplittableRandom random = new SplittableRandom(20261126);
    for (int i = 0; i < 2_000; i++) {
      values.add(random.nextLong(1_000_000_000_000_000_000L) >> random.nextInt(60));
    }
    for (long value : values) {
      RenderedObject rendered =
          CATALOGUE.render(KubeStashFixtures.repository("db", "repo").size(value + " B").build());
      String lines =
          new String(
              rendered.series(CATALOGUE.family(FAMILY).orElseThrow().index()),
              StandardCharsets.UTF_8);
      assertThat(lines).as("value %d", value).endsWith("} " + value + "\n");
    }
  }
}
