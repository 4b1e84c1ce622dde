package io.github.kubestashmetrics.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Draws duration, size and timestamp texts together with their exact values. Each value is computed
 * from the drawn parts (numbers and units), never by parsing the text it wrote.
 */
final class ValueTexts {

  /** A Go duration unit: its spellings, its length, and the fraction digits that stay exact. */
  private record GoUnit(String text, long nanos, int maxFractionDigits) {}

  private static final List<GoUnit> GO_UNITS =
      List.of(
          new GoUnit("h", 3_600_000_000_000L, 9),
          new GoUnit("m", 60_000_000_000L, 9),
          new GoUnit("s", 1_000_000_000L, 9),
          new GoUnit("ms", 1_000_000L, 6),
          new GoUnit("us", 1_000L, 3),
          new GoUnit("µs", 1_000L, 3), // U+00B5 micro sign
          new GoUnit("μs", 1_000L, 3), // U+03BC Greek small mu; Go accepts both
          new GoUnit("ns", 1L, 0));

  /** Largest whole number drawn per Go unit: totals stay far below Go's 292-year limit. */
  private static final long[] GO_UNIT_MAX = {
    1_000,
    10_000,
    100_000,
    10_000_000,
    1_000_000_000,
    1_000_000_000,
    1_000_000_000,
    1_000_000_000_000L
  };

  /** A size unit and what it multiplies by. */
  private record SizeUnit(String text, BigInteger multiplier) {}

  private static final String[] IEC = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  private static final String[] SI = {"kB", "MB", "GB", "TB", "PB", "EB"};
  private static final String[] QUANTITY_BINARY = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final String[] QUANTITY_DECIMAL = {"k", "M", "G", "T", "P", "E"};

  /** Sizes stay below this so that every consumer can hold them in a long. */
  static final BigInteger SIZE_LIMIT = BigInteger.ONE.shiftLeft(62);

  private final SplittableRandom random;

  ValueTexts(SplittableRandom random) {
    this.random = random;
  }

  DurationSample goDuration() {
    String sign = pick(8, "-", 4, "+", 88, "");
    if (random.nextInt(25) == 0) {
      // Go accepts a bare "0" (with or without sign) and nothing else without a unit.
      return new DurationSample(sign + "0", BigDecimal.ZERO);
    }
    List<Integer> unitIndexes = new ArrayList<>();
    int parts = 1 + random.nextInt(4);
    boolean canonicalOrder = random.nextInt(5) != 0;
    if (canonicalOrder) {
      for (int i = 0; i < GO_UNITS.size() && unitIndexes.size() < parts; i++) {
        if (random.nextInt(GO_UNITS.size()) < parts + 1) {
          unitIndexes.add(i);
        }
      }
      if (unitIndexes.isEmpty()) {
        unitIndexes.add(random.nextInt(GO_UNITS.size()));
      }
    } else {
      // Go takes units in any order and repeated; "1s2h1s" is 2h0m2s.
      for (int i = 0; i < parts; i++) {
        unitIndexes.add(random.nextInt(GO_UNITS.size()));
      }
    }
    StringBuilder text = new StringBuilder(sign);
    BigDecimal nanos = BigDecimal.ZERO;
    for (int index : unitIndexes) {
      GoUnit unit = GO_UNITS.get(index);
      DecimalDraw number = decimal(GO_UNIT_MAX[index], unit.maxFractionDigits(), true);
      text.append(number.text()).append(unit.text());
      nanos = nanos.add(number.value().multiply(BigDecimal.valueOf(unit.nanos())));
    }
    BigDecimal seconds = nanos.movePointLeft(9);
    if (sign.equals("-")) {
      seconds = seconds.negate();
    }
    return new DurationSample(text.toString(), seconds.stripTrailingZeros());
  }

  /** Go's own text for a random duration, the form KubeStash writes in {@code .status}. */
  String canonicalGoDuration() {
    long nanos =
        switch (random.nextInt(10)) {
          case 0, 1, 2 -> 1 + random.nextLong(999_999_999L);
          case 3, 4, 5, 6 -> random.nextLong(1_000_000_000L, 60_000_000_000L);
          case 7, 8 ->
              random.nextBoolean()
                  ? random.nextLong(60_000_000_000L, 3_600_000_000_000L)
                  : random.nextLong(60, 3_600) * 1_000_000_000L;
          default -> random.nextLong(1, 6) * 3_600_000_000_000L;
        };
    return GoDurationText.format(nanos);
  }

  SizeSample size() {
    int form = random.nextInt(100);
    String unit;
    String space;
    int maxFraction = 3;
    boolean anyCase = false;
    if (form < 35) {
      unit = IEC[random.nextInt(IEC.length)];
      space = " ";
      maxFraction = unit.equals("B") ? 0 : 3;
    } else if (form < 50) {
      unit = IEC[random.nextInt(IEC.length)];
      space = random.nextBoolean() ? "" : " ";
      anyCase = true;
    } else if (form < 70) {
      unit = SI[random.nextInt(SI.length)];
      space = random.nextBoolean() ? "" : " ";
      anyCase = true;
      maxFraction = 1 + random.nextInt(6);
    } else if (form < 80) {
      unit = QUANTITY_BINARY[random.nextInt(QUANTITY_BINARY.length)];
      space = random.nextInt(4) == 0 ? " " : "";
      anyCase = true;
    } else if (form < 90) {
      unit = QUANTITY_DECIMAL[random.nextInt(QUANTITY_DECIMAL.length)];
      space = random.nextInt(4) == 0 ? " " : "";
      // "M" and "E" stay upper case: "m" is milli in Kubernetes and "1e3" an exponent.
      anyCase = unit.equals("k") || unit.equals("G") || unit.equals("T") || unit.equals("P");
    } else {
      unit = "";
      space = "";
      maxFraction = random.nextInt(3) == 0 ? 2 : 0;
    }
    BigInteger multiplier = sizeMultiplier(unit);
    long maxWhole =
        Math.min(99_999, SIZE_LIMIT.subtract(BigInteger.ONE).divide(multiplier).longValue() - 1);
    DecimalDraw number = decimal(Math.max(maxWhole, 0), maxFraction, false);
    BigInteger bytes =
        number
            .value()
            .multiply(new BigDecimal(multiplier))
            .setScale(0, RoundingMode.FLOOR)
            .toBigIntegerExact();
    String shownUnit = anyCase ? randomCase(unit) : unit;
    return new SizeSample(number.text() + space + shownUnit, bytes.longValueExact());
  }

