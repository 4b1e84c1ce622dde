package io.github.kubestashmetrics.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.github.kubestashmetrics.metrics.internal.deflate.DeflatedChunk;
import io.github.kubestashmetrics.metrics.internal.deflate.GzipMember;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The benchmark baseline for {@code put_p99_under_scrape_ms}: {@link MetricsStore} as it was before
 * issue 19, which rebuilt dirty blocks (inflate, splice, deflate) inside its monitor at the start
 * of every write, so a put waited for a scrape's recompression. Kept here, in the benchmarks module
 * only, so that the harness measures the old path and the new one in the same run. Same layout,
 * policy and bytes; not part of the library.
 */
public final class MonitorRebuildStore {

  /** Objects per block unless told otherwise: chunks of tens of KiB, which deflate well. */
  public static final int DEFAULT_OBJECTS_PER_BLOCK = 256;

  /** Level for blocks that have stayed unchanged. */
  private static final int COLD_LEVEL = 6; // zlib's default

  /** Level for blocks rebuilt at consecutive writes: they will likely change again. */
  private static final int HOT_LEVEL = Deflater.BEST_SPEED;

  /** Writes a hot block must stay unchanged before it is recompressed at the cold level. */
  private static final int COOLING_WRITES = 3;

  /** Hot blocks recompressed at the cold level per write, at most. */
  private static final int SETTLED_PER_WRITE = 2;

