package io.github.kubestashmetrics.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sample line of an exposition: its name, its labels in the order written, its value.
 *
 * @param name the sample name (for gauges the family name)
 * @param labels label names to unescaped values, iterating in the order the line wrote them
 * @param value the sample value
 */
public record Series(String name, Map<String, String> labels, double value) {

  public Series {
    Objects.requireNonNull(name, "name");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** True if this series has exactly these labels, in any order. */
  public boolean hasLabels(Map<String, String> expected) {
    return labels.equals(expected);
  }
}
