package io.github.kubestashmetrics.metrics;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The 36 families as a client_java {@link MultiCollector}: on every scrape it reads the objects the
 * supplier gives (model objects of the six kinds; others are skipped) and returns one {@link
 * GaugeSnapshot} per family that has series, with exactly our names and labels.
 *
 * <p>Names go to {@link MetricMetadata} as they are: client_java 1.10 keeps gauge names ending in
 * {@code _created}, {@code _info} or {@code _total}. A label set that repeats within a family (the
 * same object supplied twice) is kept once, since client_java rejects duplicates. client_java sorts
 * labels by name, so its text has the same series as {@link ExpositionWriter}'s in another label
 * order and number style.
 */
public final class KubeStashMetricsCollector implements MultiCollector {

  private final MetricCatalogue catalogue;
  private final Supplier<? extends Collection<? extends HasMetadata>> objects;
  private final List<MetricMetadata> metadata;
  private final List<MetricFamilyDescriptor> descriptors;

  public KubeStashMetricsCollector(Supplier<? extends Collection<? extends HasMetadata>> objects) {
    this(MetricCatalogue.standard(), objects);
  }

  KubeStashMetricsCollector(
      MetricCatalogue catalogue, Supplier<? extends Collection<? extends HasMetadata>> objects) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    this.objects = Objects.requireNonNull(objects, "objects");
    List<MetricMetadata> all = new ArrayList<>();
    List<MetricFamilyDescriptor> allDescriptors = new ArrayList<>();
    for (FamilyDescriptor family : catalogue.families()) {
      MetricMetadata familyMetadata = new MetricMetadata(family.name(), family.help());
      all.add(familyMetadata);
      allDescriptors.add(
          MetricFamilyDescriptor.of(MetricType.GAUGE, familyMetadata, family.labelNames()));
    }
    this.metadata = List.copyOf(all);
    this.descriptors = List.copyOf(allDescriptors);
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
    Collection<? extends HasMetadata> current = objects.get();
    if (current != null) {
      for (HasMetadata object : current) {
        catalogue.emit(object, (first, ignored) -> new DataPoints(first, points, seen));
      }
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < familyCount; i++) {
      if (!points.get(i).isEmpty()) {
        snapshots.add(new GaugeSnapshot(metadata.get(i), points.get(i)));
      }
    }
    return new MetricSnapshots(snapshots);
  }

  /** All 36 families, so a registry can detect a name clash with another collector. */
  @Override
  public List<MetricFamilyDescriptor> getMetricFamilyDescriptors() {
    return descriptors;
  }

  /** Collects one object's series as data points of the families' gauges. */
  private static final class DataPoints implements SeriesSink {
    private final int firstIndex;
    private final List<List<GaugeDataPointSnapshot>> points;
    private final List<Set<Labels>> seen;

    DataPoints(int firstIndex, List<List<GaugeDataPointSnapshot>> points, List<Set<Labels>> seen) {
      this.firstIndex = firstIndex;
      this.points = points;
      this.seen = seen;
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
      // Typed objects have no wrong-type fields; an unparseable value just gives no series, and
      // a scrape has nowhere to report it. The exporter counts errors from RenderedObject.
    }

    @Override
    public void endFamily(FamilyTable.Family<?> family) {}
  }
}
