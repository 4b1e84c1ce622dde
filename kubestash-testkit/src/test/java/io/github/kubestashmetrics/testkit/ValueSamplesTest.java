package io.github.kubestashmetrics.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value generators' expected values, checked against small independent readers written here
 * from the formats' definitions (not from the generators' code).
 */
class ValueSamplesTest {

  private static final Pattern DURATION_PART =
      Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(h|ms|m|s|us|µs|μs|ns)");
  private static final Map<String, BigDecimal> SECONDS_PER_UNIT =
      Map.of(
          "h", new BigDecimal(3600),
          "m", new BigDecimal(60),
          "s", BigDecimal.ONE,
          "ms", new BigDecimal("0.001"),
          "us", new BigDecimal("0.000001"),
          "µs", new BigDecimal("0.000001"),
          "μs", new BigDecimal("0.000001"),
          "ns", new BigDecimal("0.000000001"));
  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) ?([A-Za-z]*)");
  private static final Map<String, BigInteger> BYTES_PER_UNIT =
      Map.ofEntries(
          Map.entry("", BigInteger.ONE),
          Map.entry("b", BigInteger.ONE),
          Map.entry("k", BigInteger.TEN.pow(3)),
          Map.entry("kb", BigInteger.TEN.pow(3)),
          Map.entry("m", BigInteger.TEN.pow(6)),
          Map.entry("mb", BigInteger.TEN.pow(6)),
          Map.entry("g", BigInteger.TEN.pow(9)),
          Map.entry("gb", BigInteger.TEN.pow(9)),
          Map.entry("t", BigInteger.TEN.pow(12)),
          Map.entry("tb", BigInteger.TEN.pow(12)),
          Map.entry("p", BigInteger.TEN.pow(15)),
          Map.entry("pb", BigInteger.TEN.pow(15)),
          Map.entry("e", BigInteger.TEN.pow(18)),
          Map.entry("eb", BigInteger.TEN.pow(18)),
          Map.entry("ki", BigInteger.TWO.pow(10)),
          Map.entry("kib", BigInteger.TWO.pow(10)),
          Map.entry("mi", BigInteger.TWO.pow(20)),
          Map.entry("mib", BigInteger.TWO.pow(20)),
          Map.entry("gi", BigInteger.TWO.pow(30)),
          Map.entry("gib", BigInteger.TWO.pow(30)),
          Map.entry("ti", BigInteger.TWO.pow(40)),
          Map.entry("tib", BigInteger.TWO.pow(40)),
          Map.entry("pi", BigInteger.TWO.pow(50)),
          Map.entry("pib", BigInteger.TWO.pow(50)),
          Map.entry("ei", BigInteger.TWO.pow(60)),
          Map.entry("eib", BigInteger.TWO.pow(60)));

  /** Go's time.ParseDuration, exact: sign, then number-unit parts in any order. */
  static BigDecimal goSeconds(String text) {
    String rest = text;
    boolean negative = false;
    if (rest.startsWith("-") || rest.startsWith("+")) {
      negative = rest.startsWith("-");
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return BigDecimal.ZERO;
    }
    Matcher part = DURATION_PART.matcher(rest);
    BigDecimal total = BigDecimal.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      String number = part.group(1);
      assertThat(number).as("number in %s", text).matches("[0-9]+\\.?[0-9]*|\\.[0-9]+");
      BigDecimal value = new BigDecimal(number.endsWith(".") ? number + "0" : number);
      total = total.add(value.multiply(SECONDS_PER_UNIT.get(part.group(2))));
      end = part.end();
    }
    assertThat(end).as("whole text %s read", text).isEqualTo(rest.length()).isPositive();
    return negative ? total.negate() : total;
  }

  /** The contract's size rule: number times unit (any case), floored. */
  static long bytes(String text) {
    Matcher matcher = SIZE.matcher(text);
    assertThat(matcher.matches()).as("size %s", text).isTrue();
    BigInteger unit = BYTES_PER_UNIT.get(matcher.group(2).toLowerCase(Locale.ROOT));
    assertThat(unit).as("unit of %s", text).isNotNull();
    return new BigDecimal(matcher.group(1))
        .multiply(new BigDecimal(unit))
        .setScale(0, RoundingMode.FLOOR)
        .longValueExact();
  }

  @ParameterizedTest(name = "{0} is {1} bytes")
  @CsvSource({
    "1.001 kB, 1001",
    "12.222 MiB, 12815695",
    "13 B, 13",
    "6.017 KiB, 6161",
    "512Ki, 524288",
    "1Gi, 1073741824",
    "1k, 1000",
    "100, 100",
    "1M, 1000000",
    "1.5 gib, 1610612736",
    "2.9999 EiB, 3458649221670080243"
  })
  void independentSizeReaderKnowsTheContractExamples(String text, long expected) {
    assertThat(bytes(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1} ns is {0}")
  @CsvSource({
    "0s, 0",
    "1ns, 1",
    "1.5µs, 1500",
    "300ms, 300000000",
    "7.534461497s, 7534461497",
    "1m5s, 65000000000",
    "1m5.2s, 65200000000",
    "2h0m0s, 7200000000000",
    "-1.5s, -1500000000",
    "2562047h47m16.854775807s, 9223372036854775807"
  })
  void goDurationTextIsWhatGoPrints(String expected, long nanos) {
    assertThat(GoDurationText.format(nanos)).isEqualTo(expected);
    assertThat(goSeconds(expected)).isEqualByComparingTo(BigDecimal.valueOf(nanos, 9));
  }

  static Stream<Long> seeds() {
    return KubeStashGenerators.seeds("valueSamples", 1_000);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void durationSecondsAreTheExactSumOfTheParts(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    for (int i = 0; i < 5; i++) {
      DurationSample sample = generators.goDuration();
      assertThat(sample.seconds()).as(sample.text()).isEqualByComparingTo(goSeconds(sample.text()));
      // Go holds durations in int64 nanoseconds: every sample must fit.
      assertThat(sample.seconds().movePointRight(9).stripTrailingZeros().scale())
          .isLessThanOrEqualTo(0);
      assertThat(sample.seconds().abs()).isLessThan(new BigDecimal("9223372036.854775807"));
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void sizeBytesAreTheNumberTimesTheUnitRoundedDown(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    for (int i = 0; i < 5; i++) {
      SizeSample sample = generators.size();
      assertThat(sample.bytes()).as(sample.text()).isEqualTo(bytes(sample.text()));
      assertThat(sample.bytes()).isNotNegative().isLessThan(1L << 62);
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void timestampEpochSecondsAreWhatJavaTimeReads(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    for (int i = 0; i < 5; i++) {
      TimestampSample sample = generators.timestamp();
      OffsetDateTime parsed = OffsetDateTime.parse(sample.text());
      BigDecimal expected =
          BigDecimal.valueOf(parsed.toEpochSecond()).add(BigDecimal.valueOf(parsed.getNano(), 9));
      assertThat(sample.epochSeconds()).as(sample.text()).isEqualByComparingTo(expected);
      assertThat(sample.text())
          .matches(
              "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");
    }
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("coverageSeeds")
  void samplesCoverEveryFormTheContractNames(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    Set<String> forms = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      String duration = generators.goDuration().text();
      for (String unit : SECONDS_PER_UNIT.keySet()) {
        if (DURATION_PART.matcher(duration).results().anyMatch(r -> r.group(2).equals(unit))) {
          forms.add("duration " + unit);
        }
      }
      if (duration.startsWith("-")) forms.add("duration negative");
      if (duration.startsWith("+")) forms.add("duration plus");
      if (duration.matches("[-+]?0")) forms.add("duration bare zero");
      if (duration.contains(".")) forms.add("duration fraction");
      if (DURATION_PART.matcher(duration).results().count() > 1) forms.add("duration parts");

      String size = generators.size().text();
      Matcher m = SIZE.matcher(size);
      assertThat(m.matches()).isTrue();
      forms.add("size unit " + m.group(2).toLowerCase(Locale.ROOT));
      if (size.contains(" ")) forms.add("size space");
      if (!size.contains(" ") && !m.group(2).isEmpty()) forms.add("size no space");
      if (!m.group(2).equals(m.group(2).toLowerCase(Locale.ROOT))
          && !m.group(2).equals(m.group(2).toUpperCase(Locale.ROOT))
          && !m.group(2).matches("[KMGTPE]i|[KMGTPE]iB|[kMGTPE]B")) forms.add("size odd case");

      String timestamp = generators.timestamp().text();
      forms.add(timestamp.endsWith("Z") ? "time Z" : "time offset");
      forms.add(timestamp.contains(".") ? "time fraction" : "time whole");
    }
    for (String unit : SECONDS_PER_UNIT.keySet()) {
      assertThat(forms).contains("duration " + unit);
    }
    for (String unit : BYTES_PER_UNIT.keySet()) {
      assertThat(forms).contains("size unit " + unit);
    }
    assertThat(forms)
        .contains(
            "duration negative",
            "duration plus",
            "duration bare zero",
            "duration fraction",
            "duration parts",
            "size space",
            "size no space",
            "size odd case",
            "time Z",
            "time offset",
            "time fraction",
            "time whole");
  }

  static Stream<Long> coverageSeeds() {
    return KubeStashGenerators.seeds("valueSampleCoverage", 3);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"PT1M5S, 1m5s", "PT2H, 2h0m0s", "PT0.3S, 300ms", "PT0S, 0s"})
  void fixtureDurationsAreWrittenAsGoWritesThem(String iso, String go) {
    String written =
        KubeStashFixtures.backupSession("demo", "b")
            .duration(Duration.parse(iso))
            .build()
            .getStatus()
            .getDuration();
    assertThat(written).isEqualTo(go);
  }
}
