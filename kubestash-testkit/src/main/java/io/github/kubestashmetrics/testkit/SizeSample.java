package io.github.kubestashmetrics.testkit;

import java.util.Objects;

/**
 * A size text and the whole number of bytes it means (number times unit, rounded down).
 *
 * @param text e.g. {@code 12.222 MiB}, {@code 1.001kB}, {@code 512Ki}, {@code 100}
 * @param bytes the exact byte count, below 2^62
 */
public record SizeSample(String text, long bytes) {

  public SizeSample {
    Objects.requireNonNull(text, "text");
  }
}
