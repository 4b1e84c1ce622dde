package io.github.kubestashmetrics.exporter;

import io.github.kubestashmetrics.metrics.ExpositionFormat;
import io.github.kubestashmetrics.metrics.ExpositionWriter;
import io.github.kubestashmetrics.metrics.MetricCatalogue;
import io.github.kubestashmetrics.metrics.RenderedObject;
import io.github.kubestashmetrics.model.KubeStashKinds;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Every watched object's series, rendered once when the object changes, so that a scrape only
 * concatenates bytes. Keyed by kind, then by object UID.
 *
 * <p>A scrape first takes the current rendered object of every UID, then writes them: each object's
 * series therefore come from one version of that object even while updates flow in.
 */
@Singleton
public final class MetricStore implements ExpositionSource {

  private final MetricCatalogue catalogue;
  private final Map<KubeStashKinds.Kind<?>, ConcurrentHashMap<String, RenderedObject>> byKind;

  @Inject
  public MetricStore(MetricCatalogue catalogue) {
    this.catalogue = catalogue;
    Map<KubeStashKinds.Kind<?>, ConcurrentHashMap<String, RenderedObject>> maps =
        new LinkedHashMap<>();
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      maps.put(kind, new ConcurrentHashMap<>());
    }
    this.byKind = Map.copyOf(maps);
  }

  /** Stores (or replaces) the series of the object with this UID. */
  public void put(KubeStashKinds.Kind<?> kind, String uid, RenderedObject rendered) {
    byKind.get(kind).put(uid, rendered);
  }

  /** Forgets the object with this UID: its series vanish from the next scrape. */
  public void remove(KubeStashKinds.Kind<?> kind, String uid) {
    byKind.get(kind).remove(uid);
  }

  /** Forgets every object of this kind (the kind's informer is being rebuilt). */
  public void clear(KubeStashKinds.Kind<?> kind) {
    byKind.get(kind).clear();
  }

  public int objectCount(KubeStashKinds.Kind<?> kind) {
    return byKind.get(kind).size();
  }

  public int objectCount() {
    return byKind.values().stream().mapToInt(Map::size).sum();
  }

  /** Approximate bytes held by the rendered objects. */
  public long retainedBytes() {
    long total = 0;
    for (Map<String, RenderedObject> objects : byKind.values()) {
      for (RenderedObject object : objects.values()) {
        total += object.retainedBytes();
      }
    }
    return total;
  }

  /** Writes one complete exposition of everything stored. */
  @Override
  public void write(ExpositionFormat format, OutputStream out) throws IOException {
    ExpositionWriter.write(catalogue, currentObjects(), format, out);
  }

  /** The current rendered objects, kinds in catalogue order. */
  public List<RenderedObject> currentObjects() {
    List<RenderedObject> all = new ArrayList<>(objectCount() + 64);
    for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
      all.addAll(byKind.get(kind).values());
    }
    return all;
  }
}
