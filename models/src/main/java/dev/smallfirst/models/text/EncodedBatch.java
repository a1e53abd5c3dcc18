package dev.smallfirst.models.text;

import java.util.List;

/**
 * Inputs of one forward pass: encodings no longer than {@code paddedLength}, which the translator
 * pads with {@code padId} into {@code [batch, paddedLength]} tensors. Immutable.
 *
 * @param items the encodings, in the order outcomes are returned
 * @param paddedLength the length every row is padded to
 * @param padId the padding token id
 */
public record EncodedBatch(List<Encoded> items, int paddedLength, long padId) {
  public EncodedBatch {
    items = List.copyOf(items);
    for (Encoded e : items) {
      if (e.length() > paddedLength) {
        throw new IllegalArgumentException(
            "an input of " + e.length() + " tokens does not fit padded length " + paddedLength);
      }
    }
  }

  /** Number of rows. */
  public int size() {
    return items.size();
  }

  /** Row-major {@code [size, paddedLength]} token ids, padded. */
  public long[] paddedIds() {
    long[] out = new long[size() * paddedLength];
    java.util.Arrays.fill(out, padId);
    for (int r = 0; r < size(); r++) {
      long[] ids = items.get(r).ids();
      System.arraycopy(ids, 0, out, r * paddedLength, ids.length);
    }
    return out;
  }

  /** Row-major {@code [size, paddedLength]} attention mask: 1 for tokens, 0 for padding. */
  public long[] attentionMask() {
    long[] out = new long[size() * paddedLength];
    for (int r = 0; r < size(); r++) {
      java.util.Arrays.fill(out, r * paddedLength, r * paddedLength + items.get(r).length(), 1L);
    }
    return out;
  }
}
