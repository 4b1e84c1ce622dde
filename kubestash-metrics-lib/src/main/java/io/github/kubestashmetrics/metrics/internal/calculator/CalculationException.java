package io.github.kubestashmetrics.metrics.internal.calculator;

/**
 * A calculation that cannot give a value. Thrown inside this package only and always turned into a
 * {@link CalculatorResult.Failure} by {@link ResourceCalculators}; it never reaches a caller.
 */
final class CalculationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final CalculatorError error;

  CalculationException(CalculatorError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  static CalculationException malformed(String message) {
    return new CalculationException(CalculatorError.MALFORMED_OBJECT, message);
  }

  CalculatorError error() {
    return error;
  }
}
