package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.github.kubestashmetrics.metrics.internal.deflate.DeflatedChunk;
import io.github.kubestashmetrics.metrics.internal.deflate.ExpositionAssembly;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.Deflater;

/**
 * Objects' series, rendered once when an object changes and kept compressed, so that a scrape in
 * gzip only copies stored bytes and a scrape without compression only inflates them. The store for
 * an operator that watches objects and serves {@code /metrics}; thread-safe.
 *
 * <p><b>Consistency.</b> Every {@link #write} serves the store as of one instant: each stored
 * object once, each object's series from one version of it. Changes and the start of a write share
 * one monitor, held only to record a change or to take a snapshot: a write plans under it (which
 * blocks to rebuild, with their pending renderings and versions), rebuilds and streams without it,
 * and so never makes a change wait for compression. The store owns no threads; the work is done on
 * the writer's thread.
 *
 * <p><b>Layout.</b> Family-major: per kind, objects sit in blocks of up to {@code objectsPerBlock}
 * objects in the order they were first stored (so, in a cluster, in creation order, and the objects
 * that still change — the newest — share the newest blocks). Per block and family, the block's
 * series are one {@link DeflatedChunk}: raw deflate ending on a byte boundary, with its CRC-32 and
 * length. A gzip response is the gzip header, per family its pre-deflated HELP/TYPE chunk and its
 * blocks' chunks end to end, an empty final block, and a trailer whose CRC-32 is combined from the
 * chunks' CRCs: one standard gzip member, with no compression on the scrape path.
 *
 * <p><b>Churn.</b> A change is held as the object's new rendering and marks its block dirty; the
 * next write rebuilds each dirty block once (its chunks inflated, the changes spliced in,
 * recompressed) copy-on-write, outside the monitor, however many changes it took, and installs the
 * new block if nothing changed it meanwhile (else the block stays dirty for the next write, which
 * is still served the rebuilt bytes as of its own instant). A block rebuilt at two writes in a row
 * is hot and is compressed at the fastest level; once it has stayed unchanged for a while it is
 * recompressed at the default level, a few blocks per write. Rebuilding inflates and compresses no
 * more than compressing the whole text on the fly would, even when every block changes. The layout
 * and that policy are {@code BlockLayout}'s; this class is the API and the monitor.
 *
 * <p><b>Order.</b> Within a family, objects come in the order their keys were first stored (a key
 * that is removed and stored again counts as new); families in catalogue order; a family with no
 * series is left out. The text is byte for byte what {@link ExpositionWriter#write} writes for the
 * stored objects in that order.
 *
 * <p><b>Keys.</b> Objects are identified by a key, by default {@link #keyOf(RenderedObject) the
 * UID}. A key keeps its place when its object is stored again.
 */
public final class MetricsStore {

  /** Objects per block unless told otherwise: chunks of tens of KiB, which deflate well. */
  public static final int DEFAULT_OBJECTS_PER_BLOCK = 256;

  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  /** {@link #EOF}, pre-deflated; immutable. */
  private static final DeflatedChunk EOF_CHUNK = deflateEof();

  private final MetricCatalogue catalogue;
  private final int familyCount;

  /** Pre-deflated HELP/TYPE per format and family. */
  private final DeflatedChunk[][] headers;

  /** Guards {@link #layout}; held only to record a change, plan a write or install a rebuild. */
  private final Object lock = new Object();

  private final BlockLayout layout;

  /** A store with {@value #DEFAULT_OBJECTS_PER_BLOCK} objects per block. */
  public MetricsStore(MetricCatalogue catalogue) {
    this(catalogue, DEFAULT_OBJECTS_PER_BLOCK);
  }

  /**
   * A store whose blocks hold up to {@code objectsPerBlock} objects: more compress a little better
   * and cost more to rebuild when one of them changes.
   */
  public MetricsStore(MetricCatalogue catalogue, int objectsPerBlock) {
    this.catalogue = Objects.requireNonNull(catalogue);
    if (objectsPerBlock < 1) {
      throw new IllegalArgumentException("objectsPerBlock must be positive: " + objectsPerBlock);
    }
    this.familyCount = catalogue.families().size();
    this.layout = new BlockLayout(catalogue, objectsPerBlock);
    ExpositionFormat[] formats = ExpositionFormat.values();
    this.headers = new DeflatedChunk[formats.length][familyCount];
    Deflater deflater = new Deflater(BlockLayout.COLD_LEVEL, true);
    try {
      for (ExpositionFormat format : formats) {
        for (int family = 0; family < familyCount; family++) {
          byte[] header = catalogue.headerBytes(family, format);
          headers[format.ordinal()][family] =
              DeflatedChunk.deflate(deflater, header, 0, header.length);
        }
      }
    } finally {
      deflater.end();
    }
  }

