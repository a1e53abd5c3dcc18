package dev.smallfirst.models.text;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tokenized text: token ids (special tokens included) and, per token, its character span in the
 * text ({@code -1} for special tokens) and its word index ({@code -1} for special tokens). Arrays
 * are owned by this record; do not change them.
 *
 * @param text the tokenized text
 * @param ids token ids
 * @param starts per token, index of its first character in {@code text}, or -1
 * @param ends per token, index after its last character, or -1
 * @param words per token, the index of the word it belongs to, or -1
 */
public record Encoded(String text, long[] ids, int[] starts, int[] ends, long[] words) {
  public Encoded {
    Objects.requireNonNull(text, "text");
    if (starts.length != ids.length || ends.length != ids.length || words.length != ids.length) {
      throw new IllegalArgumentException(
          "per-token arrays must all have " + ids.length + " entries");
    }
  }

  /** Number of tokens. */
  public int length() {
    return ids.length;
  }

  /** Whether token {@code i} is a special token (no span in the text). */
  public boolean special(int i) {
    return starts[i] < 0;
  }

  /**
   * The first {@code max - 1} tokens and the last one (which keeps a closing special token such as
   * {@code [SEP]}); this encoding itself when it is short enough.
   */
  public Encoded truncate(int max) {
    if (ids.length <= max) {
      return this;
    }
    return new Encoded(text, cut(ids, max), cut(starts, max), cut(ends, max), cut(words, max));
  }

  private static long[] cut(long[] a, int max) {
    long[] out = Arrays.copyOf(a, max);
    out[max - 1] = a[a.length - 1];
    return out;
  }

  private static int[] cut(int[] a, int max) {
    int[] out = Arrays.copyOf(a, max);
    out[max - 1] = a[a.length - 1];
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Encoded e
        && text.equals(e.text)
        && Arrays.equals(ids, e.ids)
        && Arrays.equals(starts, e.starts)
        && Arrays.equals(ends, e.ends)
        && Arrays.equals(words, e.words);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, Arrays.hashCode(ids));
  }

  @Override
  public String toString() {
    return "Encoded[" + ids.length + " tokens of '" + text + "']";
  }
}
