package io.github.kubestashmetrics.testkit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed exposition: its families in the order written.
 *
 * @param format the format it was parsed as
 * @param families the families, each with its series
 */
public record Exposition(ExpositionFormat format, List<MetricFamily> families) {

  public Exposition {
    Objects.requireNonNull(format, "format");
    families = List.copyOf(families);
  }

  /** The family with this name, if present. */
  public Optional<MetricFamily> family(String name) {
    return families.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Every series of every family, in the order written. */
  public List<Series> series() {
    return families.stream().flatMap(f -> f.series().stream()).toList();
  }
}
