package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.testkit.Exposition;
import io.github.kubestashmetrics.testkit.ExpositionParser;
import io.github.kubestashmetrics.testkit.MetricFamily;
import io.github.kubestashmetrics.testkit.Series;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One rendered object written alone in both formats and read back with the testkit's strict parser,
 * which rejects any malformed line, forged comment and duplicate series. Creating one is already an
 * assertion: it throws {@code ExpositionFormatException} when either text is invalid.
 *
 * @param rendered the library's rendering of the object
 * @param prometheusText its exposition in text format 0.0.4
 * @param openMetricsText its exposition in OpenMetrics 1.0.0
 * @param prometheus {@code prometheusText} parsed strictly
 * @param openMetrics {@code openMetricsText} parsed strictly
 */
record SingleObjectExposition(
    RenderedObject rendered,
    String prometheusText,
    String openMetricsText,
    Exposition prometheus,
    Exposition openMetrics) {

  private static final MetricCatalogue CATALOGUE = MetricCatalogue.standard();

  static SingleObjectExposition of(RenderedObject rendered) {
    String prometheusText =
        ExpositionWriter.toText(CATALOGUE, List.of(rendered), ExpositionFormat.TEXT_0_0_4);
    String openMetricsText =
        ExpositionWriter.toText(CATALOGUE, List.of(rendered), ExpositionFormat.OPENMETRICS_1_0_0);
    return new SingleObjectExposition(
        rendered,
        prometheusText,
        openMetricsText,
        ExpositionParser.parsePrometheus(prometheusText),
        ExpositionParser.parseOpenMetrics(openMetricsText));
  }

  /** Every series, in the order written (the 0.0.4 text; both formats write the same lines). */
  List<Series> series() {
    return prometheus.series();
  }

  /** The series of one family, in the order written; none when the family is absent. */
  List<Series> series(String family) {
    return prometheus.family(family).map(MetricFamily::series).orElse(List.of());
  }

  /** Short description for failure messages: the object and its errors. */
  String describe() {
    return rendered
        + " errors="
        + rendered.errors().stream()
            .map(e -> e.family() + ":" + e.reason())
            .collect(Collectors.joining(", ", "[", "]"));
  }
}
