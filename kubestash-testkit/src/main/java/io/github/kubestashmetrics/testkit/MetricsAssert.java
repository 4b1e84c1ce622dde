package io.github.kubestashmetrics.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions on exposition text. Every assertion first parses the text strictly with {@link
 * ExpositionParser}, so an invalid exposition fails any of them with the line and the rule.
 *
 * <pre>{@code
 * MetricsAssert.assertThat(text)
 *     .isValid()
 *     .hasSeries("core_kubestash_com_backupsession_phase",
 *         Map.of("backupsession", "nightly-1", "namespace", "demo", "phase", "Succeeded"), 1)
 *     .familyCount("core_kubestash_com_backupsession_phase", 5);
 * }</pre>
 *
 * <p>Two ways to name a series. {@code hasSeries}/{@code hasNoSeries} match the <em>exact</em>
 * label set: every label the series carries must be given, no more, no fewer (the 7 labels of a
 * {@code backupconfiguration_info} series, say). {@code hasSeriesWith}/{@code hasNoSeriesWith}
 * match a <em>subset</em>: any series carrying at least the given labels, whatever others it has.
 *
 * <pre>{@code
 * .hasSeriesWith("core_kubestash_com_backupsession_phase",
 *     Map.of("backupsession", "nightly-1", "phase", "Succeeded"), 1)
 * }</pre>
 *
 * <p>Label sets are compared as sets (order ignored); {@link #series()} exposes the parsed series,
 * whose label maps keep the order written, for tests about order.
 */
public final class MetricsAssert extends AbstractAssert<MetricsAssert, String> {

  private final ExpositionFormat format;
  private Exposition parsed;

  private MetricsAssert(String text, ExpositionFormat format) {
    super(text, MetricsAssert.class);
    this.format = format;
  }

  /** Assertions on Prometheus 0.0.4 text. */
  public static MetricsAssert assertThat(String text) {
    return new MetricsAssert(text, ExpositionFormat.PROMETHEUS_TEXT_0_0_4);
  }

  /** Assertions on text in the given format. */
  public static MetricsAssert assertThat(String text, ExpositionFormat format) {
    return new MetricsAssert(text, format);
  }

  /** Assertions on OpenMetrics 1.0.0 text. */
  public static MetricsAssert assertThatOpenMetrics(String text) {
    return new MetricsAssert(text, ExpositionFormat.OPENMETRICS_TEXT_1_0_0);
  }

  /** The text parses without error. */
  public MetricsAssert isValid() {
    exposition();
    return this;
  }

  /** The text does not parse, for the given reason. */
  public MetricsAssert isRejectedFor(ExpositionViolation violation) {
    isNotNull();
    try {
      ExpositionParser.parse(actual, format);
    } catch (ExpositionFormatException e) {
      if (e.violation() != violation) {
        failWithMessage("Expected rejection for %s but was: %s", violation, e.getMessage());
      }
      return this;
    }
    failWithMessage("Expected rejection for %s but the text parsed:%n%s", violation, actual);
    return this;
  }

  /** The family exists (it has HELP, TYPE or at least one series). */
  public MetricsAssert hasFamily(String family) {
    family(family);
    return this;
  }

  /** No HELP, TYPE or series of this family. */
  public MetricsAssert hasNoFamily(String family) {
    if (exposition().family(family).isPresent()) {
      failWithMessage("Expected no family <%s> but found it in:%n%s", family, actual);
    }
    return this;
  }

  /** The family has this TYPE and HELP text. */
  public MetricsAssert hasFamily(String family, String type, String help) {
    MetricFamily found = family(family);
    if (!found.type().equals(type) || !help.equals(found.help())) {
      failWithMessage(
          "Expected family <%s> of type <%s> with HELP <%s> but was type <%s> with HELP <%s>",
          family, type, help, found.type(), found.help());
    }
    return this;
  }

  /**
   * A series of the family with exactly these labels (in any order, none left out) has this value;
   * see {@link #hasSeriesWith(String, Map, double)} to name only some labels.
   */
  public MetricsAssert hasSeries(String family, Map<String, String> labels, double value) {
    Series found = seriesOf(family, labels);
    if (Double.compare(found.value(), value) != 0) {
      failWithMessage(
          "Expected series %s%s to have value <%s> but was <%s>",
          family, labels, value, found.value());
    }
    return this;
  }

  /** A series of the family has exactly these labels (in any order), whatever its value. */
  public MetricsAssert hasSeries(String family, Map<String, String> labels) {
    seriesOf(family, labels);
    return this;
  }

  /**
   * At least one series of the family carries all of these labels (and possibly others) and has
   * this value. The failure lists the series that carry the labels, or the whole family when none
   * does.
   */
  public MetricsAssert hasSeriesWith(String family, Map<String, String> labels, double value) {
    List<Series> matching = seriesWith(family, labels);
    if (matching.stream().noneMatch(s -> Double.compare(s.value(), value) == 0)) {
      failWithMessage(
          "Expected a series %s%s (and any other labels) with value <%s> but those with the labels"
              + " are:%n%s",
          family, labels, value, describe(matching));
    }
    return this;
  }

  /** At least one series of the family carries all of these labels (and possibly others). */
  public MetricsAssert hasSeriesWith(String family, Map<String, String> labels) {
    seriesWith(family, labels);
    return this;
  }

  /** No series of the family carries all of these labels; a missing family has none. */
  public MetricsAssert hasNoSeriesWith(String family, Map<String, String> labels) {
    List<Series> matching =
        exposition().family(family).map(f -> carrying(f, labels)).orElse(List.of());
    if (!matching.isEmpty()) {
      failWithMessage(
          "Expected no series %s%s (and any other labels) but found:%n%s",
          family, labels, describe(matching));
    }
    return this;
  }

  /** No series of the family has exactly these labels. */
  public MetricsAssert hasNoSeries(String family, Map<String, String> labels) {
    Optional<Series> found = exposition().family(family).flatMap(f -> f.series(labels));
    if (found.isPresent()) {
      failWithMessage("Expected no series %s%s but found %s", family, labels, found.get());
    }
    return this;
  }

  /** The family has exactly {@code n} series; a missing family has 0. */
  public MetricsAssert familyCount(String family, int n) {
    int count = exposition().family(family).map(f -> f.series().size()).orElse(0);
    if (count != n) {
      failWithMessage("Expected family <%s> to have %s series but had %s", family, n, count);
    }
    return this;
  }

  /** The text has exactly these families, in this order. */
  public MetricsAssert hasFamilyNames(String... families) {
    List<String> names = exposition().families().stream().map(MetricFamily::name).toList();
    if (!names.equals(List.of(families))) {
      failWithMessage("Expected families %s but were %s", List.of(families), names);
    }
    return this;
  }

  /**
   * Both texts hold the same families (name, type, HELP) and the same series (name, label set,
   * value), whatever the order of lines; for comparing against an expected text.
   */
  public MetricsAssert hasSameSeriesAs(String expected) {
    Exposition other = ExpositionParser.parse(expected, format);
    Set<List<Object>> missing = seriesSet(other);
    Set<List<Object>> unexpected = seriesSet(exposition());
    Set<List<Object>> common = new HashSet<>(missing);
    common.retainAll(unexpected);
    missing.removeAll(common);
    unexpected.removeAll(common);
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      failWithMessage("Series differ.%nMissing: %s%nUnexpected: %s", missing, unexpected);
    }
    return this;
  }

  /** Assertions on every series of the text, in the order written. */
  public ListAssert<Series> series() {
    return Assertions.assertThat(new ArrayList<>(exposition().series()));
  }

  /** Assertions on the series of one family, in the order written. */
  public ListAssert<Series> series(String family) {
    return Assertions.assertThat(new ArrayList<>(family(family).series()));
  }

  /** The parsed text, for assertions this class does not offer. */
  public Exposition exposition() {
    isNotNull();
    if (parsed == null) {
      try {
        parsed = ExpositionParser.parse(actual, format);
      } catch (ExpositionFormatException e) {
        failWithMessage("Expected valid %s text but %s%n%s", format, e.getMessage(), actual);
      }
    }
    return parsed;
  }

  private MetricFamily family(String family) {
    Optional<MetricFamily> found = exposition().family(family);
    if (found.isEmpty()) {
      failWithMessage("Expected family <%s> in:%n%s", family, actual);
    }
    return found.orElseThrow();
  }

  private Series seriesOf(String family, Map<String, String> labels) {
    MetricFamily found = family(family);
    Optional<Series> series = found.series(labels);
    if (series.isEmpty()) {
      failWithMessage(
          "Expected series %s%s but the family has:%n%s", family, labels, describe(found));
    }
    return series.orElseThrow();
  }

  private List<Series> seriesWith(String family, Map<String, String> labels) {
    MetricFamily found = family(family);
    List<Series> matching = carrying(found, labels);
    if (matching.isEmpty()) {
      failWithMessage(
          "Expected a series %s%s (and any other labels) but the family has:%n%s",
          family, labels, describe(found));
    }
    return matching;
  }

  private static List<Series> carrying(MetricFamily family, Map<String, String> labels) {
    return family.series().stream()
        .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
        .toList();
  }

  private static String describe(MetricFamily family) {
    return describe(family.series());
  }

  private static String describe(List<Series> series) {
    StringBuilder out = new StringBuilder();
    for (Series s : series) {
      out.append("  ").append(s.labels()).append(' ').append(s.value()).append('\n');
    }
    return out.toString();
  }

  private static Set<List<Object>> seriesSet(Exposition exposition) {
    Set<List<Object>> set = new HashSet<>();
    for (MetricFamily family : exposition.families()) {
      set.add(List.of("family", family.name(), family.type(), String.valueOf(family.help())));
      for (Series s : family.series()) {
        set.add(List.of(s.name(), new HashMap<>(s.labels()), s.value()));
      }
    }
    return set;
  }
}
