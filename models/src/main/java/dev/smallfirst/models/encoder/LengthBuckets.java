package dev.smallfirst.models.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits one batch of texts into runs of similar token length, so that a short text is not padded
 * to the longest one. An encoder run costs about its rows times its width (the longest text in it)
 * plus a fixed overhead per run; the split minimises that sum exactly, by dynamic programming over
 * the texts sorted by length. Stateless and thread-safe.
 *
 * <pre>{@code
 * // lengths 6, 7, 40 and 42 tokens: two runs, [0, 1] at width 7 and [2, 3] at width 42
 * List<int[]> runs = LengthBuckets.plan(new int[] {6, 40, 7, 42}, 32);
 * }</pre>
 */
public final class LengthBuckets {

  /**
   * The fixed cost of one encoder run, in padded token rows: measured on the 2-core development
   * machine with int8 all-MiniLM-L6-v2, where one run of a single short text costs about what 30
   * more token rows in a larger run do (WORKER.md, "Length buckets").
   */
  public static final int RUN_OVERHEAD_ROWS = 32;

  private LengthBuckets() {}

  /**
   * The runs to encode {@code lengths} in: each run lists indices into {@code lengths}, ascending
   * by length; every index is in exactly one run.
   *
   * @param lengths each text's length in tokens, special tokens included
   * @param overheadRows the cost of one run in token rows; 0 or less keeps one run per distinct
   *     width, {@link Integer#MAX_VALUE} keeps the whole batch together
   */
  public static List<int[]> plan(int[] lengths, int overheadRows) {
    int n = lengths.length;
    if (n == 0) {
      return List.of();
    }
    int[] order =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingInt(i -> lengths[i]))
            .mapToInt(Integer::intValue)
            .toArray();
    long overhead = Math.max(0, overheadRows);
    // best[j]: the least cost of the j shortest texts; cut[j]: where the last of their runs starts.
    long[] best = new long[n + 1];
    int[] cut = new int[n + 1];
    for (int j = 1; j <= n; j++) {
      best[j] = Long.MAX_VALUE;
      long width = lengths[order[j - 1]];
      for (int i = 0; i < j; i++) {
        long cost = best[i] + overhead + (j - i) * width;
        if (cost < best[j]) {
          best[j] = cost;
          cut[j] = i;
        }
      }
    }
    List<int[]> runs = new ArrayList<>();
    for (int j = n; j > 0; j = cut[j]) {
      runs.add(Arrays.copyOfRange(order, cut[j], j));
    }
    java.util.Collections.reverse(runs);
    return runs;
  }

  /** The cost of encoding {@code runs} of {@code lengths}, in the units of {@link #plan}. */
  static long cost(int[] lengths, List<int[]> runs, int overheadRows) {
    long total = 0;
    for (int[] run : runs) {
      int width = 0;
      for (int i : run) {
        width = Math.max(width, lengths[i]);
      }
      total += Math.max(0, overheadRows) + (long) run.length * width;
    }
    return total;
  }
}
