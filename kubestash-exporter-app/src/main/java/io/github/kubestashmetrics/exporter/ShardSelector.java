package io.github.kubestashmetrics.exporter;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which objects this replica exports when the work is split over {@code totalShards} replicas.
 *
 * <p>An object belongs to shard {@code jump(fnv1a64(uid), totalShards)}: the 64-bit FNV-1a hash of
 * its UID's UTF-8 bytes, placed into a bucket by Lamping and Veach's jump consistent hash. This is
 * the function kube-state-metrics shards by, so both assign an object to the same shard number, and
 * growing from n to n+1 shards moves only about 1/(n+1) of the objects. Every object is in exactly
 * one shard; Prometheus (or Thanos/Mimir in front of it) joins the shards' series.
 *
 * @param shard this replica's shard, 0 ≤ shard &lt; totalShards
 * @param totalShards how many replicas share the work; 1 means no sharding
 */
public record ShardSelector(int shard, int totalShards) {

  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final Pattern ORDINAL = Pattern.compile("-(\\d+)$");

  /** No sharding: this replica exports everything. */
  public static final ShardSelector ALL = new ShardSelector(0, 1);

  public ShardSelector {
    if (totalShards < 1) {
      throw new IllegalArgumentException("total shards must be at least 1, was " + totalShards);
    }
    if (shard < 0 || shard >= totalShards) {
      throw new IllegalArgumentException("shard must be in [0, " + totalShards + "), was " + shard);
    }
  }

  /**
   * The shard of a StatefulSet pod: its name's ordinal ({@code kubestash-exporter-2} is shard 2).
   */
  public static Optional<Integer> ordinalOf(String podName) {
    if (podName == null) {
      return Optional.empty();
    }
    Matcher matcher = ORDINAL.matcher(podName);
    return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
  }

  /** True if the object with this UID is this replica's to export. */
  public boolean keeps(String uid) {
    return totalShards == 1 || shardOf(uid, totalShards) == shard;
  }

  /** The shard, in [0, totalShards), that the object with this UID belongs to. */
  public static int shardOf(String uid, int totalShards) {
    return jumpConsistentHash(fnv1a64(uid.getBytes(StandardCharsets.UTF_8)), totalShards);
  }

  static long fnv1a64(byte[] bytes) {
    long hash = FNV_OFFSET_BASIS;
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }

  /** Lamping and Veach, "A Fast, Minimal Memory, Consistent Hash Algorithm" (2014). */
  static int jumpConsistentHash(long key, int buckets) {
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }
}
