package io.github.kubestashmetrics.metrics;

import io.github.kubestashmetrics.metrics.BlockLayout.Block;
import io.github.kubestashmetrics.metrics.BlockLayout.Slot;
import io.github.kubestashmetrics.metrics.internal.deflate.DeflatedChunk;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One planned rebuild of consecutive blocks of one kind into one block: a snapshot of the sources
 * taken under the store's monitor (their chunks, and per slot its newer rendering, its lengths in
 * the chunks and whether it was removed), run outside the monitor on immutable data, and installed
 * under the monitor unless a source left its group meanwhile (replaced by another rebuild, or
 * cleared). Changes made after the snapshot stay pending on the installed block, which stays dirty;
 * the {@linkplain #versions versions} tell whether there were any.
 *
 * <p>Whether installed or not, the result is the sources' series as of the snapshot: a write that
 * planned it serves it, so a write sees the store as of the instant it planned.
 */
final class BlockRebuild {

  final int firstFamily;
  final int families;
  final int level;
  final long rebuiltAt;

  /** The blocks rebuilt, in order, and their versions at the snapshot. */
  final Block[] sources;

  final int[] versions;

  /** Per source: its chunks, and per slot the slot, its pending rendering, lengths and removal. */
  private final DeflatedChunk[][] sourceChunks;

  private final Slot[][] slots;
  private final RenderedObject[][] pending;
  private final int[][][] lengths;
  private final boolean[][] removed;

  /** Live objects in the sources at the snapshot. */
  final int live;

  // Results, set by run().
  private DeflatedChunk[] chunks;
  private Slot[] liveSlots;
  private int[][] liveLengths;
  private RenderedObject[] livePending;

  /** Snapshots {@code sources}; call under the store's monitor. */
  BlockRebuild(List<Block> sources, int level, long rebuiltAt) {
    Block first = sources.get(0);
    this.firstFamily = first.group.firstFamily;
    this.families = first.group.families;
    this.level = level;
    this.rebuiltAt = rebuiltAt;
    int n = sources.size();
    this.sources = sources.toArray(new Block[0]);
    this.versions = new int[n];
    this.sourceChunks = new DeflatedChunk[n][];
    this.slots = new Slot[n][];
    this.pending = new RenderedObject[n][];
    this.lengths = new int[n][][];
    this.removed = new boolean[n][];
    int alive = 0;
    for (int s = 0; s < n; s++) {
      Block block = this.sources[s];
      versions[s] = block.version;
      sourceChunks[s] = block.chunks;
      int size = block.slots.size();
      slots[s] = block.slots.toArray(new Slot[0]);
      pending[s] = new RenderedObject[size];
      lengths[s] = new int[size][];
      removed[s] = new boolean[size];
      for (int i = 0; i < size; i++) {
        Slot slot = slots[s][i];
        pending[s][i] = slot.pending;
        lengths[s][i] = slot.baseLengths;
        removed[s][i] = slot.removed;
        alive += slot.removed ? 0 : 1;
      }
    }
    this.live = alive;
  }

  /** Per family of the kind, the rebuilt block's chunk; after {@link #run}. */
  DeflatedChunk[] chunks() {
    return chunks;
  }

  /** The live slots of the snapshot, in order; after {@link #run}. */
  Slot[] liveSlots() {
    return liveSlots;
  }

  /** Per live slot, its series' length per family in {@link #chunks()}; after {@link #run}. */
  int[][] liveLengths() {
    return liveLengths;
  }

  /**
   * Per live slot, the pending rendering the snapshot took (null when none); after {@link #run}.
   */
  RenderedObject[] livePending() {
    return livePending;
  }

  /** How many slots source {@code s} held at the snapshot. */
  int snapshotSlots(int s) {
    return slots[s].length;
  }

  /**
   * Builds the block: per family, the live objects' series in order, each from its pending
   * rendering or else spliced from its source's inflated chunk, compressed at {@link #level}. Reads
   * only the snapshot; call without holding the store's monitor.
   */
  void run(Workspace workspace) {
    List<ArrayBytes> text = workspace.text(families);
    byte[][] base = workspace.base(families);
    List<Slot> outSlots = new ArrayList<>(live);
    List<int[]> outLengths = new ArrayList<>(live);
    List<RenderedObject> outPending = new ArrayList<>(live);
    int[] basePosition = new int[families];
    for (int s = 0; s < sources.length; s++) {
      boolean keepsBase = false;
      for (int i = 0; i < slots[s].length; i++) {
        keepsBase |= !removed[s][i] && pending[s][i] == null && lengths[s][i] != null;
      }
      if (keepsBase) {
        for (int k = 0; k < families; k++) {
          int length = sourceChunks[s][k].rawLength();
          if (base[k] == null || base[k].length < length) {
            base[k] = new byte[Math.max(length, base[k] == null ? 0 : base[k].length * 2)];
          }
          sourceChunks[s][k].inflateInto(workspace.inflater, base[k], 0);
        }
      }
      Arrays.fill(basePosition, 0);
      for (int i = 0; i < slots[s].length; i++) {
        int[] before = lengths[s][i];
        if (!removed[s][i]) {
          int[] after;
          if (pending[s][i] != null) {
            after = new int[families];
            for (int k = 0; k < families; k++) {
              ArrayBytes out = text.get(k);
              int start = out.size();
              try {
                pending[s][i].writeSeries(firstFamily + k, out);
              } catch (IOException e) {
                throw new UncheckedIOException(e); // an ArrayBytes does not fail
              }
              after[k] = out.size() - start;
            }
          } else {
            after = before;
            for (int k = 0; k < families; k++) {
              text.get(k).write(base[k], basePosition[k], before[k]);
            }
          }
          outSlots.add(slots[s][i]);
          outLengths.add(after);
          outPending.add(pending[s][i]);
        }
        if (before != null) {
          for (int k = 0; k < families; k++) {
            basePosition[k] += before[k];
          }
        }
      }
    }
    Deflater deflater = level == BlockLayout.HOT_LEVEL ? workspace.hot : workspace.cold;
    DeflatedChunk[] built = new DeflatedChunk[families];
    for (int k = 0; k < families; k++) {
      ArrayBytes out = text.get(k);
      built[k] = DeflatedChunk.deflate(deflater, out.array(), 0, out.size());
    }
    this.chunks = built;
    this.liveSlots = outSlots.toArray(new Slot[0]);
    this.liveLengths = outLengths.toArray(new int[0][]);
    this.livePending = outPending.toArray(new RenderedObject[0]);
  }

  /** The zlib streams and buffers of one thread's rebuilding; {@link #end} frees them. */
  static final class Workspace {
    private final Deflater cold = new Deflater(BlockLayout.COLD_LEVEL, true);
    private final Deflater hot = new Deflater(BlockLayout.HOT_LEVEL, true);
    private final Inflater inflater = new Inflater(true);
    private final List<ArrayBytes> text = new ArrayList<>();
    private byte[][] base = new byte[0][];

    List<ArrayBytes> text(int families) {
      while (text.size() < families) {
        text.add(new ArrayBytes());
      }
      for (int k = 0; k < families; k++) {
        text.get(k).reset();
      }
      return text;
    }

    byte[][] base(int families) {
      if (base.length < families) {
        base = Arrays.copyOf(base, families);
      }
      return base;
    }

    void end() {
      cold.end();
      hot.end();
      inflater.end();
    }
  }

  /** A growable byte array that is also the stream a rendering writes its series into. */
  static final class ArrayBytes extends OutputStream {
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
