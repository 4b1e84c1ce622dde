package io.github.kubestashmetrics.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Repeated timings of one measurement, in seconds: median and p99 by nearest rank (with fewer than
 * 100 samples the p99 is the slowest sample).
 */
record Samples(String name, double[] seconds) {

  Samples {
    if (seconds.length == 0) {
      throw new IllegalArgumentException(name + ": no samples");
    }
    seconds = seconds.clone();
    Arrays.sort(seconds);
  }

  static Samples of(String name, List<Double> seconds) {
    return new Samples(name, seconds.stream().mapToDouble(Double::doubleValue).toArray());
  }

  int count() {
    return seconds.length;
  }

  double median() {
    int n = seconds.length;
    return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
  }

  double p99() {
    return percentile(0.99);
  }

  double percentile(double fraction) {
    int rank = (int) Math.ceil(fraction * seconds.length);
    return seconds[Math.max(0, Math.min(seconds.length, rank) - 1)];
  }

  double min() {
    return seconds[0];
  }

  double max() {
    return seconds[seconds.length - 1];
  }
}
