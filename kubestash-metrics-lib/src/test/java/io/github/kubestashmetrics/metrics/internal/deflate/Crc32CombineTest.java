package io.github.kubestashmetrics.metrics.internal.deflate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kubestashmetrics.testkit.KubeStashGenerators;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The combined CRC of parts is the CRC of their concatenation, for any split. */
class Crc32CombineTest {

  static Stream<Long> randomSplits() {
    return KubeStashGenerators.seeds("crc32CombineRandomSplits", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("randomSplits")
  void combiningThePartsOfARandomSplitGivesTheCrcOfTheWhole(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] whole = new byte[random.nextInt(0, 20_000)];
    random.nextBytes(whole);
    int parts = random.nextInt(1, 12);
    int[] cuts = new int[parts + 1];
    cuts[parts] = whole.length;
    for (int i = 1; i < parts; i++) {
      cuts[i] = random.nextInt(0, whole.length + 1);
    }
    java.util.Arrays.sort(cuts, 1, parts);
    int combined = 0;
    for (int i = 0; i < parts; i++) {
      CRC32 part = new CRC32();
      part.update(whole, cuts[i], cuts[i + 1] - cuts[i]);
      combined = Crc32Combine.combine(combined, (int) part.getValue(), cuts[i + 1] - cuts[i]);
    }
    CRC32 expected = new CRC32();
    expected.update(whole);
    assertThat(combined).as("seed=%d parts=%d", seed, parts).isEqualTo((int) expected.getValue());
  }

  @Test
  void lengthsBeyondTwoGibibytesCombineLikeZlib() {
    // CRC-32 of 2^31 + 3 zero bytes after "a", from its parts: "a", then zeros (crc computed in
    // pieces by doubling, itself checked against CRC32 for small sizes by the property above).
    byte[] zeros = new byte[1 << 20];
    CRC32 crc = new CRC32();
    crc.update('a');
    long length = 1;
    int combined = (int) crc.getValue();
    CRC32 block = new CRC32();
    block.update(zeros);
    for (int i = 0; i < 2048; i++) {
      crc.update(zeros);
      combined = Crc32Combine.combine(combined, (int) block.getValue(), zeros.length);
      length += zeros.length;
    }
    assertThat(length).isGreaterThan(Integer.MAX_VALUE);
    assertThat(combined).isEqualTo((int) crc.getValue());
  }

  @Test
  void anEmptySecondPartLeavesTheFirstCrc() {
    assertThat(Crc32Combine.combine(0x12345678, 0, 0)).isEqualTo(0x12345678);
    assertThatThrownBy(() -> Crc32Combine.combine(0, 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
