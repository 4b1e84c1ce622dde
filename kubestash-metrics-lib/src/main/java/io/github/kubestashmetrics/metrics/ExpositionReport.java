package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.metrics.language.MappingError;
import java.util.List;
import java.util.Objects;

/**
 * The exposition of a collection of objects together with what could not be mapped, from {@link
 * KubeStashMetrics#report}.
 *
 * @param text the exposition, exactly what {@link KubeStashMetrics#toText} returns for the same
 *     objects
 * @param seriesCount the number of series lines in {@code text}
 * @param errors every mapping error of every object, in the order the objects came; each cost that
 *     object that family's series
 */
public record ExpositionReport(String text, int seriesCount, List<MappingError> errors) {

  public ExpositionReport {
    Objects.requireNonNull(text, "text");
    errors = List.copyOf(errors);
  }
}
