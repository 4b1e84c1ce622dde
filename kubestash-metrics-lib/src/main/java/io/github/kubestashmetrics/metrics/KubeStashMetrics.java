package io.github.kubestashmetrics.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Entry points for operators that already hold KubeStash objects (e.g. from their own informers)
 * and want the exposition text or a client_java collector, without the exporter.
 */
public final class KubeStashMetrics {

  private KubeStashMetrics() {}

  /**
   * The exposition of these objects (model objects of the six kinds; others are skipped), as {@link
   * ExpositionWriter} writes it with the {@linkplain MetricCatalogue#standard() standard
   * catalogue}.
   */
  public static String toText(Collection<? extends HasMetadata> objects, ExpositionFormat format) {
    return ExpositionWriter.toText(MetricCatalogue.standard(), render(objects), format);
  }

  /** Writes {@link #toText} to {@code out} as UTF-8. */
  public static void write(
      Collection<? extends HasMetadata> objects, ExpositionFormat format, OutputStream out)
      throws IOException {
    ExpositionWriter.write(MetricCatalogue.standard(), render(objects), format, out);
  }

  /** A collector to register on a client_java {@code PrometheusRegistry}. */
  public static KubeStashMetricsCollector collector(
      Supplier<? extends Collection<? extends HasMetadata>> objects) {
    return new KubeStashMetricsCollector(objects);
  }

  private static List<RenderedObject> render(Collection<? extends HasMetadata> objects) {
    MetricCatalogue catalogue = MetricCatalogue.standard();
    List<RenderedObject> rendered = new ArrayList<>(objects.size());
    for (HasMetadata object : objects) {
      rendered.add(catalogue.render(object));
    }
    return rendered;
  }
}
