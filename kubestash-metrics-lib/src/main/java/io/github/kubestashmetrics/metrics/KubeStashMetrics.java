package io.github.kubestashmetrics.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.kubestashmetrics.metrics.language.MappingError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Entry points for operators that already hold KubeStash objects (e.g. from their own informers)
 * and want the exposition text or a client_java collector, without the exporter.
 *
 * <p>Every entry point takes typed model objects and {@link
 * io.fabric8.kubernetes.api.model.GenericKubernetesResource}s alike (read leniently, as {@link
 * MetricCatalogue#render(HasMetadata)} does), and gives the same series for an object in either
 * form; objects of other kinds are skipped.
 *
 * <p>These are the KubeStash catalogue only ({@link MetricCatalogue#standard()}: KubeStash's six
 * kinds, 36 families). The generic entry point, for any kind a MetricsConfiguration targets, is a
 * {@link io.github.kubestashmetrics.metrics.plan.ConfigurationPlan} and one {@link MetricsStore}
 * per target (or {@link ExpositionWriter} with the plan's catalogue).
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

  /**
   * {@link #toText} plus the mapping errors met on the way (a field of the wrong JSON type, an
   * unparseable size, duration or timestamp: each cost one family of one object).
   */
  public static ExpositionReport report(
      Collection<? extends HasMetadata> objects, ExpositionFormat format) {
    List<RenderedObject> rendered = render(objects);
    List<MappingError> errors = new ArrayList<>();
    int seriesCount = 0;
    for (RenderedObject object : rendered) {
      errors.addAll(object.errors());
      seriesCount += object.seriesCount();
    }
    return new ExpositionReport(
        ExpositionWriter.toText(MetricCatalogue.standard(), rendered, format), seriesCount, errors);
  }

  /**
   * A collector to register on a client_java {@code PrometheusRegistry}; {@link
   * KubeStashMetricsCollector#builder} adds error reporting.
   */
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
