package io.github.kubestashmetrics.metrics.internal.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Kubernetes quantity spellings, enumerated: exact values, and the texts that are no quantity. */
class QuantityTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "0, 0",
    "1, 1",
    "+1, 1",
    "-1, -1",
    "1.5, 1.5",
    ".5, 0.5",
    "5., 5",
    "500m, 0.5",
    "0.0001, 0.0001",
    "250u, 0.00025",
    "7n, 0.000000007",
    "1k, 1000",
    "100M, 100000000",
    "2G, 2000000000",
    "1T, 1000000000000",
    "1P, 1000000000000000",
    "1E, 1000000000000000000",
    "1Ki, 1024",
    "64Mi, 67108864",
    "1.2Gi, 1288490188.8",
    "1Ti, 1099511627776",
    "1Pi, 1125899906842624",
    "1Ei, 1152921504606846976",
    "1e3, 1000",
    "1E3, 1000",
    "25e-2, 0.25",
    "12E+1, 120",
    "' 3Gi ', 3221225472",
    "123456789012345678, 123456789012345678",
    "1234567890123456789, 1234567890123456789",
    "12345678901234567.895m, 12345678901234.567895",
    "-0.00000000000000000001e3, -1E-17",
    "000000000000000000000001.50Ki, 1536",
    "99999999999999999999999999999999Ei, 115292150460684697599999999999998847078495393153024"
  })
  void aValidSpellingIsItsExactValue(String text, String value) {
    assertThat(Quantity.parse(text)).isEqualByComparingTo(new BigDecimal(value));
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "", ".", "+", "abc", "1x", "1K", "1kb", "1mi", "1GiB", "1e", "1e+", "1.2.3", "1 Gi", "Gi",
        "1e3.5", "--1", "1e99999"
      })
  void anInvalidSpellingIsNoQuantity(String text) {
    assertThat(Quantity.parse(text)).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"0.0001, 1", "0.001, 1", "0.0011, 2", "1288490188.8, 1288490188800", "0, 0"})
  void milliValueRoundsUpToAWholeThousandth(String value, String milli) {
    assertThat(Quantity.ceilMilli(new BigDecimal(value)))
        .isEqualByComparingTo(new BigDecimal(milli));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(doubles = {0.25, 1, 3.6, 1e3})
  void aJsonNumberIsItsDecimalValue(double number) {
    assertThat(Quantity.of(JsonNodeFactory.instance.numberNode(number), "x"))
        .isEqualByComparingTo(BigDecimal.valueOf(number));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"true", "[1]", "{}"})
  void aNonQuantityJsonValueIsMalformed(String json) throws Exception {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    try {
      Quantity.of(node, "x");
      throw new AssertionError("no failure for " + json);
    } catch (CalculationException e) {
      assertThat(e.error()).isEqualTo(CalculatorError.MALFORMED_OBJECT);
    }
  }

  @ParameterizedTest(name = "{0} x {1}")
  @CsvSource({
    "500m, 9",
    "0.0011, 3",
    "-1.5, 2",
    "1Gi, 9",
    "1E, 1",
    "8Ei, 3",
    "1e-7, 5",
    "1e15, 9223",
    "0, 7",
    "123456789012345678901234, 2"
  })
  void aRolesThousandthsArePerPodRoundedUpTimesPods(String text, long pods) {
    BigDecimal amount = Quantity.parse(text);
    BigDecimal expected = Quantity.ceilMilli(amount).multiply(BigDecimal.valueOf(pods));
    ResourceList total = new ResourceList(amount, amount, amount).milliTotal(pods);
    assertThat(total.cpu()).isEqualByComparingTo(expected);
    assertThat(total.memory()).isEqualByComparingTo(expected);
    assertThat(total.storage()).isEqualByComparingTo(expected);
  }
}
