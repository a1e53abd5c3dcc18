package dev.smallfirst.models.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * Padded lengths a batch is split into: each input goes to the smallest bucket that holds it, and
 * the model's maximum length is always the last bucket. Immutable.
 */
public final class LengthBuckets {
  private final int[] bounds;

  /** {@code requested} ascending bucket lengths, cut at {@code maxLength}, which is added. */
  public LengthBuckets(List<Integer> requested, int maxLength) {
    List<Integer> kept = new ArrayList<>();
    for (int b : requested) {
      if (b < maxLength) {
        kept.add(b);
      }
    }
    kept.add(maxLength);
    bounds = kept.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The padded length for an input of {@code tokens} tokens (at most the maximum length). */
  public int bucketFor(int tokens) {
    for (int b : bounds) {
      if (tokens <= b) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        tokens + " tokens exceed the largest bucket " + bounds[bounds.length - 1]);
  }

  /** The bucket lengths, ascending. */
  public List<Integer> bounds() {
    return java.util.Arrays.stream(bounds).boxed().toList();
  }
}
