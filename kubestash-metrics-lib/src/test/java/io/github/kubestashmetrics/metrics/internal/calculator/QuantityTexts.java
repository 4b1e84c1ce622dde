package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every valid Kubernetes spelling of an exact amount: plain and decimal numbers, decimal SI
 * suffixes ({@code n u m k M G T P E}), binary SI suffixes ({@code Ki … Ei}), decimal exponents
 * ({@code e}/{@code E}, signed), a leading {@code +}, and JSON numbers. {@link #canonical} is the
 * plain decimal text; {@link #anyForm} picks one of the exact spellings at random.
 */
final class QuantityTexts {

  private static final String[] DECIMAL_SUFFIXES = {
    "n", "u", "m", "", "k", "M", "G", "T", "P", "E"
  };
  private static final int[] DECIMAL_EXPONENTS = {-9, -6, -3, 0, 3, 6, 9, 12, 15, 18};
  private static final String[] BINARY_SUFFIXES = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private QuantityTexts() {}

  /** The plain decimal text of the amount. */
  static JsonNode canonical(BigDecimal amount) {
    return JsonNodeFactory.instance.textNode(amount.stripTrailingZeros().toPlainString());
  }

  /** Every exact spelling of a non-negative amount. */
  static List<JsonNode> forms(BigDecimal amount) {
    List<JsonNode> forms = new ArrayList<>();
    JsonNodeFactory json = JsonNodeFactory.instance;
    BigDecimal plain = amount.stripTrailingZeros();
    forms.add(json.textNode(plain.toPlainString()));
    forms.add(json.textNode("+" + plain.toPlainString()));
    for (int i = 0; i < DECIMAL_SUFFIXES.length; i++) {
      BigDecimal scaled = plain.scaleByPowerOfTen(-DECIMAL_EXPONENTS[i]).stripTrailingZeros();
      if (scaled.scale() <= 6) {
        forms.add(json.textNode(scaled.toPlainString() + DECIMAL_SUFFIXES[i]));
      }
    }
    for (int i = 0; i < BINARY_SUFFIXES.length; i++) {
      BigDecimal unit = new BigDecimal(BigInteger.ONE.shiftLeft(10 * (i + 1)));
      BigDecimal[] division = plain.divideAndRemainder(unit);
      if (division[1].signum() == 0) {
        forms.add(json.textNode(division[0].toPlainString() + BINARY_SUFFIXES[i]));
      } else if (plain.multiply(BigDecimal.valueOf(4)).remainder(unit).signum() == 0) {
        BigDecimal quarter = plain.divide(unit);
        forms.add(json.textNode(quarter.toPlainString() + BINARY_SUFFIXES[i]));
      }
    }
    BigInteger unscaled = plain.unscaledValue();
    int exponent = -plain.scale();
    forms.add(json.textNode(unscaled + "e" + exponent));
    forms.add(json.textNode(unscaled + "E" + (exponent >= 0 ? "+" : "") + exponent));
    if (plain.scale() <= 0 && plain.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
      forms.add(json.numberNode(plain.longValueExact()));
    }
    if (plain.precision() <= 15) {
      double asDouble = plain.doubleValue();
      if (BigDecimal.valueOf(asDouble).compareTo(plain) == 0) {
        forms.add(json.numberNode(asDouble));
      }
    }
    if (plain.compareTo(BigDecimal.ONE) < 0 && plain.signum() > 0) {
      forms.add(json.textNode(plain.toPlainString().substring(1)));
    }
    return forms;
  }

  /** One exact spelling, chosen by the random source. */
  static JsonNode anyForm(BigDecimal amount, SplittableRandom random) {
    List<JsonNode> forms = forms(amount);
    return forms.get(random.nextInt(forms.size()));
  }
}
