package io.github.kubestashmetrics.metrics;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.github.kubestashmetrics.metrics.language.MappingError;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricFamilyDescriptor;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The KubeStash catalogue ({@link MetricCatalogue#standard()}: KubeStash's six kinds; for other
 * kinds see {@link io.github.kubestashmetrics.metrics.plan.ConfigurationPlan} and {@link
 * MetricsStore}) as a client_java {@link MultiCollector}.
 *
 * <p>The 36 families as a client_java {@link MultiCollector}: on every scrape it maps the objects
 * the supplier gives and returns one {@link GaugeSnapshot} per family that has series, with exactly
 * our names and labels. Objects are mapped as {@link MetricCatalogue#render(HasMetadata)} maps
 * them: typed model objects directly, {@link GenericKubernetesResource}s (what an informer on raw
 * objects holds) read leniently; objects of other kinds are skipped.
 *
 * <p>Mapping errors (a field of the wrong JSON type, an unparseable size, duration or timestamp)
 * cost exactly the affected family of that object and reach the embedder two ways, both optional
 * (see {@link #builder}): a listener called once per error per scrape, and a gauge family {@value
 * #MAPPING_ERRORS_FAMILY}{@code {family,reason}} in this collector's own output. It is a gauge of
 * the latest scrape, not a counter, because this collector maps every object on every scrape: a
 * counter would count scrapes of the same bad object, not errors.
 *
 * <p>Names go to {@link MetricMetadata} as they are: client_java 1.10 keeps gauge names ending in
 * {@code _created}, {@code _info} or {@code _total}. A label set that repeats within a family (the
 * same object supplied twice) is kept once, since client_java rejects duplicates. client_java sorts
 * labels by name, so its text has the same series as {@link ExpositionWriter}'s in another label
 * order and number style.
 */
public final class KubeStashMetricsCollector implements MultiCollector {

  /** The optional self-metric: mapping errors of the latest scrape, by family and reason. */
  public static final String MAPPING_ERRORS_FAMILY = "kubestash_metrics_mapping_errors";

  private static final MetricMetadata MAPPING_ERRORS =
      new MetricMetadata(
          MAPPING_ERRORS_FAMILY,
          "KubeStash objects' families without series in the latest scrape because a value could"
              + " not be mapped, by family and reason");

  private final MetricCatalogue catalogue;
  private final Supplier<? extends Collection<? extends HasMetadata>> objects;
  private final Consumer<? super MappingError> onMappingError;
  private final boolean mappingErrorMetric;
  private final List<MetricMetadata> metadata;
  private final List<MetricFamilyDescriptor> descriptors;

  /** A collector without error reporting; see {@link #builder} for the options. */
  public KubeStashMetricsCollector(Supplier<? extends Collection<? extends HasMetadata>> objects) {
    this(builder(objects));
  }

  private KubeStashMetricsCollector(Builder builder) {
    this.catalogue = MetricCatalogue.standard();
    this.objects = builder.objects;
    this.onMappingError = builder.onMappingError;
    this.mappingErrorMetric = builder.mappingErrorMetric;
    List<MetricMetadata> all = new ArrayList<>();
    List<MetricFamilyDescriptor> allDescriptors = new ArrayList<>();
    for (FamilyDescriptor family : catalogue.families()) {
      MetricMetadata familyMetadata = new MetricMetadata(family.name(), family.help());
      all.add(familyMetadata);
      allDescriptors.add(
          MetricFamilyDescriptor.of(MetricType.GAUGE, familyMetadata, family.labelNames()));
    }
    if (mappingErrorMetric) {
      allDescriptors.add(
          MetricFamilyDescriptor.of(MetricType.GAUGE, MAPPING_ERRORS, List.of("family", "reason")));
    }
    this.metadata = List.copyOf(all);
    this.descriptors = List.copyOf(allDescriptors);
  }

  /** Options: a listener for mapping errors, the self-metric. */
  public static Builder builder(Supplier<? extends Collection<? extends HasMetadata>> objects) {
    return new Builder(objects);
  }

  @Override
  public MetricSnapshots collect() {
    int familyCount = metadata.size();
    List<List<GaugeDataPointSnapshot>> points = new ArrayList<>(familyCount);
    List<Set<Labels>> seen = new ArrayList<>(familyCount);
    for (int i = 0; i < familyCount; i++) {
      points.add(new ArrayList<>());
      seen.add(new HashSet<>());
    }
    Map<List<String>, Integer> errorCounts = new TreeMap<>(KubeStashMetricsCollector::compare);
    Collection<? extends HasMetadata> current = objects.get();
    if (current != null) {
      for (HasMetadata object : current) {
        catalogue.emit(
            object, (first, emitted) -> new DataPoints(first, emitted, points, seen, errorCounts));
      }
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < familyCount; i++) {
      if (!points.get(i).isEmpty()) {
        snapshots.add(new GaugeSnapshot(metadata.get(i), points.get(i)));
      }
    }
    if (mappingErrorMetric && !errorCounts.isEmpty()) {
      List<GaugeDataPointSnapshot> errorPoints = new ArrayList<>();
      errorCounts.forEach(
          (key, count) ->
              errorPoints.add(
                  new GaugeDataPointSnapshot(
                      count, Labels.of("family", key.get(0), "reason", key.get(1)), null)));
      snapshots.add(new GaugeSnapshot(MAPPING_ERRORS, errorPoints));
    }
    return new MetricSnapshots(snapshots);
  }

  /**
   * All 36 families (and {@value #MAPPING_ERRORS_FAMILY} when enabled), so a registry can detect a
   * name clash with another collector.
   */
  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return descriptors;
  }

  private static int compare(List<String> a, List<String> b) {
    int byFamily = a.get(0).compareTo(b.get(0));
    return byFamily != 0 ? byFamily : a.get(1).compareTo(b.get(1));
  }

  /** Options of a {@link KubeStashMetricsCollector}. */
  public static final class Builder {
    private final Supplier<? extends Collection<? extends HasMetadata>> objects;
    private Consumer<? super MappingError> onMappingError = error -> {};
    private boolean mappingErrorMetric;

    private Builder(Supplier<? extends Collection<? extends HasMetadata>> objects) {
      this.objects = Objects.requireNonNull(objects, "objects");
    }

    /**
     * Called during {@link #collect()}, on the scraping thread, once for every mapping error of
     * every object in that scrape (so the same bad object is reported on every scrape). It must be
     * quick; what it throws propagates out of the scrape.
     */
    public Builder onMappingError(Consumer<? super MappingError> listener) {
      this.onMappingError = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Whether {@link #collect()} also returns the gauge {@value #MAPPING_ERRORS_FAMILY}{@code
     * {family,reason}}: the number of objects whose family had no series in this scrape for that
     * reason (left out when there are none). Default false.
     */
    public Builder mappingErrorMetric(boolean enabled) {
      this.mappingErrorMetric = enabled;
      return this;
    }

    public KubeStashMetricsCollector build() {
      return new KubeStashMetricsCollector(this);
    }
  }

  /** Collects one object's series as data points of the families' gauges, and its errors. */
  private final class DataPoints implements SeriesSink {
    private final int firstIndex;
    private final HasMetadata object;
    private final List<List<GaugeDataPointSnapshot>> points;
    private final List<Set<Labels>> seen;
    private final Map<List<String>, Integer> errorCounts;

    DataPoints(
        int firstIndex,
        HasMetadata object,
        List<List<GaugeDataPointSnapshot>> points,
        List<Set<Labels>> seen,
        Map<List<String>, Integer> errorCounts) {
      this.firstIndex = firstIndex;
      this.object = object;
      this.points = points;
      this.seen = seen;
      this.errorCounts = errorCounts;
    }

    @Override
    public void series(FamilyTable.Family<?> family, String[] common, String[] own, Reading value) {
      List<String> labelNames = family.labelNames();
      List<String> presentNames = new ArrayList<>(labelNames.size());
      List<String> presentValues = new ArrayList<>(labelNames.size());
      for (int i = 0; i < common.length + own.length; i++) {
        String labelValue = i < common.length ? common[i] : own[i - common.length];
        if (labelValue != null) {
          presentNames.add(labelNames.get(i));
          presentValues.add(labelValue);
        }
      }
      Labels labels = Labels.of(presentNames, presentValues);
      int index = firstIndex + family.ordinal();
      if (seen.get(index).add(labels)) {
        points.get(index).add(new GaugeDataPointSnapshot(value.asDouble(), labels, null));
      }
    }

    @Override
    public void error(FamilyTable.Family<?> family, String reason) {
      errorCounts.merge(List.of(family.name(), reason), 1, Integer::sum);
      ObjectMeta meta = object.getMetadata();
      onMappingError.accept(
          new MappingError(
              family.name(),
              catalogue.families().get(firstIndex).kind(),
              meta == null ? "" : RenderedObject.orEmpty(meta.getNamespace()),
              meta == null ? "" : RenderedObject.orEmpty(meta.getName()),
              reason));
    }

    @Override
    public void endFamily(FamilyTable.Family<?> family) {}
  }
}
