package io.github.kubestashmetrics.exporter;

import dagger.Module;
import dagger.Provides;
import io.github.kubestashmetrics.metrics.MetricCatalogue;

/** The metric catalogue: the contract's 36 families, built once. */
@Module
interface CatalogueModule {

  @Provides
  static MetricCatalogue catalogue() {
    return MetricCatalogue.standard();
  }
}
