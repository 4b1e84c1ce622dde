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
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Every watched object's series, rendered once when the object changes, so that a scrape only
 * concatenates bytes. Keyed by kind, then by object UID.
 *
 * <p>A scrape first takes the current rendered object of every UID, then writes them: each object's
 * series therefore come from one version of that object even while updates flow in.
 *
 * <p>That snapshot is taken as of one instant. Changes share a lock that the snapshot takes alone:
 * iterating the maps while they change could meet an object twice (a ConcurrentHashMap iterator
 * meets a key again when it is removed and put back behind it) or meet both the deleted and the
 * re-created object of one name, and either would serve duplicate series, which makes Prometheus
 * reject the whole scrape. The snapshot only copies references, so writers wait for microseconds
 * per thousand objects.
 */
@Singleton
public final class MetricStore implements ExpositionSource {

  private final MetricCatalogue catalogue;
  private final Map<KubeStashKinds.Kind<?>, ConcurrentHashMap<String, RenderedObject>> byKind;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** Held by every change; many changes run at once (the maps are concurrent). */
  private final Lock changing = lock.readLock();

  /** Held alone while a snapshot is copied, so that it sees no change half-way. */
  private final Lock snapshotting = lock.writeLock();

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
    changing.lock();
    try {
      byKind.get(kind).put(uid, rendered);
    } finally {
      changing.unlock();
    }
  }

  /**
   * Forgets the object with {@code replacedUid} and stores this one in the same instant: the same
   * name now belongs to another object, and no scrape may see both or neither.
   */
  public void replace(
      KubeStashKinds.Kind<?> kind, String replacedUid, String uid, RenderedObject rendered) {
    changing.lock();
    try {
      Map<String, RenderedObject> objects = byKind.get(kind);
      objects.remove(replacedUid);
      objects.put(uid, rendered);
    } finally {
      changing.unlock();
    }
  }

  /** Forgets the object with this UID: its series vanish from the next scrape. */
  public void remove(KubeStashKinds.Kind<?> kind, String uid) {
    changing.lock();
    try {
      byKind.get(kind).remove(uid);
    } finally {
      changing.unlock();
    }
  }

  /** Forgets every object of this kind (the kind's informer is being rebuilt). */
  public void clear(KubeStashKinds.Kind<?> kind) {
    changing.lock();
    try {
      byKind.get(kind).clear();
    } finally {
      changing.unlock();
    }
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

  /** The rendered objects stored at one instant, each once, kinds in catalogue order. */
  public List<RenderedObject> currentObjects() {
    List<RenderedObject> all = new ArrayList<>(objectCount() + 64);
    snapshotting.lock();
    try {
      for (KubeStashKinds.Kind<?> kind : KubeStashKinds.ALL) {
        all.addAll(byKind.get(kind).values());
      }
    } finally {
      snapshotting.unlock();
    }
    return all;
  }
}
