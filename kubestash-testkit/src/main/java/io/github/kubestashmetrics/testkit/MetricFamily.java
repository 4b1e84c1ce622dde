package io.github.kubestashmetrics.testkit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One family of an exposition: its metadata and its series in the order written.
 *
 * @param name the family name
 * @param help the unescaped HELP text, or null when the family has no HELP line
 * @param type the TYPE as written, or {@code untyped} (0.0.4) / {@code unknown} (OpenMetrics) when
 *     there is no TYPE line
 * @param unit the OpenMetrics UNIT, or null
 * @param series the family's samples
 */
public record MetricFamily(
    String name, String help, String type, String unit, List<Series> series) {

  public MetricFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    series = List.copyOf(series);
  }

  /** The series with exactly these labels (in any order), if there is one. */
  public Optional<Series> series(Map<String, String> labels) {
    return series.stream().filter(s -> s.hasLabels(labels)).findFirst();
  }
}
