package dev.smallfirst.worker.batching;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A FIFO of waiting items that releases batches: up to {@code maxBatch} items that need inference,
 * as soon as that many wait or the oldest has waited {@code maxDelay}, whichever comes first. Items
 * that need no inference (already answered, dead letters) never wait when they are at the head, and
 * otherwise travel with the batch they arrived in, so arrival order is kept. Time is passed in (a
 * nano clock), so it is deterministic to test. Not thread-safe: owned by the poll loop.
 *
 * <pre>{@code
 * MicroBatcher<Work> batcher = new MicroBatcher<>(32, Duration.ofMillis(5).toNanos(), Work::needsInference);
 * batcher.add(work, System.nanoTime());
 * batcher.poll(System.nanoTime()).ifPresent(pool::submit);
 * }</pre>
 *
 * @param <T> the item type
 */
public final class MicroBatcher<T> {
  private record Entry<T>(T item, long arrivedNanos, boolean counted) {}

  private final int maxBatch;
  private final long maxDelayNanos;
  private final Predicate<T> needsInference;
  private final ArrayDeque<Entry<T>> queue = new ArrayDeque<>();
  private int counted;

  /**
   * @param maxBatch most items needing inference per batch, at least 1
   * @param maxDelayNanos longest an item waits for company, 0 or more
   * @param needsInference whether an item takes a place in a batch
   */
  public MicroBatcher(int maxBatch, long maxDelayNanos, Predicate<T> needsInference) {
    if (maxBatch < 1 || maxDelayNanos < 0) {
      throw new IllegalArgumentException("maxBatch >= 1 and maxDelay >= 0 required");
    }
    this.maxBatch = maxBatch;
    this.maxDelayNanos = maxDelayNanos;
    this.needsInference = needsInference;
  }

  /** Queues {@code item}, which arrived at {@code nowNanos}. */
  public void add(T item, long nowNanos) {
    boolean c = needsInference.test(item);
    queue.addLast(new Entry<>(item, nowNanos, c));
    if (c) {
      counted++;
    }
  }

  /** The next batch if one is due at {@code nowNanos}, else empty. */
  public Optional<List<T>> poll(long nowNanos) {
    Entry<T> head = queue.peekFirst();
    if (head == null) {
      return Optional.empty();
    }
    List<T> batch = new ArrayList<>();
    if (!head.counted()) {
      while (!queue.isEmpty() && !queue.peekFirst().counted()) {
        batch.add(queue.pollFirst().item());
      }
      return Optional.of(batch);
    }
    if (counted < maxBatch && nowNanos - head.arrivedNanos() < maxDelayNanos) {
      return Optional.empty();
    }
    int taken = 0;
    while (!queue.isEmpty() && taken < maxBatch) {
      Entry<T> e = queue.pollFirst();
      batch.add(e.item());
      if (e.counted()) {
        taken++;
        counted--;
      }
    }
    return Optional.of(batch);
  }

  /** Nanoseconds until a batch is due: 0 when one is due now, {@link Long#MAX_VALUE} when empty. */
  public long nanosUntilDue(long nowNanos) {
    Entry<T> head = queue.peekFirst();
    if (head == null) {
      return Long.MAX_VALUE;
    }
    if (!head.counted() || counted >= maxBatch) {
      return 0;
    }
    return Math.max(0, head.arrivedNanos() + maxDelayNanos - nowNanos);
  }

  /** Number of waiting items. */
  public int size() {
    return queue.size();
  }

  /** Removes the items matching {@code filter}; returns how many. */
  public int removeIf(Predicate<T> filter) {
    int removed = 0;
    for (Iterator<Entry<T>> it = queue.iterator(); it.hasNext(); ) {
      Entry<T> e = it.next();
      if (filter.test(e.item())) {
        it.remove();
        removed++;
        if (e.counted()) {
          counted--;
        }
      }
    }
    return removed;
  }

  /** Drops every waiting item. */
  public void clear() {
    queue.clear();
    counted = 0;
  }
}