  /** KubeStash's own size text: {@code 13 B}, {@code 6.017 KiB}, {@code 1.4 GiB}. */
  String kubeStashSize() {
    int unit = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(4);
    if (unit == 0) {
      return random.nextInt(1024) + " B";
    }
    int digits = random.nextInt(4);
    long scale = (long) Math.pow(10, digits);
    BigDecimal number = BigDecimal.valueOf(scale + random.nextLong(1022 * scale), digits);
    return number.stripTrailingZeros().toPlainString() + " " + IEC[unit];
  }

  TimestampSample timestamp() {
    long epochSecond =
        random.nextInt(20) == 0 ? 0 : random.nextLong(0, 4_102_444_800L); // 1970 .. 2100
    int fractionDigits = random.nextBoolean() ? 0 : 1 + random.nextInt(9);
    long fraction = fractionDigits == 0 ? 0 : random.nextLong((long) Math.pow(10, fractionDigits));
    int offsetSeconds;
    String offsetText;
    if (random.nextBoolean()) {
      offsetSeconds = 0;
      offsetText = "Z";
    } else {
      int hours = random.nextInt(15);
      int minutes = new int[] {0, 15, 30, 45}[random.nextInt(4)];
      boolean negative = random.nextBoolean();
      offsetSeconds = (negative ? -1 : 1) * (hours * 3600 + minutes * 60);
      offsetText = String.format(Locale.ROOT, "%s%02d:%02d", negative ? "-" : "+", hours, minutes);
    }
    LocalDateTime local =
        LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.ofTotalSeconds(offsetSeconds));
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%04d-%02d-%02dT%02d:%02d:%02d",
                local.getYear(),
                local.getMonthValue(),
                local.getDayOfMonth(),
                local.getHour(),
                local.getMinute(),
                local.getSecond()));
    if (fractionDigits > 0) {
      text.append('.').append(String.format(Locale.ROOT, "%0" + fractionDigits + "d", fraction));
    }
    text.append(offsetText);
    BigDecimal epoch =
        BigDecimal.valueOf(epochSecond).add(BigDecimal.valueOf(fraction, fractionDigits));
    return new TimestampSample(text.toString(), epoch);
  }

  /** What a size unit multiplies by, whatever its case; "" is bytes. */
  static BigInteger sizeMultiplier(String unit) {
    String u = unit.toLowerCase(Locale.ROOT);
    if (u.isEmpty() || u.equals("b")) {
      return BigInteger.ONE;
    }
    int power = "kmgtpe".indexOf(u.charAt(0)) + 1;
    if (power == 0) {
      throw new IllegalArgumentException("not a size unit: " + unit);
    }
    boolean binary = u.length() > 1 && u.charAt(1) == 'i';
    return BigInteger.valueOf(binary ? 1024 : 1000).pow(power);
  }

  private String randomCase(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** A non-negative number, its text and its exact value. */
  private record DecimalDraw(String text, BigDecimal value) {}

  /**
   * A number up to {@code maxWhole} with up to {@code maxFractionDigits} digits after the point.
   * With {@code oddForms}, sometimes {@code .5}, {@code 5.} or leading zeros, which Go accepts.
   */
  private DecimalDraw decimal(long maxWhole, int maxFractionDigits, boolean oddForms) {
    long whole = random.nextInt(3) == 0 ? random.nextLong(10) : random.nextLong(maxWhole + 1);
    whole = Math.min(whole, maxWhole);
    int digits = maxFractionDigits == 0 ? 0 : random.nextInt(maxFractionDigits + 1);
    long fraction = digits == 0 ? 0 : random.nextLong((long) Math.pow(10, digits));
    String fractionText =
        digits == 0 ? "" : String.format(Locale.ROOT, "%0" + digits + "d", fraction);
    String wholeText = Long.toString(whole);
    if (oddForms) {
      int odd = random.nextInt(40);
      if (odd == 0 && digits > 0 && whole == 0) {
        wholeText = ""; // ".5"
      } else if (odd == 1 && digits == 0) {
        fractionText = ""; // "5."
        wholeText = whole + ".";
      } else if (odd == 2) {
        wholeText = "00" + whole;
      }
    }
    String text = digits == 0 ? wholeText : wholeText + "." + fractionText;
    BigDecimal value =
        new BigDecimal(
            BigInteger.valueOf(whole)
                .multiply(BigInteger.TEN.pow(digits))
                .add(BigInteger.valueOf(fraction)),
            digits);
    return new DecimalDraw(text, value);
  }

  private String pick(int weightA, String a, int weightB, String b, int weightC, String c) {
    int roll = random.nextInt(weightA + weightB + weightC);
    return roll < weightA ? a : roll < weightA + weightB ? b : c;
  }
}
