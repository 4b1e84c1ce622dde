package io.github.kubestashmetrics.exporter;

import dagger.BindsInstance;
import dagger.Component;
import javax.inject.Singleton;

/** Hands out a wired {@link Exporter} for one {@link ExporterConfig}. */
@Singleton
@Component(modules = {KubernetesModule.class, CatalogueModule.class, MetricsConfigModule.class})
public interface ExporterComponent {

  Exporter exporter();

  /** Builds the component from the configuration. */
  @Component.Factory
  interface Factory {
    ExporterComponent create(@BindsInstance ExporterConfig config);
  }

  static ExporterComponent of(ExporterConfig config) {
    return DaggerExporterComponent.factory().create(config);
  }
}
