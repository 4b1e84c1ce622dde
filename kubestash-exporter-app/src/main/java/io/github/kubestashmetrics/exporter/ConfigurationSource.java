package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.language.SourcedConfiguration;
import io.github.kubestashmetrics.model.metrics.v1alpha1.MetricsConfiguration;
import java.util.List;

/**
 * Where MetricsConfigurations come from while the exporter runs: the cluster's objects ({@link
 * ClusterConfigurations}) or files ({@link FileConfigurations}). Each change is announced; the
 * listener then reads the whole current set.
 */
interface ConfigurationSource extends AutoCloseable {

  /** How readiness and logs name this source. */
  String name();

  /**
   * Starts reading; {@code changed} runs (on any thread, possibly often) whenever the set may have
   * changed, and once when it has first been read completely.
   */
  void start(Runnable changed);

  /** True once the whole set has been read: {@link #current()} is complete from then on. */
  boolean hasSynced();

  /** True while changes reach the exporter (a watch is open, or files are being polled). */
  boolean isWatching();

  /** The current configurations, in no particular order. */
  List<MetricsConfiguration> current();

  /**
   * The current configurations with their origins, whose version changes whenever a configuration
   * does: by default each object's own name and {@code metadata.resourceVersion} (a source of files
   * gives the file, document and content hash instead).
   */
  default List<SourcedConfiguration> sourced() {
    return current().stream().map(SourcedConfiguration::ofCluster).toList();
  }

  @Override
  void close();
}
