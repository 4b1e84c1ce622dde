package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.metrics.internal.deflate.DeflatedChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Where a {@link MetricsStore}'s objects sit and how their series are kept: per kind, blocks of up
 * to {@code objectsPerBlock} objects in first-stored order; per block and family, one {@link
 * DeflatedChunk}. Also the policy of when and how blocks are recompressed.
 *
 * <p><b>Churn.</b> A change holds the object's new rendering and marks its block dirty (and bumps
 * the block's version); {@link #planWrite} plans one rebuild per dirty block (merging it into the
 * previous block when removals thinned both out), which the write runs outside the monitor and
 * {@link #install}s copy-on-write: the new block holds the snapshot's series, and what changed
 * after the snapshot stays pending on it (so churn never starves a block of installs). A block
 * rebuilt at two writes in a row is hot and compressed at the fastest level; once it has stayed
 * unchanged for a while it is recompressed at the default level, a few blocks per write.
 *
 * <p>Not thread-safe: every method runs under the store's monitor; only {@link BlockRebuild#run}
 * runs outside it, on snapshots.
 */
final class BlockLayout {

  /** Level for blocks that have stayed unchanged. */
  static final int COLD_LEVEL = 6; // zlib's default

  /** Level for blocks rebuilt at consecutive writes: they will likely change again. */
  static final int HOT_LEVEL = Deflater.BEST_SPEED;

  /** Writes a hot block must stay unchanged before it is recompressed at the cold level. */
  private static final int COOLING_WRITES = 3;

  /** Hot blocks recompressed at the cold level per write, at most. */
  private static final int SETTLED_PER_WRITE = 2;

  /** {@code rebuiltAt} of a block never compressed. */
  static final long NEVER = Long.MIN_VALUE / 2;

  private final int objectsPerBlock;
  private final int familyCount;

  /** Per catalogue family index: the group of the kind that family belongs to. */
  private final Group[] groupOfFamily;

  /** The groups in catalogue order. */
  private final List<Group> groups = new ArrayList<>();

  private final Map<String, Slot> slots = new HashMap<>();
  private final Map<String, Integer> objectsByKind = new HashMap<>();
  private long writes;

  /** Series of the stored objects' newest renderings. */
  private long seriesCount;

  BlockLayout(MetricCatalogue catalogue, int objectsPerBlock) {
    this.objectsPerBlock = objectsPerBlock;
    this.familyCount = catalogue.families().size();
    this.groupOfFamily = new Group[familyCount];
    for (int family = 0; family < familyCount; family++) {
      int first = catalogue.firstIndexOfKind(family);
      if (groupOfFamily[first] == null) {
        groupOfFamily[first] = new Group(first);
        groups.add(groupOfFamily[first]);
      }
      groupOfFamily[first].families++;
      groupOfFamily[family] = groupOfFamily[first];
    }
  }

  // ---- changes ------------------------------------------------------------------------------

  /**
   * Stores {@code rendered} under {@code key}. Returns the rebuild of a block this change just
   * filled with new objects, for the caller to run outside the monitor and install (so that a
   * start-up list is not held as renderings until the first write), or null.
   */
  BlockRebuild store(String key, RenderedObject rendered) {
    Group group = groupOf(rendered);
    Slot slot = slots.get(key);
    BlockRebuild filled = null;
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
          if (last != null && isNew(last)) {
            filled = new BlockRebuild(List.of(last), COLD_LEVEL, writes);
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
    seriesCount += rendered.seriesCount() - slot.series;
    slot.series = rendered.seriesCount();
    if (slot.block != null) {
      slot.pending = rendered;
      slot.block.changed();
    }
    return filled;
  }

  /** Forgets the object under {@code key}; true if there was one. */
  boolean forget(String key) {
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
    seriesCount -= slot.series;
    slot.removed = true;
    slot.pending = null;
    if (slot.block != null) {
      slot.block.changed();
    }
    return true;
  }

  /** Forgets every object; rebuilds under way will not be installed. */
  void clear() {
    seriesCount = 0;
    slots.clear();
    objectsByKind.clear();
    for (Group group : groups) {
      for (Block block : group.blocks) {
        block.retired = true;
      }
      group.blocks.clear();
    }
  }

  /** The group of the rendering's kind; null when it has no series (it is only counted). */
  private Group groupOf(RenderedObject rendered) {
    int first = rendered.firstFamilyIndex();
    if (rendered.seriesCount() == 0 || first < 0 || first >= familyCount) {
      return null;
    }
    return groupOfFamily[first];
  }

  /** A block filled with objects never compressed (a list at start-up, a burst of creations). */
  private static boolean isNew(Block block) {
    if (!block.dirty || block.rebuiltAt != NEVER) {
      return false;
    }
    for (Slot slot : block.slots) {
      if (slot.baseLengths != null) {
        return false; // not new: it waits for the next write like any changed block
      }
    }
    return true;
  }

  // ---- reading ------------------------------------------------------------------------------

  int objectCount() {
    return slots.size();
  }

  int objectCount(String kind) {
    return objectsByKind.getOrDefault(kind, 0);
  }

  long seriesCount() {
    return seriesCount;
  }

  /** The keys in exposition order, each once; objects without series last. */
  List<String> keys() {
    List<String> keys = new ArrayList<>(slots.size());
    for (Group group : groups) {
      for (Block block : group.blocks) {
        for (Slot slot : block.slots) {
          if (!slot.removed) {
            keys.add(slot.key);
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

  /** See {@link MetricsStore#retainedBytes()}. */
  long retainedBytes() {
    long bytes = 0;
    for (Group group : groups) {
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

  /** Compressed bytes of the installed chunks. */
  long compressedBytes() {
    long bytes = 0;
    for (Group group : groups) {
      for (Block block : group.blocks) {
        for (DeflatedChunk chunk : block.chunks) {
          bytes += chunk.deflated().length;
        }
      }
    }
    return bytes;
  }

  // ---- writes -------------------------------------------------------------------------------

  /**
   * Plans a write as of this instant: per group, its blocks in order, each kept as it is or covered
   * by a rebuild (dirty blocks, and a few hot blocks that have cooled down).
   */
  WritePlan planWrite() {
    writes++;
    int blocks = 0;
    int dirty = 0;
    for (Group group : groups) {
      for (Block block : group.blocks) {
        blocks++;
        dirty += block.dirty && block.rebuiltAt != NEVER ? 1 : 0; // new blocks are not churn
      }
    }
    // Churn spread over most blocks will likely touch them again: compress fast, as if all hot.
    boolean broadChurn = dirty * 4L > blocks;
    int settled = 0;
    List<List<Piece>> pieces = new ArrayList<>(groups.size());
    List<BlockRebuild> rebuilds = new ArrayList<>();
    for (Group group : groups) {
      List<Piece> ordered = new ArrayList<>(group.blocks.size());
      for (Block block : group.blocks) {
        boolean settle =
            !block.dirty
                && block.level == HOT_LEVEL
                && writes - block.rebuiltAt >= COOLING_WRITES
                && settled < SETTLED_PER_WRITE;
        if (!block.dirty && !settle) {
          ordered.add(new Piece(List.of(block), block.live(), null));
          continue;
        }
        if (settle) {
          settled++;
          ordered.add(new Piece(List.of(block), block.live(), COLD_LEVEL));
          continue;
        }
        int level =
            broadChurn || writes - block.rebuiltAt <= 1 && block.rebuiltAt != NEVER
                ? HOT_LEVEL
                : COLD_LEVEL;
        Piece previous = ordered.isEmpty() ? null : ordered.get(ordered.size() - 1);
        int live = block.live();
        if (previous != null && previous.live + live <= objectsPerBlock) {
          // Thinned out by removals: merge into the previous block, keeping the order.
          List<Block> sources = new ArrayList<>(previous.sources);
          sources.add(block);
          ordered.set(ordered.size() - 1, new Piece(sources, previous.live + live, level));
        } else {
          ordered.add(new Piece(List.of(block), live, level));
        }
      }
      List<Piece> planned = new ArrayList<>(ordered.size());
      for (Piece piece : ordered) {
        if (piece.level == null) {
          planned.add(piece);
        } else {
          Piece rebuilt =
              new Piece(
                  piece.sources,
                  piece.live,
                  piece.level,
                  new BlockRebuild(piece.sources, piece.level, writes));
          rebuilds.add(rebuilt.rebuild);
          planned.add(rebuilt);
        }
      }
      pieces.add(planned);
    }
    return new WritePlan(pieces, rebuilds);
  }

  /**
   * Installs the rebuilds (run) whose sources are all still in their group: the rebuilt block
   * replaces them, holding the series as of the snapshot. A source that changed after its snapshot
   * (its version moved) passes its newer changes on: a slot re-rendered or removed since, or added
   * since, stays pending on the new block, which stays dirty for a later write. A rebuild whose
   * source was replaced meanwhile (by a concurrent write's rebuild) or cleared is dropped.
   */
  void install(List<BlockRebuild> rebuilds) {
    List<Group> touched = new ArrayList<>();
    for (BlockRebuild rebuild : rebuilds) {
      if (!installable(rebuild)) {
        continue;
      }
      Group group = rebuild.sources[0].group;
      Block fresh = new Block(group, rebuild.chunks());
      Slot[] live = rebuild.liveSlots();
      int[][] lengths = rebuild.liveLengths();
      RenderedObject[] pendingThen = rebuild.livePending();
      boolean changedSince = false;
      for (int i = 0; i < live.length; i++) {
        Slot slot = live[i];
        slot.block = fresh;
        slot.baseLengths = lengths[i];
        if (slot.pending == pendingThen[i] && !slot.removed) {
          slot.pending = null; // in the chunks now
        } else {
          changedSince = true; // re-rendered or removed after the snapshot
        }
        fresh.slots.add(slot);
      }
      for (int s = 0; s < rebuild.sources.length; s++) {
        Block source = rebuild.sources[s];
        // Slots stored in the (last) source after the snapshot: not in the chunks yet.
        for (int i = rebuild.snapshotSlots(s); i < source.slots.size(); i++) {
          Slot slot = source.slots.get(i);
          slot.block = fresh;
          fresh.slots.add(slot);
          changedSince = true;
        }
        changedSince |= source.version != rebuild.versions[s];
        source.retired = true;
        source.replacement = fresh.slots.isEmpty() ? null : fresh;
      }
      fresh.dirty = changedSince;
      fresh.level = rebuild.level;
      fresh.rebuiltAt = rebuild.rebuiltAt;
      if (!touched.contains(group)) {
        touched.add(group);
      }
    }
    for (Group group : touched) {
      List<Block> blocks = new ArrayList<>(group.blocks.size());
      for (Block block : group.blocks) {
        if (!block.retired) {
          blocks.add(block);
        } else if (block.replacement != null
            && (blocks.isEmpty() || blocks.get(blocks.size() - 1) != block.replacement)) {
          blocks.add(block.replacement);
        }
      }
      group.blocks.clear();
      group.blocks.addAll(blocks);
    }
  }

  private static boolean installable(BlockRebuild rebuild) {
    for (Block source : rebuild.sources) {
      if (source.retired) {
        return false;
      }
    }
    return true;
  }

  /**
   * A write's view of the layout: per group, pieces in order, whose rebuilds the write runs outside
   * the monitor before it reads {@link #chunksByFamily}.
   */
  final class WritePlan {
    private final List<List<Piece>> pieces;
    final List<BlockRebuild> rebuilds;

    private WritePlan(List<List<Piece>> pieces, List<BlockRebuild> rebuilds) {
      this.pieces = pieces;
      this.rebuilds = rebuilds;
    }

    /** Runs the rebuilds on the calling thread; call without holding the monitor. */
    void rebuild() {
      if (rebuilds.isEmpty()) {
        return;
      }
      BlockRebuild.Workspace workspace = new BlockRebuild.Workspace();
      try {
        for (BlockRebuild rebuild : rebuilds) {
          rebuild.run(workspace);
        }
      } finally {
        workspace.end();
      }
    }

    /**
     * Per catalogue family, its non-empty chunks in block order, or null for a family without
     * series; after {@link #rebuild}.
     */
    DeflatedChunk[][] chunksByFamily() {
      DeflatedChunk[][] view = new DeflatedChunk[familyCount][];
      for (int g = 0; g < groups.size(); g++) {
        Group group = groups.get(g);
        List<Piece> ordered = pieces.get(g);
        for (int k = 0; k < group.families; k++) {
          int count = 0;
          for (Piece piece : ordered) {
            count += piece.chunks()[k].rawLength() > 0 ? 1 : 0;
          }
          if (count == 0) {
            continue;
          }
          DeflatedChunk[] chunks = new DeflatedChunk[count];
          int i = 0;
          for (Piece piece : ordered) {
            if (piece.chunks()[k].rawLength() > 0) {
              chunks[i++] = piece.chunks()[k];
            }
          }
          view[group.firstFamily + k] = chunks;
        }
      }
      return view;
    }
  }

  /** Consecutive blocks of a write: kept (no level) or rebuilt into one at {@code level}. */
  private static final class Piece {
    final List<Block> sources;
    final int live;
    final Integer level;
    final BlockRebuild rebuild;
    private final DeflatedChunk[] kept;

    Piece(List<Block> sources, int live, Integer level) {
      this(sources, live, level, null);
    }

    Piece(List<Block> sources, int live, Integer level, BlockRebuild rebuild) {
      this.sources = sources;
      this.live = live;
      this.level = level;
      this.rebuild = rebuild;
      this.kept = level == null ? sources.get(0).chunks : null;
    }

    DeflatedChunk[] chunks() {
      return kept != null ? kept : rebuild.chunks();
    }
  }

  /** The blocks of one kind, whose families start at catalogue index {@code firstFamily}. */
  static final class Group {
    final int firstFamily;
    int families;
    final List<Block> blocks = new ArrayList<>();

    Group(int firstFamily) {
      this.firstFamily = firstFamily;
    }
  }

  /** Up to {@code objectsPerBlock} objects of one kind and, per family, their series compressed. */
  static final class Block {
    final Group group;
    final List<Slot> slots = new ArrayList<>();

    /** Per family of the group; immutable once the block exists (a rebuild makes a new block). */
    final DeflatedChunk[] chunks;

    /** Some slot has a pending rendering or was removed since the chunks were built. */
    boolean dirty;

    /** Bumped by every change to the block's slots: a rebuild's snapshot records it. */
    int version;

    /** Replaced by a rebuild, or cleared: no longer in its group. */
    boolean retired;

    /** The block a rebuild replaced this one with; null when none (all removed). */
    Block replacement;

    int level = COLD_LEVEL;
    long rebuiltAt = NEVER;

    Block(Group group) {
      this.group = group;
      this.chunks = new DeflatedChunk[group.families];
      Arrays.fill(chunks, DeflatedChunk.EMPTY);
    }

    Block(Group group, DeflatedChunk[] chunks) {
      this.group = group;
      this.chunks = chunks;
    }

    void changed() {
      dirty = true;
      version++;
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
  static final class Slot {
    final String key;
    String kind;

    /** The block it sits in; null for an object without series. */
    Block block;

    /** Its series' length per family of the group in its block's chunks; null when not in them. */
    int[] baseLengths;

    /** A newer rendering that is not in the chunks yet. */
    RenderedObject pending;

    /** Series of its newest rendering. */
    int series;

    boolean removed;

    Slot(String key, String kind) {
      this.key = key;
      this.kind = kind;
    }

    Group group() {
      return block == null ? null : block.group;
    }
  }
}
