package io.github.kubestashmetrics.testkit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A Go duration text and the exact number of seconds it means.
 *
 * @param text what {@code time.ParseDuration} accepts, e.g. {@code 1h2m3.5s}, {@code -300ms}
 * @param seconds the exact value in seconds (negative for a leading {@code -})
 */
public record DurationSample(String text, BigDecimal seconds) {

  public DurationSample {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(seconds, "seconds");
  }
}
