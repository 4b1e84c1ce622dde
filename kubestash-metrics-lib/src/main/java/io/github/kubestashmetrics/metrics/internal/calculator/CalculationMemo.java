package io.github.kubestashmetrics.metrics.internal.calculator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The resource sums of one object, kept while one render of that object calls the calculator
 * functions several times ({@code total_resource_requests(obj, cpu)}, {@code (obj, memory)}, ...):
 * each view (requests, limits) of the object is computed on its first call and reused by the
 * others, failures included, so every call returns exactly what it would return alone.
 *
 * <p>A single entry keyed by the identity of the object and by the {@link ResourceCalculators}'
 * lookup of referenced objects: a call for another object replaces it. Create one per render call
 * and drop it afterwards; it must not outlive the render (the object tree could change between
 * renders) and is not safe to share between threads.
 */
public final class CalculationMemo {

  private JsonNode object;
  private ResourceCalculators calculators;
  private Object dispatched; // the object's Calculator, or the Failure of finding one
  private final CalculatorResult[] byView = new CalculatorResult[View.values().length];

  /** An empty memo. */
  public CalculationMemo() {}

  /** The sums of a view of the object, computed at most once while the entry is this object's. */
  CalculatorResult totals(ResourceCalculators owner, JsonNode key, View view) {
    if (key != object || calculators == null || !owner.answersLike(calculators)) {
      object = key;
      calculators = owner;
      dispatched = owner.dispatch(key);
      java.util.Arrays.fill(byView, null);
    }
    CalculatorResult result = byView[view.ordinal()];
    if (result == null) {
      result = ResourceCalculators.totals(dispatched, key, view);
      byView[view.ordinal()] = result;
    }
    return result;
  }
}
