package io.github.kubestashmetrics.testkit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An RFC 3339 timestamp text and the exact Unix time it means.
 *
 * @param text e.g. {@code 2025-04-22T05:45:00Z}, {@code 2023-12-18T09:13:35.25+05:30}
 * @param epochSeconds seconds since 1970-01-01T00:00:00Z, fraction kept exactly
 */
public record TimestampSample(String text, BigDecimal epochSeconds) {

  public TimestampSample {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(epochSeconds, "epochSeconds");
  }
}
