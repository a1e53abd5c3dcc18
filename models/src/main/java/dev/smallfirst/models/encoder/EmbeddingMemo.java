package dev.smallfirst.models.encoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pooled embeddings by text, so that models in one process that read the same text (classify and
 * sentiment both embed each message) pay one encoder pass between them. A text is either already
 * remembered (a hit), being encoded by another caller right now (the caller waits for that pass),
 * or encoded by this caller, together with its other new texts, in one batch. The most recently
 * used {@code capacity} texts are kept. Thread-safe.
 *
 * <p>A caller first encodes the texts it owns and only then waits for the others' passes, so two
 * callers waiting on each other's texts cannot deadlock. Returned vectors are shared: read-only.
 */
public final class EmbeddingMemo {
  /** One text's pooled embedding and whether the text was cut to the encoder's length. */
  public record Pooled(float[] vector, boolean truncated) {}

  /** Encodes a batch of distinct texts in one pass, in order. */
  @FunctionalInterface
  public interface Encoder {
    List<Pooled> encode(List<String> texts);
  }

  private final Encoder encoder;
  private final int capacity;
  private final Map<String, Pooled> recent;
  private final ConcurrentHashMap<String, CompletableFuture<Pooled>> inFlight =
      new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder joined = new LongAdder();
  private final LongAdder encoded = new LongAdder();
  private final LongAdder skipped = new LongAdder();

  /**
   * @param capacity how many texts to remember; 0 remembers none (callers still share passes that
   *     overlap in time)
   */
  public EmbeddingMemo(Encoder encoder, int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    this.encoder = encoder;
    this.capacity = capacity;
    this.recent =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Pooled> eldest) {
            return size() > EmbeddingMemo.this.capacity;
          }
        };
  }

  /**
   * The pooled embedding of each text, in order.
   *
   * @throws RuntimeException what the encoder threw, for this caller's pass or the pass it waited
   *     on
   */
  public List<Pooled> pooled(List<String> texts) {
    Map<String, Pooled> known = new HashMap<>();
    Map<String, CompletableFuture<Pooled>> waitFor = new HashMap<>();
    Map<String, CompletableFuture<Pooled>> mine = new LinkedHashMap<>();
    for (String text : texts) {
      if (known.containsKey(text) || waitFor.containsKey(text) || mine.containsKey(text)) {
        continue;
      }
      Pooled hit = remembered(text);
      if (hit != null) {
        hits.increment();
        known.put(text, hit);
        continue;
      }
      CompletableFuture<Pooled> own = new CompletableFuture<>();
      CompletableFuture<Pooled> other = inFlight.putIfAbsent(text, own);
      if (other != null) {
        joined.increment();
        waitFor.put(text, other);
      } else {
        // Encoded between our look-up and our claim: take it and release the claim.
        Pooled late = remembered(text);
        if (late != null) {
          inFlight.remove(text, own);
          own.complete(late);
          hits.increment();
          known.put(text, late);
        } else {
          mine.put(text, own);
        }
      }
    }
    if (!mine.isEmpty()) {
      encodeOwn(mine);
      mine.forEach((text, f) -> known.put(text, f.join()));
    }
    waitFor.forEach((text, f) -> known.put(text, await(f)));
    List<Pooled> out = new ArrayList<>(texts.size());
    for (String text : texts) {
      out.add(known.get(text));
    }
    return out;
  }

  private void encodeOwn(Map<String, CompletableFuture<Pooled>> mine) {
    List<String> batch = new ArrayList<>(mine.keySet());
    List<Pooled> result;
    try {
      result = encoder.encode(batch);
      if (result.size() != batch.size()) {
        throw new IllegalStateException(
            "the encoder answered " + result.size() + " of " + batch.size() + " texts");
      }
    } catch (RuntimeException e) {
      mine.forEach(
          (text, f) -> {
            inFlight.remove(text, f);
            f.completeExceptionally(e);
          });
      throw e;
    }
    encoded.add(batch.size());
    synchronized (recent) {
      for (int i = 0; i < batch.size(); i++) {
        if (capacity > 0) {
          recent.put(batch.get(i), result.get(i));
        }
      }
    }
    for (int i = 0; i < batch.size(); i++) {
      CompletableFuture<Pooled> f = mine.get(batch.get(i));
      inFlight.remove(batch.get(i), f);
      f.complete(result.get(i));
    }
  }

  private Pooled remembered(String text) {
    synchronized (recent) {
      return recent.get(text);
    }
  }

  private static Pooled await(CompletableFuture<Pooled> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for another encoder pass", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Texts answered from memory. */
  public long hits() {
    return hits.sum();
  }

  /** Texts answered by waiting for another caller's pass. */
  public long joined() {
    return joined.sum();
  }

  /** Texts this memo sent to the encoder. */
  public long encoded() {
    return encoded.sum();
  }

  /**
   * Counts {@code n} texts a model answered without asking for their embedding (an exit before the
   * encoder), so that the counters together cover every text the process's models read.
   */
  public void countSkipped(int n) {
    skipped.add(n);
  }

  /** Texts a model answered without asking for their embedding ({@link #countSkipped}). */
  public long skipped() {
    return skipped.sum();
  }
}
