package io.github.kubestashmetrics.metrics.internal.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

  static Stream<Arguments> validSizes() {
    return Stream.of(
        // The contract's examples (rule 8).
        Arguments.of("13 B", 13L),
        Arguments.of("6.017 KiB", 6161L), // 6161.408
        Arguments.of("12.222 MiB", 12815695L), // 12815695.872
        Arguments.of("1.5 GiB", 1610612736L),
        Arguments.of("1.001 kB", 1001L),
        Arguments.of("512Ki", 524288L),
        Arguments.of("1Gi", 1073741824L),
        Arguments.of("1k", 1000L),
        Arguments.of("100", 100L),
        // No space, plain bytes.
        Arguments.of("13B", 13L),
        Arguments.of("0 B", 0L),
        Arguments.of("0", 0L),
        Arguments.of("12.222MiB", 12815695L),
        // SI units ×1000, in any letter case.
        Arguments.of("1 kB", 1000L),
        Arguments.of("1 KB", 1000L),
        Arguments.of("1 K", 1000L),
        Arguments.of("1.5 MB", 1500000L),
        Arguments.of("1M", 1000000L),
        Arguments.of("1 mb", 1000000L),
        Arguments.of("2 GB", 2000000000L),
        Arguments.of("2 TB", 2000000000000L),
        Arguments.of("2 PB", 2000000000000000L),
        Arguments.of("2 EB", 2000000000000000000L),
        Arguments.of("1E", 1000000000000000000L),
        // IEC units ×1024, in any letter case.
        Arguments.of("1 KiB", 1024L),
        Arguments.of("1 kib", 1024L),
        Arguments.of("1 KIB", 1024L),
        Arguments.of("1 MiB", 1048576L),
        Arguments.of("1 TiB", 1099511627776L),
        Arguments.of("1 PiB", 1125899906842624L),
        Arguments.of("1 EiB", 1152921504606846976L),
        Arguments.of("7.99 EiB", 9211842821808707338L),
        Arguments.of("1e", 1000000000000000000L), // any case: e is exa
        Arguments.of("1Mi", 1048576L),
        // Exact decimal arithmetic, then rounded down.
        Arguments.of("0.1 KiB", 102L), // 102.4
        Arguments.of("0.001 kB", 1L),
        Arguments.of("0.0001 kB", 0L),
        Arguments.of("1.9999 B", 1L),
        Arguments.of("9223372036854775807", Long.MAX_VALUE),
        // Kubernetes quantity forms.
        Arguments.of("1e3", 1000L),
        Arguments.of("1.5E6", 1500000L),
        Arguments.of("+1Ki", 1024L),
        Arguments.of(".5Ki", 512L),
        Arguments.of("5.Ki", 5120L),
        // Surrounding whitespace and several spaces are tolerated.
        Arguments.of(" 13 B ", 13L),
        Arguments.of("12.222   MiB", 12815695L));
  }

  @ParameterizedTest(name = "{0} = {1} bytes")
  @MethodSource("validSizes")
  void sizeTextGivesWholeBytes(String text, long bytes) {
    assertThat(ByteSize.parseBytes(text)).hasValue(bytes);
  }

  @ParameterizedTest(name = "\"{0}\" is not a size")
  @ValueSource(
      strings = {
        "",
        " ",
        "B",
        "KiB",
        "-1",
        "-1 KiB",
        "-0.5 B",
        "1 ZiB",
        "1 YB",
        "1 KiBB",
        "1 bytes",
        "1,5 MiB",
        "1.2.3 B",
        "one MiB",
        "12.222 MiB extra",
        "0x10",
        "NaN",
        "Infinity",
        "1e99999",
        "9223372036854775808",
        "8 EiB",
        "10 EB",
        "1e40",
        "1 Mi B"
      })
  void textThatIsNoSizeGivesNoValue(String text) {
    assertThat(ByteSize.parseBytes(text)).isEmpty();
  }

  @Test
  void nullAndHugeTextGiveNoValue() {
    assertThat(ByteSize.parseBytes(null)).isEmpty();
    assertThat(ByteSize.parseBytes("1".repeat(10_000))).isEmpty();
  }
}
