package io.github.kubestashmetrics.metrics.internal.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

  static Stream<Arguments> validTimestamps() {
    return Stream.of(
        Arguments.of("1970-01-01T00:00:00Z", 0.0),
        Arguments.of("2023-12-07T06:38:00Z", 1701931080.0),
        Arguments.of("2023-12-07t06:38:00z", 1701931080.0),
        Arguments.of("2023-12-07T06:38:00.5Z", 1701931080.5),
        Arguments.of("2024-12-18T07:24:45.483001Z", 1734506685.483001),
        Arguments.of("2023-12-07T06:38:00.123456789Z", 1701931080.123456789),
        Arguments.of("2023-12-07T12:08:00+05:30", 1701931080.0),
        Arguments.of("2023-12-07T01:38:00-05:00", 1701931080.0),
        Arguments.of("2023-12-07T06:38:00+00:00", 1701931080.0),
        Arguments.of("2023-12-07T06:38:00.250-00:00", 1701931080.25),
        Arguments.of("2024-02-29T00:00:00Z", 1709164800.0),
        Arguments.of("1969-12-31T23:59:59Z", -1.0),
        Arguments.of("9999-12-31T23:59:59Z", 253402300799.0),
        Arguments.of("0000-01-01T00:00:00Z", -62167219200.0));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("validTimestamps")
  void rfc3339TextGivesUnixSeconds(String text, double seconds) {
    assertThat(Rfc3339.parseEpochSeconds(text)).hasValue(seconds);
  }

  @ParameterizedTest(name = "\"{0}\" is not RFC 3339")
  @ValueSource(
      strings = {
        "",
        "2023-12-07",
        "2023-12-07T06:38:00",
        "2023-12-07 06:38:00Z",
        "2023-12-07T06:38Z",
        "2023-12-07T06:38:00.Z",
        // OffsetDateTime.parse accepts this one; RFC 3339 wants a digit after the point.
        "2025-04-22T05:45:00.Z",
        "2023-12-07T06:38:00ZZ",
        "2023-12-07T06:38:00+0530",
        "2023-12-07T06:38:00+05",
        "2023-12-07T06:38:00+24:00",
        "2023-12-07T06:38:00+05:60",
        "2023-13-07T06:38:00Z",
        "2023-00-07T06:38:00Z",
        "2023-02-29T06:38:00Z",
        "2023-04-31T06:38:00Z",
        "2023-12-00T06:38:00Z",
        "2023-12-07T24:00:00Z",
        "2023-12-07T06:60:00Z",
        "2023-12-07T06:38:60Z",
        "23-12-07T06:38:00Z",
        "+2023-12-07T06:38:00Z",
        "2023/12/07T06:38:00Z",
        "2023-12-07T06:38:00 Z",
        "now",
        "1701931080",
        "２０２３-12-07T06:38:00Z"
      })
  void textThatIsNoTimestampGivesNoValue(String text) {
    assertThat(Rfc3339.parseEpochSeconds(text)).isEmpty();
  }

  @Test
  void nullAndHugeTextGiveNoValue() {
    assertThat(Rfc3339.parseEpochSeconds(null)).isEmpty();
    assertThat(Rfc3339.parseEpochSeconds("2023-12-07T06:38:00." + "1".repeat(10_000) + "Z"))
        .isEmpty();
  }
}
