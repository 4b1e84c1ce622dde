package io.github.kubestashmetrics.metrics.internal.calculator;

/** Why a calculator function gave no value. */
public enum CalculatorError {
  /**
   * No calculator is registered for the object's apiVersion and kind (or they are missing); the
   * message is upstream's {@code no calculator registered for <group>/<version>, Kind=<kind>}.
   */
  NO_CALCULATOR,
  /**
   * A field the calculator reads has the wrong JSON type or is not a quantity, the object is not a
   * JSON object, or a named container the kind requires is missing.
   */
  MALFORMED_OBJECT,
  /** The resource-type argument is not a string. */
  BAD_RESOURCE_TYPE,
  /**
   * An OpsRequest names a database object that is neither embedded in it nor found through the
   * {@link ReferencedObjects} lookup (always the case for {@link
   * ResourceCalculators#standalone()}).
   */
  REFERENCED_OBJECT_UNAVAILABLE
}
