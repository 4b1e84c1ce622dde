package io.github.kubestashmetrics.metrics.language;

import io.github.kubestashmetrics.metrics.internal.calculator.CalculationMemo;
import java.util.Arrays;

/**
 * The series of one metric of one object, as {@link CompiledMetric#render} produces them: own label
 * values (a null leaves that label out) and a sample that is an exact integer or a finite decimal.
 * Reused from metric to metric: {@link #clear} keeps the arrays. Reused from object to object:
 * {@link #nextObject} forgets what the resource calculator functions computed for the previous
 * object, which the metrics of one object share (each calculation once per object and render).
 */
public final class MetricRows {

  private String[][] labels = new String[8][];
  private long[] integers = new long[8];
  private double[] decimals = new double[8];
  private boolean[] integral = new boolean[8];
  private int size;
  private CalculationMemo memo = new CalculationMemo();

  /**
   * Starts the metrics of another object, or of another version of one: the resource calculators'
   * results kept for the previous render are forgotten. Call it before the first metric of each
   * object's render; {@link #clear} between the metrics of one object keeps them.
   */
  public void nextObject() {
    memo = new CalculationMemo();
  }

  /** What the resource calculator functions computed during this object's render. */
  CalculationMemo memo() {
    return memo;
  }

  public int size() {
    return size;
  }

  public void clear() {
    Arrays.fill(labels, 0, size, null);
    size = 0;
  }

  /** Own label values of row {@code i}: the metric's labels, then the state label, if any. */
  public String[] labels(int i) {
    return labels[i];
  }

  /** True when row {@code i}'s sample is the exact integer {@link #integer}. */
  public boolean isInteger(int i) {
    return integral[i];
  }

  public long integer(int i) {
    return integers[i];
  }

  /** Row {@code i}'s sample as a double. */
  public double decimal(int i) {
    return integral[i] ? integers[i] : decimals[i];
  }

  void add(String[] rowLabels, long value) {
    grow();
    labels[size] = rowLabels;
    integers[size] = value;
    integral[size] = true;
    size++;
  }

  /** A finite decimal; an integral one (below 2^63) is stored as an integer, as the typed rules. */
  void add(String[] rowLabels, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 0x1p63) {
      add(rowLabels, (long) value);
      return;
    }
    grow();
    labels[size] = rowLabels;
    decimals[size] = value;
    integral[size] = false;
    size++;
  }

  /** True when a row from {@code from} on has exactly these label values. */
  boolean contains(int from, String[] rowLabels) {
    for (int i = from; i < size; i++) {
      if (Arrays.equals(labels[i], rowLabels)) {
        return true;
      }
    }
    return false;
  }

  /** Drops the rows from {@code from} on. */
  void truncate(int from) {
    Arrays.fill(labels, from, size, null);
    size = from;
  }

  private void grow() {
    if (size == labels.length) {
      int capacity = size * 2;
      labels = Arrays.copyOf(labels, capacity);
      integers = Arrays.copyOf(integers, capacity);
      decimals = Arrays.copyOf(decimals, capacity);
      integral = Arrays.copyOf(integral, capacity);
    }
  }
}
