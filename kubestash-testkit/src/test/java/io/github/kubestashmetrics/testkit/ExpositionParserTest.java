package io.github.kubestashmetrics.testkit;

import static io.github.kubestashmetrics.testkit.ExpositionFormat.OPENMETRICS_1_0_0;
import static io.github.kubestashmetrics.testkit.ExpositionFormat.TEXT_0_0_4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpositionParserTest {

  static Stream<Long> expositionSeeds() {
    return KubeStashGenerators.seeds("parserAcceptsValidExpositions", 2_000);
  }

  /** 2,000 seeds × 5 texts = 10,000 generated expositions, both formats. */
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("expositionSeeds")
  void acceptsGeneratedValidExpositionsAndReadsWhatWasWritten(long seed) {
    for (int i = 0; i < 5; i++) {
      ExpositionFormat format = i % 2 == 0 ? TEXT_0_0_4 : OPENMETRICS_1_0_0;
      ExpositionTexts.Written written = new ExpositionTexts(seed + i, format).write();

      Exposition parsed = ExpositionParser.parse(written.text(), format);

      assertThat(parsed.families())
          .as("text %d of seed %d:%n%s", i, seed, written.text())
          .isEqualTo(written.families()); // records: doubles compare with Double.compare
    }
  }

  static Stream<Long> escapingSeeds() {
    return KubeStashGenerators.seeds("escapingRoundTrips", 1_500);
  }

  @ParameterizedTest(name = "seed={0}")
  @MethodSource("escapingSeeds")
  void escapingRoundTripsAnyHostileString(long seed) {
    KubeStashGenerators generators = new KubeStashGenerators(seed);
    String hostile = generators.hostileText();
    String line =
        "core_kubestash_com_backupsession_info{backupsession=\""
            + ExpositionTexts.escapeLabelValue(hostile)
            + "\",namespace=\"demo\"} 1\n";

    for (ExpositionFormat format : ExpositionFormat.values()) {
      String text = format == OPENMETRICS_1_0_0 ? line + "# EOF\n" : line;
      Series series = ExpositionParser.parse(text, format).series().get(0);
      assertThat(series.labels().get("backupsession")).isEqualTo(hostile);
      assertThat(series.labels().keySet()).containsExactly("backupsession", "namespace");
    }
  }

  @Test
  void readsFamiliesWithHelpTypeAndSeriesInOrder() {
    String text =
        """
        # HELP core_kubestash_com_backupsession_phase BackupSession object current phase
        # TYPE core_kubestash_com_backupsession_phase gauge
        core_kubestash_com_backupsession_phase{backupsession="b",namespace="demo",phase="Pending"} 0
        core_kubestash_com_backupsession_phase{backupsession="b",namespace="demo",phase="Succeeded"} 1
        # HELP x_created Help with \\\\ and \\n escapes
        # TYPE x_created gauge
        x_created 1.7019310805E9
        untyped_metric{a="1",} NaN 1700000000000
        """;

    Exposition exposition = ExpositionParser.parsePrometheus(text);

    assertThat(exposition.families())
        .extracting(MetricFamily::name, MetricFamily::type, MetricFamily::help)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "core_kubestash_com_backupsession_phase",
                "gauge",
                "BackupSession object current phase"),
            org.assertj.core.groups.Tuple.tuple(
                "x_created", "gauge", "Help with \\ and \n escapes"),
            org.assertj.core.groups.Tuple.tuple("untyped_metric", "untyped", null));
    Series succeeded = exposition.families().get(0).series().get(1);
    assertThat(succeeded.labels().keySet()).containsExactly("backupsession", "namespace", "phase");
    assertThat(succeeded.value()).isEqualTo(1.0);
    assertThat(exposition.family("x_created").orElseThrow().series().get(0).value())
        .isEqualTo(1701931080.5);
    assertThat(exposition.family("untyped_metric").orElseThrow().series().get(0).value()).isNaN();
  }

  @Test
  void readsHistogramAndSummarySamplesAsOneFamily() {
    String text =
        """
        # TYPE h histogram
        h_bucket{le="1"} 1
        h_bucket{le="+Inf"} 2
        h_sum 3
        h_count 2
        # TYPE s summary
        s{quantile="0.5"} 1
        s_sum 3
        s_count 2
        """;

    Exposition exposition = ExpositionParser.parsePrometheus(text);

    assertThat(exposition.families()).extracting(MetricFamily::name).containsExactly("h", "s");
    assertThat(exposition.family("h").orElseThrow().series()).hasSize(4);
  }

  @Test
  void readsOpenMetricsWithCountersUnitsExemplarsAndGaugesNamedLikeCounters() {
    String text =
        """
        # TYPE requests counter
        # HELP requests Requests with a \\"quoted\\" word
        requests_total 3 # {trace_id="abc"} 1 1700000000.5
        requests_created 1700000000.25
        # TYPE backup_duration_seconds gauge
        # UNIT backup_duration_seconds seconds
        backup_duration_seconds 65.2
        # TYPE storage_kubestash_com_repository_snapshot_count_total gauge
        storage_kubestash_com_repository_snapshot_count_total{repository="r"} 7
        # TYPE core_kubestash_com_backupsession_info gauge
        core_kubestash_com_backupsession_info{backupsession="b"} 1
        # EOF
        """;

    Exposition exposition = ExpositionParser.parseOpenMetrics(text);

    assertThat(exposition.family("requests").orElseThrow().series()).hasSize(2);
    assertThat(exposition.family("requests").orElseThrow().help())
        .isEqualTo("Requests with a \"quoted\" word");
    assertThat(exposition.family("backup_duration_seconds").orElseThrow().unit())
        .isEqualTo("seconds");
    assertThat(
            exposition
                .family("storage_kubestash_com_repository_snapshot_count_total")
                .orElseThrow()
                .series(Map.of("repository", "r")))
        .map(Series::value)
        .contains(7.0);
  }

  @Test
  void acceptsEmptyPrometheusTextAndOpenMetricsWithOnlyEof() {
    assertThat(ExpositionParser.parsePrometheus("").families()).isEmpty();
    assertThat(ExpositionParser.parseOpenMetrics("# EOF").families()).isEmpty();
    assertThat(ExpositionParser.parseOpenMetrics("# EOF\n").families()).isEmpty();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        // name, format, text, rule, line
        malformed(
            "metric name starting with a digit",
            "1abc 1\n",
            ExpositionViolation.BAD_METRIC_NAME,
            1),
        malformed("dash in a metric name", "a-b 1\n", ExpositionViolation.BAD_METRIC_NAME, 1),
        malformed("leading space", " a 1\n", ExpositionViolation.BAD_METRIC_NAME, 1),
        malformed("bad name in HELP", "# HELP 9x help\n", ExpositionViolation.BAD_METRIC_NAME, 1),
        malformed("bad name in TYPE", "# TYPE a.b gauge\n", ExpositionViolation.BAD_METRIC_NAME, 1),
        malformed(
            "label name starting with a digit",
            "a{1x=\"v\"} 1\n",
            ExpositionViolation.BAD_LABEL_NAME,
            1),
        malformed(
            "dash in a label name", "a{b-c=\"v\"} 1\n", ExpositionViolation.BAD_LABEL_NAME, 1),
        malformed(
            "colon in a label name", "a{b:c=\"v\"} 1\n", ExpositionViolation.BAD_LABEL_NAME, 1),
        malformed("empty label name", "a{=\"v\"} 1\n", ExpositionViolation.BAD_LABEL_NAME, 1),
        malformed("space before '='", "a{b =\"v\"} 1\n", ExpositionViolation.BAD_LABEL_NAME, 1),
        malformed(
            "unquoted label value", "a{b=v} 1\n", ExpositionViolation.UNQUOTED_LABEL_VALUE, 1),
        malformed(
            "single-quoted label value",
            "a{b='v'} 1\n",
            ExpositionViolation.UNQUOTED_LABEL_VALUE,
            1),
        malformed(
            "unterminated label value",
            "a{b=\"v} 1\n",
            ExpositionViolation.UNTERMINATED_LABEL_VALUE,
            1),
        malformed(
            "label value ending in a backslash",
            "a{b=\"v\\\n",
            ExpositionViolation.UNTERMINATED_LABEL_VALUE,
            1),
        malformed(
            "escaped tab in a label value",
            "a{b=\"x\\ty\"} 1\n",
            ExpositionViolation.BAD_ESCAPE,
            1),
        malformed(
            "escaped unicode in a label value",
            "a{b=\"\\u0041\"} 1\n",
            ExpositionViolation.BAD_ESCAPE,
            1),
        malformed("escaped tab in HELP", "# HELP a x\\ty\n", ExpositionViolation.BAD_ESCAPE, 1),
        malformed(
            "missing comma between labels",
            "a{b=\"1\" c=\"2\"} 1\n",
            ExpositionViolation.MALFORMED_LABEL_SET,
            1),
        malformed(
            "missing closing brace", "a{b=\"1\" 1\n", ExpositionViolation.MALFORMED_LABEL_SET, 1),
        malformed(
            "label set never closed", "a{b=\"1\",\n", ExpositionViolation.MALFORMED_LABEL_SET, 1),
        malformed(
            "no space after the label set",
            "a{b=\"1\"}1\n",
            ExpositionViolation.MALFORMED_LABEL_SET,
            1),
        malformed(
            "duplicate label name",
            "a{b=\"1\",b=\"2\"} 1\n",
            ExpositionViolation.DUPLICATE_LABEL_NAME,
            1),
        malformed("missing value", "a{b=\"1\"}\n", ExpositionViolation.BAD_VALUE, 1),
        malformed("empty value (two spaces)", "a  1\n", ExpositionViolation.BAD_VALUE, 1),
        malformed("word as value", "a one\n", ExpositionViolation.BAD_VALUE, 1),
        malformed("hex value", "a 0x1F\n", ExpositionViolation.BAD_VALUE, 1),
        malformed("Java-only float suffix", "a 1d\n", ExpositionViolation.BAD_VALUE, 1),
        malformed("comma decimal", "a 1,5\n", ExpositionViolation.BAD_VALUE, 1),
        malformed(
            "fractional millisecond timestamp", "a 1 1.5\n", ExpositionViolation.BAD_TIMESTAMP, 1),
        malformed("word as timestamp", "a 1 now\n", ExpositionViolation.BAD_TIMESTAMP, 1),
        malformed(
            "text after the timestamp",
            "a 1 1700000000000 extra\n",
            ExpositionViolation.TRAILING_GARBAGE,
            1),
        malformed(
            "text after the type",
            "# TYPE a gauge extra\n",
            ExpositionViolation.TRAILING_GARBAGE,
            1),
        malformed(
            "duplicate series",
            "a{b=\"1\"} 1\na{b=\"1\"} 2\n",
            ExpositionViolation.DUPLICATE_SERIES,
            2),
        malformed(
            "duplicate series, labels reordered",
            "a{b=\"1\",c=\"2\"} 1\na{c=\"2\",b=\"1\"} 2\n",
            ExpositionViolation.DUPLICATE_SERIES,
            2),
        malformed(
            "duplicate series without labels",
            "a 1\na{} 2\n",
            ExpositionViolation.DUPLICATE_SERIES,
            2),
        malformed(
            "HELP after samples",
            "# TYPE a gauge\na 1\n# HELP a late\n",
            ExpositionViolation.METADATA_AFTER_SAMPLES,
            3),
        malformed(
            "TYPE after samples",
            "a 1\n# TYPE a gauge\n",
            ExpositionViolation.METADATA_AFTER_SAMPLES,
            2),
        malformed(
            "HELP twice",
            "# HELP a one\n# HELP a two\n",
            ExpositionViolation.DUPLICATE_METADATA,
            2),
        malformed(
            "TYPE twice",
            "# TYPE a gauge\n# TYPE a counter\n",
            ExpositionViolation.DUPLICATE_METADATA,
            2),
        malformed("unknown type", "# TYPE a gauges\n", ExpositionViolation.UNKNOWN_TYPE, 1),
        malformed(
            "OpenMetrics type in 0.0.4",
            "# TYPE a stateset\n",
            ExpositionViolation.UNKNOWN_TYPE,
            1),
        malformed("TYPE without type", "# TYPE a\n", ExpositionViolation.UNKNOWN_TYPE, 1),
        malformed(
            "family split by another",
            "a 1\nb 1\na{x=\"1\"} 2\n",
            ExpositionViolation.NON_CONTIGUOUS_FAMILY,
            3),
        malformed(
            "metadata split by another family",
            "# HELP a x\n# HELP b y\n# TYPE a gauge\n",
            ExpositionViolation.NON_CONTIGUOUS_FAMILY,
            3),
        malformed(
            "histogram split by another family",
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nb 1\nh_sum 1\n",
            ExpositionViolation.NON_CONTIGUOUS_FAMILY,
            4),
        malformed(
            "sample name the histogram type forbids",
            "# TYPE h histogram\nh 1\n",
            ExpositionViolation.SAMPLE_NOT_ALLOWED_FOR_TYPE,
            2),
        malformed("no final line feed", "a 1", ExpositionViolation.MISSING_FINAL_NEWLINE, 1),
        malformed(
            "unescaped quote inside a label value",
            "a{b=\"say \"hi\"\"} 1\n",
            ExpositionViolation.MALFORMED_LABEL_SET,
            1),
        // OpenMetrics only
        malformedOpenMetrics("missing EOF", "a 1\n", ExpositionViolation.MISSING_EOF, 1),
        malformedOpenMetrics(
            "EOF not last", "# EOF\na 1\n", ExpositionViolation.CONTENT_AFTER_EOF, 2),
        malformedOpenMetrics(
            "blank line after EOF", "a 1\n# EOF\n\n", ExpositionViolation.CONTENT_AFTER_EOF, 3),
        malformedOpenMetrics("blank line", "a 1\n\n# EOF\n", ExpositionViolation.BLANK_LINE, 2),
        malformedOpenMetrics(
            "free comment", "# hello\na 1\n# EOF\n", ExpositionViolation.UNKNOWN_COMMENT, 1),
        malformedOpenMetrics(
            "trailing comma in labels",
            "a{b=\"1\",} 1\n# EOF\n",
            ExpositionViolation.MALFORMED_LABEL_SET,
            1),
        malformedOpenMetrics(
            "unescaped quote in HELP",
            "# HELP a say \"hi\"\n# EOF\n",
            ExpositionViolation.BAD_ESCAPE,
            1),
        malformedOpenMetrics(
            "0.0.4 type untyped", "# TYPE a untyped\n# EOF\n", ExpositionViolation.UNKNOWN_TYPE, 1),
        malformedOpenMetrics(
            "unit not a suffix",
            "# TYPE a_seconds gauge\n# UNIT a_seconds bytes\n# EOF\n",
            ExpositionViolation.BAD_UNIT,
            2),
        malformedOpenMetrics(
            "counter sample without _total",
            "# TYPE c counter\nc 1\n# EOF\n",
            ExpositionViolation.SAMPLE_NOT_ALLOWED_FOR_TYPE,
            2),
        malformedOpenMetrics(
            "text after the exemplar",
            "# TYPE c counter\nc_total 1 # {a=\"b\"} 1 2 3\n# EOF\n",
            ExpositionViolation.TRAILING_GARBAGE,
            2),
        malformedOpenMetrics(
            "duplicate series", "a 1\na 2\n# EOF\n", ExpositionViolation.DUPLICATE_SERIES, 2));
  }

  private static Arguments malformed(
      String name, String text, ExpositionViolation violation, int line) {
    return Arguments.of(name, TEXT_0_0_4, text, violation, line);
  }

  private static Arguments malformedOpenMetrics(
      String name, String text, ExpositionViolation violation, int line) {
    return Arguments.of(name, OPENMETRICS_1_0_0, text, violation, line);
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("malformed")
  void rejectsMalformedLineWithItsRuleAndLineNumber(
      String name, ExpositionFormat format, String text, ExpositionViolation violation, int line) {
    assertThatThrownBy(() -> ExpositionParser.parse(text, format))
        .isInstanceOfSatisfying(
            ExpositionFormatException.class,
            e -> {
              assertThat(e.violation()).as(e.getMessage()).isEqualTo(violation);
              assertThat(e.lineNumber()).as(e.getMessage()).isEqualTo(line);
              assertThat(e.getMessage()).startsWith("line " + line + ": " + violation);
            });
  }

  @Test
  void everyRuleHasAMalformedExample() {
    List<Object> covered = malformed().map(a -> a.get()[3]).distinct().toList();
    assertThat(covered).containsExactlyInAnyOrder((Object[]) ExpositionViolation.values());
  }
}