  /** {@code rebuiltAt} of a block never compressed. */
  private static final long NEVER = Long.MIN_VALUE / 2;

  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);

  /** {@link #EOF}, pre-deflated; immutable. */
  private static final DeflatedChunk EOF_CHUNK = deflateEof();

  private static final int BUFFER_BYTES = 64 * 1024;

  private final MetricCatalogue catalogue;
  private final int objectsPerBlock;
  private final int familyCount;

  /** Per catalogue family index: the group of the kind whose families start there, else null. */
  private final Group[] groups;

  /** Pre-deflated HELP/TYPE per format and family. */
  private final DeflatedChunk[][] headers;

  /** Guards every field below and every group, block and slot. */
  private final Object lock = new Object();

  private final Map<String, Slot> slots = new HashMap<>();
  private final Map<String, Integer> objectsByKind = new HashMap<>();
  private long writes;

  /** A store with {@value #DEFAULT_OBJECTS_PER_BLOCK} objects per block. */
  public MonitorRebuildStore(MetricCatalogue catalogue) {
    this(catalogue, DEFAULT_OBJECTS_PER_BLOCK);
  }

  /**
   * A store whose blocks hold up to {@code objectsPerBlock} objects: more compress a little better
   * and cost more to rebuild when one of them changes.
   */
  public MonitorRebuildStore(MetricCatalogue catalogue, int objectsPerBlock) {
    this.catalogue = Objects.requireNonNull(catalogue);
    if (objectsPerBlock < 1) {
      throw new IllegalArgumentException("objectsPerBlock must be positive: " + objectsPerBlock);
    }
    this.objectsPerBlock = objectsPerBlock;
    this.familyCount = catalogue.families().size();
    this.groups = new Group[familyCount];
    for (int family = 0; family < familyCount; family++) {
      int first = catalogue.firstIndexOfKind(family);
      if (groups[first] == null) {
        groups[first] = new Group(first);
      }
      groups[first].families++;
    }
    ExpositionFormat[] formats = ExpositionFormat.values();
    this.headers = new DeflatedChunk[formats.length][familyCount];
    Deflater deflater = new Deflater(COLD_LEVEL, true);
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
    Deflater deflater = new Deflater(COLD_LEVEL, true);
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
   * held; the key keeps its place in the exposition.
   */
  public void put(String key, RenderedObject rendered) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rendered, "rendered");
    synchronized (lock) {
      store(key, rendered);
    }
  }

  /**
   * Forgets the object under {@code replacedKey} and stores this one under {@code key} in the same
   * instant: e.g. the same name now belongs to another object (a new UID), and no write may see
   * both or neither.
   */
  public void replace(String replacedKey, String key, RenderedObject rendered) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rendered, "rendered");
    synchronized (lock) {
      if (!key.equals(replacedKey)) {
        forget(replacedKey);
      }
      store(key, rendered);
    }
  }

  /** Forgets the object under this key; true if there was one. Its series leave the next write. */
  public boolean remove(String key) {
    synchronized (lock) {
      return forget(key);
    }
  }

  /** Forgets this object, found by {@link #keyOf(HasMetadata) its key}. */
  public boolean remove(HasMetadata object) {
    return remove(keyOf(object));
  }

  /** Forgets every object. */
  public void clear() {
    synchronized (lock) {
      slots.clear();
      objectsByKind.clear();
      for (Group group : groups) {
        if (group != null) {
          group.blocks.clear();
        }
      }
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
      return slots.size();
    }
  }

  /** Objects stored of this kind ({@link RenderedObject#kind()}, e.g. {@code Repository}). */
  public int objectCount(String kind) {
    synchronized (lock) {
      return objectsByKind.getOrDefault(kind, 0);
    }
  }

  /**
   * The stored keys in exposition order (kinds in catalogue order, then blocks, then places), each
   * once; objects without series come last.
   */
  public List<String> keys() {
    synchronized (lock) {
      List<String> keys = new ArrayList<>(slots.size());
      for (Group group : groups) {
        if (group != null) {
          for (Block block : group.blocks) {
            for (Slot slot : block.slots) {
              if (!slot.removed) {
                keys.add(slot.key);
              }
            }
          }
        }
      }
      for (Slot slot : slots.values()) {
        if (slot.block == null) {
          keys.add(slot.key);
        }
      }
      return keys;
    }
  }

  /**
   * Approximate bytes the store keeps reachable: compressed chunks, renderings not yet compressed,
   * and per object its key, place and family lengths, with JVM object headers.
   */
  public long retainedBytes() {
    synchronized (lock) {
      long bytes = 0;
      for (Group group : groups) {
        if (group == null) {
          continue;
        }
        for (Block block : group.blocks) {
          bytes += 64 + 16 + 8L * block.slots.size() + 16 + 8L * group.families;
          for (DeflatedChunk chunk : block.chunks) {
            bytes += chunk.rawLength() == 0 ? 0 : 32 + 16 + chunk.deflated().length;
          }
          if (block.dirty) {
            for (Slot slot : block.slots) {
              bytes += slot.pending == null ? 0 : slot.pending.retainedBytes();
            }
          }
        }
      }
      for (Slot slot : slots.values()) {
        // The slot, its key, its lengths and its hash map entry.
        bytes += 48 + 40 + 2L * slot.key.length() + 48;
        bytes += slot.baseLengths == null ? 0 : 16 + 4L * slot.baseLengths.length;
      }
      return bytes;
    }
  }

  /** Compressed bytes of the stored series as of the last write (headers not counted). */
  public long compressedBytes() {
    synchronized (lock) {
      long bytes = 0;
      for (Group group : groups) {
        if (group != null) {
          for (Block block : group.blocks) {
            for (DeflatedChunk chunk : block.chunks) {
              bytes += chunk.deflated().length;
            }
          }
        }
      }
      return bytes;
    }
  }

  /**
   * Writes one complete exposition of everything stored, as of one instant, in this format and
   * encoding; returns its uncompressed length. Dirty blocks are rebuilt first (once each, however
   * many changes they took); then the write streams immutable bytes without blocking changes. A
   * gzip write is one gzip member assembled from stored chunks; an identity write inflates them.
   * The stream is neither flushed nor closed.
   */
  public long write(OutputStream out, ExpositionFormat format, ContentEncoding encoding)
      throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(encoding, "encoding");
    return writeViews(
        List.<MonitorRebuildStore>of(this),
        List.<DeflatedChunk[][]>of(currentChunks()),
        out,
        format,
        encoding);
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
      List<MonitorRebuildStore> stores,
      OutputStream out,
      ExpositionFormat format,
      ContentEncoding encoding)
      throws IOException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(encoding, "encoding");
    List<MonitorRebuildStore> all = List.copyOf(stores);
    Set<String> names = new HashSet<>();
    for (MonitorRebuildStore store : all) {
      for (FamilyDescriptor family : store.catalogue.families()) {
        if (!names.add(family.name())) {
          throw new IllegalArgumentException(
              "family " + family.name() + " is in more than one store's catalogue");
        }
      }
    }
    List<DeflatedChunk[][]> views = new ArrayList<>(all.size());
    for (MonitorRebuildStore store : all) {
      views.add(store.currentChunks());
    }
    return writeViews(all, views, out, format, encoding);
  }

  private static long writeViews(
      List<MonitorRebuildStore> stores,
      List<DeflatedChunk[][]> views,
      OutputStream out,
      ExpositionFormat format,
      ContentEncoding encoding)
      throws IOException {
    if (encoding == ContentEncoding.GZIP) {
      GzipMember member = new GzipMember(out);
      for (int s = 0; s < stores.size(); s++) {
        stores.get(s).appendFamilies(views.get(s), format, member);
      }
      if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
        member.append(EOF_CHUNK);
      }
      member.finish();
      return member.rawLength();
    }
    long written = 0;
    Inflater inflater = new Inflater(true);
    byte[] buffer = new byte[BUFFER_BYTES];
    try {
      for (int s = 0; s < stores.size(); s++) {
        written += stores.get(s).writeFamilies(views.get(s), format, inflater, buffer, out);
      }
    } finally {
      inflater.end();
    }
    if (format == ExpositionFormat.OPENMETRICS_1_0_0) {
      out.write(EOF);
      written += EOF.length;
    }
    return written;
  }

  /** Appends this store's families (HELP/TYPE and series) of a view to a gzip member. */
  private void appendFamilies(DeflatedChunk[][] view, ExpositionFormat format, GzipMember member)
      throws IOException {
    for (int family = 0; family < familyCount; family++) {
      if (view[family] == null) {
        continue;
      }
      member.append(headers[format.ordinal()][family]);
      for (DeflatedChunk chunk : view[family]) {
        member.append(chunk);
      }
    }
  }

  /** Writes this store's families of a view as text; returns the bytes written. */
  private long writeFamilies(
      DeflatedChunk[][] view,
      ExpositionFormat format,
      Inflater inflater,
      byte[] buffer,
      OutputStream out)
      throws IOException {
    long written = 0;
    for (int family = 0; family < familyCount; family++) {
      if (view[family] == null) {
        continue;
      }
      byte[] header = catalogue.headerBytes(family, format);
      out.write(header);
      written += header.length;
      for (DeflatedChunk chunk : view[family]) {
        chunk.inflateTo(inflater, buffer, out);
        written += chunk.rawLength();
      }
    }
    return written;
  }

  /**
   * Rebuilds dirty blocks and returns, per catalogue family, its non-empty chunks in block order,
   * or null for a family without series: the store as of this instant, in immutable chunks.
   */
  private DeflatedChunk[][] currentChunks() {
    synchronized (lock) {
      writes++;
      rebuildDirtyBlocks();
      DeflatedChunk[][] view = new DeflatedChunk[familyCount][];
      for (int family = 0; family < familyCount; family++) {
        Group group = groups[catalogue.firstIndexOfKind(family)];
        int k = family - group.firstFamily;
        int count = 0;
        for (Block block : group.blocks) {
          if (block.chunks[k].rawLength() > 0) {
            count++;
          }
        }
        if (count == 0) {
          continue;
        }
        DeflatedChunk[] chunks = new DeflatedChunk[count];
        int i = 0;
        for (Block block : group.blocks) {
          if (block.chunks[k].rawLength() > 0) {
            chunks[i++] = block.chunks[k];
          }
        }
        view[family] = chunks;
      }
      return view;
    }
  }

  // ---- internals (all under the lock) -------------------------------------------------------

  private void store(String key, RenderedObject rendered) {
    Group group = groupOf(rendered);
    Slot slot = slots.get(key);
    if (slot != null && slot.group() != group) {
      forget(key); // another kind under the same key: it starts anew in its own kind
      slot = null;
    }
    if (slot == null) {
      slot = new Slot(key, rendered.kind());
      slots.put(key, slot);
      objectsByKind.merge(slot.kind, 1, Integer::sum);
      if (group != null) {
        Block last = group.blocks.isEmpty() ? null : group.blocks.get(group.blocks.size() - 1);
        if (last == null || last.slots.size() >= objectsPerBlock) {
          if (last != null) {
            compressIfNew(group);
          }
          last = new Block(group);
          group.blocks.add(last);
        }
        last.slots.add(slot);
        slot.block = last;
      }
    } else if (!slot.kind.equals(rendered.kind())) {
      objectsByKind.merge(slot.kind, -1, Integer::sum);
      slot.kind = rendered.kind();
      objectsByKind.merge(slot.kind, 1, Integer::sum);
    }
    if (slot.block != null) {
      slot.pending = rendered;
      slot.block.dirty = true;
    }
  }

  private boolean forget(String key) {
    if (key == null) {
      return false;
    }
    Slot slot = slots.remove(key);
    if (slot == null) {
      return false;
    }
    if (objectsByKind.merge(slot.kind, -1, Integer::sum) == 0) {
      objectsByKind.remove(slot.kind);
    }
    slot.removed = true;
    slot.pending = null;
    if (slot.block != null) {
      slot.block.dirty = true;
    }
    return true;
  }

  /** The group of the rendering's kind; null when it has no series (it is only counted). */
  private Group groupOf(RenderedObject rendered) {
    int first = rendered.firstFamilyIndex();
    if (rendered.seriesCount() == 0 || first < 0 || first >= familyCount) {
      return null;
    }
    return groups[first];
  }

  /**
   * Compresses the group's last block now if it was filled with objects never compressed (a list at
   * start-up, a burst of creations), so that the store does not hold a whole list's renderings
   * until the first write: the cost is one block's compression per {@code objectsPerBlock} new
   * objects, paid by the change that opens the next block.
   */
  private void compressIfNew(Group group) {
    int last = group.blocks.size() - 1;
    Block block = group.blocks.get(last);
    if (!block.dirty || block.rebuiltAt != NEVER) {
      return;
    }
    for (Slot slot : block.slots) {
      if (slot.baseLengths != null) {
        return; // not new: it waits for the next write like any changed block
      }
    }
    Rebuilder rebuilder = new Rebuilder();
    try {
      group.blocks.set(last, rebuilder.rebuild(group, List.of(block), COLD_LEVEL));
    } finally {
      rebuilder.end();
    }
  }

  private void rebuildDirtyBlocks() {
    Rebuilder rebuilder = null;
    int settled = 0;
    int blocks = 0;
    int dirty = 0;
    for (Group group : groups) {
      if (group != null) {
        for (Block block : group.blocks) {
          blocks++;
          dirty += block.dirty && block.rebuiltAt != NEVER ? 1 : 0; // new blocks are not churn
        }
      }
    }
    // Churn spread over most blocks will likely touch them again: compress fast, as if all hot.
    boolean broadChurn = dirty * 4L > blocks;
    try {
      for (Group group : groups) {
        if (group == null) {
          continue;
        }
        List<Block> rebuilt = new ArrayList<>(group.blocks.size());
        for (Block block : group.blocks) {
          boolean settle =
              !block.dirty
                  && block.level == HOT_LEVEL
                  && writes - block.rebuiltAt >= COOLING_WRITES
                  && settled < SETTLED_PER_WRITE;
          if (!block.dirty && !settle) {
            rebuilt.add(block);
            continue;
          }
          if (rebuilder == null) {
            rebuilder = new Rebuilder();
          }
          if (settle) {
            settled++;
            rebuilt.add(rebuilder.rebuild(group, List.of(block), COLD_LEVEL));
            continue;
          }
          Block previous = rebuilt.isEmpty() ? null : rebuilt.get(rebuilt.size() - 1);
          int level =
              broadChurn || writes - block.rebuiltAt <= 1 && block.rebuiltAt != NEVER
                  ? HOT_LEVEL
                  : COLD_LEVEL;
          if (previous != null && previous.live() + block.live() <= objectsPerBlock) {
            // Thinned out by removals: merge into the previous block, keeping the order.
            rebuilt.set(
                rebuilt.size() - 1, rebuilder.rebuild(group, List.of(previous, block), level));
          } else {
            Block fresh = rebuilder.rebuild(group, List.of(block), level);
            if (!fresh.slots.isEmpty()) {
              rebuilt.add(fresh);
            }
          }
        }
        group.blocks.clear();
        group.blocks.addAll(rebuilt);
      }
    } finally {
      if (rebuilder != null) {
        rebuilder.end();
      }
    }
  }

  /** Rebuilds blocks; holds the zlib streams and buffers of one write's rebuilding. */
  private final class Rebuilder {
    private final Deflater cold = new Deflater(COLD_LEVEL, true);
    private final Deflater hot = new Deflater(HOT_LEVEL, true);
    private final Inflater inflater = new Inflater(true);
    private final List<ArrayBytes> text = new ArrayList<>();
    private byte[][] base = new byte[0][];

    /**
     * One block holding the live objects of {@code sources}, in order, each from its newest
     * rendering, compressed at {@code level}; the sources' slots move to it.
     */
    Block rebuild(Group group, List<Block> sources, int level) {
      int families = group.families;
      while (text.size() < families) {
        text.add(new ArrayBytes());
      }
      if (base.length < families) {
        base = Arrays.copyOf(base, families);
      }
      for (int k = 0; k < families; k++) {
        text.get(k).reset();
      }
      Block target = new Block(group);
      int[] basePosition = new int[families];
      for (Block source : sources) {
        boolean keepsBase = false;
        for (Slot slot : source.slots) {
          keepsBase |= !slot.removed && slot.pending == null && slot.baseLengths != null;
        }
        if (keepsBase) {
          for (int k = 0; k < families; k++) {
            int length = source.chunks[k].rawLength();
            if (base[k] == null || base[k].length < length) {
              base[k] = new byte[Math.max(length, base[k] == null ? 0 : base[k].length * 2)];
            }
            source.chunks[k].inflateInto(inflater, base[k], 0);
          }
        }
        Arrays.fill(basePosition, 0);
        for (Slot slot : source.slots) {
          int[] lengths = slot.baseLengths;
          if (!slot.removed) {
            if (slot.pending != null) {
              int[] fresh = new int[families];
              for (int k = 0; k < families; k++) {
                ArrayBytes out = text.get(k);
                int before = out.size();
                try {
                  slot.pending.writeSeries(group.firstFamily + k, out);
                } catch (IOException e) {
                  throw new UncheckedIOException(e); // an ArrayBytes does not fail
                }
                fresh[k] = out.size() - before;
              }
              slot.baseLengths = fresh;
              slot.pending = null;
            } else {
              for (int k = 0; k < families; k++) {
                text.get(k).write(base[k], basePosition[k], lengths[k]);
              }
            }
            slot.block = target;
            target.slots.add(slot);
          }
          if (lengths != null) {
            for (int k = 0; k < families; k++) {
              basePosition[k] += lengths[k];
            }
          }
        }
      }
      Deflater deflater = level == HOT_LEVEL ? hot : cold;
      for (int k = 0; k < families; k++) {
        ArrayBytes out = text.get(k);
        target.chunks[k] = DeflatedChunk.deflate(deflater, out.array(), 0, out.size());
      }
      target.level = level;
      target.rebuiltAt = writes;
      return target;
    }

    void end() {
      cold.end();
      hot.end();
      inflater.end();
    }
  }

  /** The blocks of one kind, whose families start at catalogue index {@code firstFamily}. */
  private static final class Group {
    final int firstFamily;
    int families;
    final List<Block> blocks = new ArrayList<>();

    Group(int firstFamily) {
      this.firstFamily = firstFamily;
    }
  }

  /** Up to {@code objectsPerBlock} objects of one kind and, per family, their series compressed. */
  private static final class Block {
    final Group group;
    final List<Slot> slots = new ArrayList<>();

    /** Per family of the group; replaced whole when rebuilt, never modified. */
    final DeflatedChunk[] chunks;

    /** Some slot has a pending rendering or was removed since the chunks were built. */
    boolean dirty;

    int level = COLD_LEVEL;
    long rebuiltAt = NEVER;

    Block(Group group) {
      this.group = group;
      this.chunks = new DeflatedChunk[group.families];
      Arrays.fill(chunks, DeflatedChunk.EMPTY);
    }

    int live() {
      int live = 0;
      for (Slot slot : slots) {
        if (!slot.removed) {
          live++;
        }
      }
      return live;
    }
  }

  /** One stored object's place. */
  private static final class Slot {
    final String key;
    String kind;

    /** The block it sits in; null for an object without series. */
    Block block;

    /** Its series' length per family of the group in its block's chunks; null when not in them. */
    int[] baseLengths;

    /** A newer rendering that is not in the chunks yet. */
    RenderedObject pending;

    boolean removed;

    Slot(String key, String kind) {
      this.key = key;
      this.kind = kind;
    }

    Group group() {
      return block == null ? null : block.group;
    }
  }

  /** A growable byte array that is also the stream a rendering writes its series into. */
  private static final class ArrayBytes extends OutputStream {
    private byte[] bytes = new byte[4096];
    private int size;

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] source, int offset, int length) {
      ensure(length);
      System.arraycopy(source, offset, bytes, size, length);
      size += length;
    }

    void reset() {
      size = 0;
    }

    int size() {
      return size;
    }

    byte[] array() {
      return bytes;
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
      }
    }
  }
}
