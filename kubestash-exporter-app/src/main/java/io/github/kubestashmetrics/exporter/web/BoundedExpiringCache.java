package io.github.kubestashmetrics.exporter.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A small cache of answers: at most {@code capacity} entries (the least recently used goes first),
 * each forgotten {@code ttlMillis} after it was put. Keys are digests, never secrets. Thread-safe.
 *
 * @param <V> the cached answer
 */
final class BoundedExpiringCache<V> {

  private record Entry<V>(V value, long expiresAt) {}

  private final int capacity;
  private final LongSupplier millis;
  private final LinkedHashMap<String, Entry<V>> entries;

  BoundedExpiringCache(int capacity, LongSupplier millis) {
    this.capacity = capacity;
    this.millis = millis;
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry<V>> eldest) {
            return size() > BoundedExpiringCache.this.capacity;
          }
        };
  }

  synchronized Optional<V> get(String key) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (entry.expiresAt() <= millis.getAsLong()) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  synchronized void put(String key, V value, long ttlMillis) {
    entries.put(key, new Entry<>(value, millis.getAsLong() + ttlMillis));
  }

  synchronized int size() {
    return entries.size();
  }
}
