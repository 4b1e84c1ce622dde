package io.github.kubestashmetrics.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The testkit's {@code ExpositionFormat} mirrors ours by constant name (the testkit cannot depend
 * on the library): the same constants, in the same order, so {@code valueOf(name())} maps both
 * ways.
 */
class ExpositionFormatMirrorTest {

  @Test
  void theTestkitsFormatsAreOursByName() {
    assertThat(
            Arrays.stream(io.github.kubestashmetrics.testkit.ExpositionFormat.values())
                .map(Enum::name))
        .containsExactly(
            Arrays.stream(ExpositionFormat.values()).map(Enum::name).toArray(String[]::new));
  }
}
