package io.github.kubestashmetrics.metrics.internal.calculator;

import java.util.Objects;

/**
 * The answer of one calculator function: a value of the type the function promises ({@link Long}
 * replicas, {@link String} mode, {@link Boolean} TLS, {@link Double} resource amounts), or a
 * failure with its reason. Never null inside.
 */
public sealed interface CalculatorResult {

  /**
   * A computed value.
   *
   * @param value the value, never null
   */
  record Value(Object value) implements CalculatorResult {
    /** Checks that the value is present. */
    public Value {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * No value, and why.
   *
   * @param error the reason class
   * @param message a human-readable explanation (upstream's error text where it has one)
   */
  record Failure(CalculatorError error, String message) implements CalculatorResult {
    /** Checks that both parts are present. */
    public Failure {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(message, "message");
    }
  }
}
