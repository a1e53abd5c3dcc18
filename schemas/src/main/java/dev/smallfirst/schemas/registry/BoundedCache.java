package dev.smallfirst.schemas.registry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small thread-safe LRU map. Registry answers are few and immutable, so a synchronized map is
 * enough; no lock is held while a value is fetched.
 */
final class BoundedCache<K, V> {

  private final Map<K, V> entries;

  BoundedCache(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The cached value, or null. */
  synchronized V get(K key) {
    return entries.get(key);
  }

  /** Caches {@code value} unless a value is cached already; returns the one that is cached. */
  synchronized V putIfAbsent(K key, V value) {
    V existing = entries.putIfAbsent(key, value);
    return existing == null ? value : existing;
  }

  synchronized int size() {
    return entries.size();
  }
}
