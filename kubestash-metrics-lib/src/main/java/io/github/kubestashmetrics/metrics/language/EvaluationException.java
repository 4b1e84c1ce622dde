package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.metrics.MappingError;

/**
 * An expression could not be evaluated for one object: a type error (no coercion), a value function
 * given text it cannot parse, or a non-finite result. Carries the {@code MappingError} reason the
 * object's metric is dropped with. No stack trace: it is control flow for bad data, not a bug.
 */
public final class EvaluationException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String reason;

  private EvaluationException(String message, String reason) {
    super(message, null, false, false);
    this.reason = reason;
  }

  static EvaluationException of(String message) {
    return new EvaluationException(message, MappingError.UNEVALUABLE_EXPRESSION);
  }

  static EvaluationException of(String message, String reason) {
    return new EvaluationException(message, reason);
  }

  /** The {@code MappingError} reason (see {@link MappingError}). */
  public String reason() {
    return reason;
  }
}
