package io.github.kubestashmetrics.exporter;

/**
 * What feeds {@code /metrics}: the informers of the built-in kinds ({@link KindInformers}), or of
 * the targets of MetricsConfigurations ({@link ConfiguredTargets}).
 */
interface Informers extends AutoCloseable {

  /** Starts watching without waiting for anything to sync. */
  void start();

  /** True when every informer has an open watch, so no change can slip between list and watch. */
  boolean allWatching();

  /** Objects whose series are served now, over every store. */
  int objectCount();

  @Override
  void close();
}
