package io.github.kubestashmetrics.exporter;

import dagger.Module;
import dagger.Provides;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.MetricsStore;
import javax.inject.Singleton;

/** The metric catalogue (the contract's 36 families, built once) and the store of its series. */
@Module
interface CatalogueModule {

  @Provides
  static MetricCatalogue catalogue() {
    return MetricCatalogue.standard();
  }

  @Provides
  @Singleton
  static MetricsStore store(MetricCatalogue catalogue) {
    return new MetricsStore(catalogue);
  }
}
