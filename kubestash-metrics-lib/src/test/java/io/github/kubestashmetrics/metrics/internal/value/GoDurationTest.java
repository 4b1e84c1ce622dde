package io.github.kubestashmetrics.metrics.internal.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  static Stream<Arguments> validDurations() {
    return Stream.of(
        // The contract's examples (rule 7).
        Arguments.of("7.534461497s", 7.534461497),
        Arguments.of("1m5.2s", 65.2),
        Arguments.of("2h0m0s", 7200.0),
        Arguments.of("300ms", 0.3),
        Arguments.of("1.5µs", 0.0000015),
        Arguments.of("0s", 0.0),
        // Go's own table (time_test.go, parseDurationTests), in seconds.
        Arguments.of("0", 0.0),
        Arguments.of("5s", 5.0),
        Arguments.of("30s", 30.0),
        Arguments.of("1478s", 1478.0),
        Arguments.of("-5s", -5.0),
        Arguments.of("+5s", 5.0),
        Arguments.of("-0", 0.0),
        Arguments.of("+0", 0.0),
        Arguments.of("5.0s", 5.0),
        Arguments.of("5.6s", 5.6),
        Arguments.of("5.s", 5.0),
        Arguments.of(".5s", 0.5),
        Arguments.of("1.0s", 1.0),
        Arguments.of("1.00s", 1.0),
        Arguments.of("1.004s", 1.004),
        Arguments.of("1.0040s", 1.004),
        Arguments.of("100.00100s", 100.001),
        Arguments.of("10ns", 0.00000001),
        Arguments.of("11us", 0.000011),
        Arguments.of("12µs", 0.000012), // U+00B5 micro sign
        Arguments.of("12μs", 0.000012), // U+03BC Greek mu
        Arguments.of("13ms", 0.013),
        Arguments.of("14s", 14.0),
        Arguments.of("15m", 900.0),
        Arguments.of("16h", 57600.0),
        Arguments.of("3h30m", 12600.0),
        Arguments.of("10.5s4m", 250.5),
        Arguments.of("-2m3.4s", -123.4),
        Arguments.of("1h2m3s4ms5us6ns", 3723.004005006),
        Arguments.of("39h9m14.425s", 140954.425),
        Arguments.of("52763797000ns", 52.763797),
        Arguments.of("0.3333333333333333333h", 1200.0),
        Arguments.of("9007199254740993ns", 9007199.254740993),
        Arguments.of("9223372036854775807ns", 9223372036.854775807),
        Arguments.of("9223372036854775.807us", 9223372036.854775807),
        Arguments.of("9223372036s854ms775us807ns", 9223372036.854775807),
        Arguments.of("-9223372036854775808ns", -9223372036.854775808),
        Arguments.of("-9223372036854775807ns", -9223372036.854775807),
        Arguments.of("0.100000000000000000000h", 360.0),
        Arguments.of("0.830103483285477580700h", 2988.372539827),
        // Fractions below a nanosecond are truncated, as in Go.
        Arguments.of("0.5ns", 0.0),
        Arguments.of("1.9ns", 0.000000001));
  }

  @ParameterizedTest(name = "{0} = {1} s")
  @MethodSource("validDurations")
  void goDurationTextGivesSeconds(String text, double seconds) {
    assertThat(GoDuration.parseSeconds(text)).hasValue(seconds);
  }

  @ParameterizedTest(name = "\"{0}\" is not a duration")
  @ValueSource(
      strings = {
        "",
        "3",
        "-",
        "+",
        "s",
        ".",
        "-.",
        ".s",
        "+.s",
        "1d",
        "1.5 s",
        " 1s",
        "1s ",
        "1S",
        "1H",
        "1sec",
        "--1s",
        "1e3s",
        "\u0085\u0085",
        "\u00ffff",
        "hello \u00ffff world",
        "1h-2m",
        "9223372036854775808ns",
        "9223372036854775.808us",
        "9223372036854ms775us808ns",
        "-9223372036854775809ns",
        "99999999999999999999h",
        "2562048h"
      })
  void textThatGoRejectsGivesNoValue(String text) {
    assertThat(GoDuration.parseSeconds(text)).isEmpty();
  }

  @Test
  void nullGivesNoValue() {
    assertThat(GoDuration.parseSeconds(null)).isEmpty();
  }

  @Test
  void negativeZeroIsPlainZero() {
    assertThat(Double.doubleToRawLongBits(GoDuration.parseSeconds("-0s").getAsDouble()))
        .isEqualTo(Double.doubleToRawLongBits(0.0));
  }
}
