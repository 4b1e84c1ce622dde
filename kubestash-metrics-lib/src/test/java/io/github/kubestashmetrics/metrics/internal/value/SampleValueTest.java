package io.github.kubestashmetrics.metrics.internal.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SampleValueTest {

  static Stream<Arguments> values() {
    return Stream.of(
        // Rule 12: integral values without exponent or ".0".
        Arguments.of(1701931080.0, "1701931080"),
        Arguments.of(1.0, "1"),
        Arguments.of(0.0, "0"),
        Arguments.of(-0.0, "0"),
        Arguments.of(-5.0, "-5"),
        Arguments.of(12815695.0, "12815695"),
        Arguments.of(1e15, "1000000000000000"),
        Arguments.of(9.007199254740993E15, "9007199254740992"),
        Arguments.of(1e18, "1000000000000000000"),
        // Integral beyond a long: still no exponent.
        Arguments.of(1e20, "100000000000000000000"),
        // Non-integral: plain decimals, shortest digits that read back the same.
        Arguments.of(65.2, "65.2"),
        Arguments.of(0.3, "0.3"),
        Arguments.of(0.1 + 0.2, "0.30000000000000004"),
        Arguments.of(7.534461497, "7.534461497"),
        Arguments.of(1701931060.5, "1701931060.5"),
        Arguments.of(1701931090.123456, "1701931090.123456"),
        Arguments.of(0.0000015, "0.0000015"),
        Arguments.of(1e-9, "0.000000001"),
        Arguments.of(-123.4, "-123.4"),
        Arguments.of(2.0E-3, "0.002"),
        Arguments.of(123456789.125, "123456789.125"));
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @MethodSource("values")
  void valuesPrintWithoutExponent(double value, String text) {
    assertThat(SampleValue.format(value)).isEqualTo(text);
    assertThat(Double.parseDouble(text)).isEqualTo(value == 0 ? 0.0 : value, within(value));
  }

  private static org.assertj.core.data.Offset<Double> within(double value) {
    // Integral doubles beyond 2^53 print their exact value; others read back exactly.
    return org.assertj.core.data.Offset.offset(Math.abs(value) >= 0x1p53 ? Math.ulp(value) : 0.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void nonFiniteValuesAreRejected(double value) {
    assertThatThrownBy(() -> SampleValue.format(value))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, -1, 12815695, Long.MAX_VALUE, Long.MIN_VALUE})
  void longsPrintAsDecimal(long value) {
    assertThat(SampleValue.format(value)).isEqualTo(Long.toString(value));
  }
}