  private static DeflatedChunk deflateEof() {
    Deflater deflater = new Deflater(BlockLayout.COLD_LEVEL, true);
    try {
      return DeflatedChunk.deflate(deflater, EOF, 0, EOF.length);
    } finally {
      deflater.end();
    }
  }

  /** The catalogue whose objects this store holds. */
  public MetricCatalogue catalogue() {
    return catalogue;
  }

  // ---- changes ------------------------------------------------------------------------------

  /**
   * Renders a typed object (or a {@link io.fabric8.kubernetes.api.model.GenericKubernetesResource},
   * read leniently) and stores it under {@link #keyOf(RenderedObject) its key}, replacing what that
   * key held. Returns the rendering, whose {@link RenderedObject#errors()} an embedder may count.
   */
  public RenderedObject put(HasMetadata object) {
    RenderedObject rendered = catalogue.render(object);
    put(keyOf(rendered), rendered);
    return rendered;
  }

  /** Renders a manifest tree leniently and stores it; see {@link #put(HasMetadata)}. */
  public RenderedObject put(JsonNode manifest) {
    RenderedObject rendered = catalogue.render(manifest);
    put(keyOf(rendered), rendered);
    return rendered;
  }

  /**
   * Stores an object rendered by this store's catalogue under {@code key}, replacing what the key
   * held; the key keeps its place in the exposition. When this object opens a new block, the block
   * it filled is compressed on the calling thread, outside the monitor.
   */
  public void put(String key, RenderedObject rendered) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rendered, "rendered");
    BlockRebuild filled;
    synchronized (lock) {
      filled = layout.store(key, rendered);
    }
    compressFilled(filled);
  }

  /**
   * Forgets the object under {@code replacedKey} and stores this one under {@code key} in the same
   * instant: e.g. the same name now belongs to another object (a new UID), and no write may see
   * both or neither.
   */
  public void replace(String replacedKey, String key, RenderedObject rendered) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rendered, "rendered");
    BlockRebuild filled;
    synchronized (lock) {
      if (!key.equals(replacedKey)) {
        layout.forget(replacedKey);
      }
      filled = layout.store(key, rendered);
    }
    compressFilled(filled);
  }

  /**
   * Compresses a block just filled with new objects (a list at start-up, a burst of creations) so
   * that the store does not hold a whole list's renderings until the first write: one block's
   * compression per {@code objectsPerBlock} new objects, paid by the change that opens the next
   * block, outside the monitor.
   */
  private void compressFilled(BlockRebuild filled) {
    if (filled == null) {
      return;
    }
    BlockRebuild.Workspace workspace = new BlockRebuild.Workspace();
    try {
      filled.run(workspace);
    } finally {
      workspace.end();
    }
    synchronized (lock) {
      layout.install(List.of(filled));
    }
  }

  /**
   * Stores {@code after}, the new version of an object whose previous version was {@code before}
   * (null for an object not seen before): one {@link #put(HasMetadata)} when both have the same
   * {@link #keyOf(HasMetadata) key}; when the key changed (the name now belongs to another object,
   * a new UID) the old key is forgotten in the same instant, as {@link #replace} does. Returns the
   * rendering of {@code after}. (Issue 19 adds this here first; the library-shape issue owns it.)
   */
  public RenderedObject update(HasMetadata before, HasMetadata after) {
    Objects.requireNonNull(after, "after");
    RenderedObject rendered = catalogue.render(after);
    String key = keyOf(rendered);
    if (before == null) {
      put(key, rendered);
    } else {
      replace(keyOf(before), key, rendered);
    }
    return rendered;
  }

  /** Forgets the object under this key; true if there was one. Its series leave the next write. */
  public boolean remove(String key) {
    synchronized (lock) {
      return layout.forget(key);
    }
  }

  /** Forgets this object, found by {@link #keyOf(HasMetadata) its key}. */
  public boolean remove(HasMetadata object) {
    return remove(keyOf(object));
  }

  /** Forgets every object. */
  public void clear() {
    synchronized (lock) {
      layout.clear();
    }
  }

  /**
   * The key {@link #put(HasMetadata)} stores an object under: its UID, or {@code
   * kind/namespace/name} when it has none (manifests, hand-built objects).
   */
  public static String keyOf(RenderedObject rendered) {
    return rendered.uid().isEmpty()
        ? rendered.kind() + "/" + rendered.namespace() + "/" + rendered.name()
        : rendered.uid();
  }

  /** The key of an object as {@link #keyOf(RenderedObject)} gives it for its rendering. */
  public static String keyOf(HasMetadata object) {
    ObjectMeta metadata = object.getMetadata();
    String uid = metadata == null ? null : metadata.getUid();
    if (uid != null && !uid.isEmpty()) {
      return uid;
    }
    return RenderedObject.orEmpty(object.getKind())
        + "/"
        + (metadata == null ? "" : RenderedObject.orEmpty(metadata.getNamespace()))
        + "/"
        + (metadata == null ? "" : RenderedObject.orEmpty(metadata.getName()));
  }

  // ---- reading ------------------------------------------------------------------------------

  /** Objects stored. */
  public int objectCount() {
    synchronized (lock) {
      return layout.objectCount();
    }
  }

  /** Objects stored of this kind ({@link RenderedObject#kind()}, e.g. {@code Repository}). */
  public int objectCount(String kind) {
    synchronized (lock) {
      return layout.objectCount(kind);
    }
  }

  /**
   * Series of the stored objects, as their newest renderings count them ({@link
   * RenderedObject#seriesCount()}): what the next write serves. (Issue 19 adds this here first; the
   * library-shape issue owns it.)
   */
  public long seriesCount() {
    synchronized (lock) {
      return layout.seriesCount();
    }
  }

  /**
   * The stored keys in exposition order (kinds in catalogue order, then blocks, then places), each
   * once; objects without series come last.
   */
  public List<String> keys() {
    synchronized (lock) {
      return layout.keys();
    }
  }

  /**
   * Approximate bytes the store keeps reachable: compressed chunks, renderings not yet compressed,
   * and per object its key, place and family lengths, with JVM object headers.
   */
  public long retainedBytes() {
    synchronized (lock) {
      return layout.retainedBytes();
    }
  }

  /** Compressed bytes of the stored series as of the last write (headers not counted). */
  public long compressedBytes() {
    synchronized (lock) {
      return layout.compressedBytes();
    }
  }

  /**
   * Writes one complete exposition of everything stored, as of one instant, in this format and
   * encoding; returns its uncompressed length. The instant is taken under the monitor; dirty blocks
   * are then rebuilt on this thread without it (once each, however many changes they took) and
   * installed if unchanged meanwhile, and the write streams immutable bytes: changes never wait for
   * it. A gzip write is one gzip member assembled from stored chunks; an identity write inflates
   * them. The stream is neither flushed nor closed.
   */
  public long write(OutputStream out, ExpositionFormat format, ContentEncoding encoding)
      throws IOException {
    return writeAll(List.of(this), out, format, encoding);
  }

  /**
   * Writes the stores as one exposition: the families of each store in list order (each store's as
   * {@link #write} lays them out), then, in OpenMetrics, one {@code # EOF}; a gzip write is one
   * gzip member assembled from the stores' stored chunks, as fast as a single store's. Returns the
   * uncompressed length. {@code writeAll(List.of(store), ...)} writes exactly the bytes of {@code
   * store.write(...)}.
   *
   * <p><b>Consistency.</b> Each store is served as of one instant of its own, as {@link #write}
   * serves it; the stores are read one after another, so a change to one store while another is
   * read may or may not be seen. There is no instant common to all stores.
   *
   * @throws IllegalArgumentException when two stores' catalogues share a family name (a store
   *     listed twice included), checked before anything is written: one exposition must not declare
   *     a family twice
   */
  public static long writeAll(
      List<MetricsStore> stores,
      OutputStream out,
      ExpositionFormat format,
      ContentEncoding encoding)
      throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(encoding, "encoding");
    List<MetricsStore> all = List.copyOf(stores);
    if (all.size() > 1) {
      Set<String> names = new HashSet<>();
      for (MetricsStore store : all) {
        for (FamilyDescriptor family : store.catalogue.families()) {
          if (!names.add(family.name())) {
            throw new IllegalArgumentException(
                "family " + family.name() + " is in more than one store's catalogue");
          }
        }
      }
    }
    ExpositionAssembly assembly = new ExpositionAssembly();
    for (MetricsStore store : all) {
      store.appendTo(assembly, store.currentChunks(), format);
    }
    if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
      assembly.setTrailer(EOF, EOF_CHUNK);
    }
    return encoding == ContentEncoding.GZIP ? assembly.writeGzip(out) : assembly.writeText(out);
  }

  /** Adds this store's families (HELP/TYPE and series) of a view to an assembly. */
  private void appendTo(
      ExpositionAssembly assembly, DeflatedChunk[][] view, ExpositionFormat format) {
    for (int family = 0; family < familyCount; family++) {
      if (view[family] != null) {
        assembly.addSection(
            catalogue.headerBytes(family, format), headers[format.ordinal()][family], view[family]);
      }
    }
  }

  /**
   * Per catalogue family, its non-empty chunks in block order, or null for a family without series:
   * the store as of one instant, in immutable chunks. Plans under the monitor, rebuilds dirty
   * blocks outside it, installs the rebuilds that are still current.
   */
  private DeflatedChunk[][] currentChunks() {
    BlockLayout.WritePlan plan;
    synchronized (lock) {
      plan = layout.planWrite();
    }
    plan.rebuild();
    if (!plan.rebuilds.isEmpty()) {
      synchronized (lock) {
        layout.install(plan.rebuilds);
      }
    }
    return plan.chunksByFamily();
  }
}
