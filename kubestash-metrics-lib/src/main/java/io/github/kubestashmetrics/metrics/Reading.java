package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.metrics.language.MappingError;

/**
 * The outcome of reading one sample value from an object: absent (no series), an integer, a
 * decimal, or unparseable (no series for the family, plus a {@link MappingError} with this reason).
 */
final class Reading {

  private enum Outcome {
    ABSENT,
    INTEGER,
    DECIMAL,
    UNPARSEABLE
  }

  static final Reading ABSENT = new Reading(Outcome.ABSENT, 0, 0, null);
  static final Reading ZERO = new Reading(Outcome.INTEGER, 0, 0, null);
  static final Reading ONE = new Reading(Outcome.INTEGER, 1, 0, null);

  private final Outcome outcome;
  private final long integer;
  private final double decimal;
  private final String reason;

  private Reading(Outcome outcome, long integer, double decimal, String reason) {
    this.outcome = outcome;
    this.integer = integer;
    this.decimal = decimal;
    this.reason = reason;
  }

  static Reading of(long value) {
    return value == 0 ? ZERO : value == 1 ? ONE : new Reading(Outcome.INTEGER, value, 0, null);
  }

  static Reading of(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a finite sample value: " + value);
    }
    return new Reading(Outcome.DECIMAL, 0, value, null);
  }

  static Reading unparseable(String reason) {
    return new Reading(Outcome.UNPARSEABLE, 0, 0, reason);
  }

  boolean isAbsent() {
    return outcome == Outcome.ABSENT;
  }

  boolean isUnparseable() {
    return outcome == Outcome.UNPARSEABLE;
  }

  boolean isInteger() {
    return outcome == Outcome.INTEGER;
  }

  long integer() {
    return integer;
  }

  /** The value as a double (integers beyond 2^53 lose precision, as in any client_java gauge). */
  double asDouble() {
    return outcome == Outcome.INTEGER ? (double) integer : decimal;
  }

  /** The {@link MappingError} reason of an unparseable reading. */
  String reason() {
    return reason;
  }
}
