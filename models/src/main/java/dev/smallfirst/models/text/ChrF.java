package dev.smallfirst.models.text;

import java.util.Arrays;
import java.util.List;

/**
 * chrF (Popović 2015) as sacrebleu computes it by default: character n-grams of orders 1 to 6,
 * whitespace removed, case kept, recall weighted by beta = 2; per order the F-score of the matched
 * (clipped) n-gram counts, averaged over the orders both sides have. {@link #corpus} sums the
 * counts over all pairs first (sacrebleu's corpus score); {@link #sentence} scores one pair. Scores
 * are 0 to 100. N-grams are compared by a 64-bit hash of their characters (a collision is
 * vanishingly rare at these lengths). Our own implementation; stateless and thread-safe.
 */
public final class ChrF {
  /** Highest character n-gram order. */
  public static final int ORDER = 6;

  /** Recall weight. */
  public static final double BETA = 2;

  /** A text's n-grams: per order, the sorted hashes (reusable against many texts). */
  public record Profile(long[][] grams) {}

  private ChrF() {}

  /** The n-gram profile of {@code text}. */
  public static Profile profile(String text) {
    String s = text.replaceAll("\\s+", "");
    long[][] grams = new long[ORDER][];
    for (int n = 1; n <= ORDER; n++) {
      long[] g = new long[Math.max(0, s.length() - n + 1)];
      for (int i = 0; i < g.length; i++) {
        long h = 1125899906842597L;
        for (int k = i; k < i + n; k++) {
          h = 31 * h + s.charAt(k);
          h ^= h >>> 29;
        }
        g[i] = h * 0x9E3779B97F4A7C15L;
      }
      Arrays.sort(g);
      grams[n - 1] = g;
    }
    return new Profile(grams);
  }

  /** The chrF of {@code hypothesis} against {@code reference}. */
  public static double sentence(String hypothesis, String reference) {
    return sentence(profile(hypothesis), profile(reference));
  }

  /** The chrF of two profiles. */
  public static double sentence(Profile hypothesis, Profile reference) {
    return score(stats(hypothesis, reference));
  }

  /** The corpus chrF of {@code hypotheses} against {@code references} (same order). */
  public static double corpus(List<String> hypotheses, List<String> references) {
    if (hypotheses.size() != references.size()) {
      throw new IllegalArgumentException("hypotheses and references differ in length");
    }
    long[] total = new long[3 * ORDER];
    for (int i = 0; i < hypotheses.size(); i++) {
      add(total, stats(profile(hypotheses.get(i)), profile(references.get(i))));
    }
    return score(total);
  }

  /** Adds one pair's {@link #stats} to the corpus counts {@code total}, for {@link #score}. */
  public static void add(long[] total, long[] stats) {
    for (int k = 0; k < total.length; k++) {
      total[k] += stats[k];
    }
  }

  /** Per order n: hypothesis n-grams, reference n-grams, matched n-grams (clipped counts). */
  public static long[] stats(Profile h, Profile r) {
    long[] s = new long[3 * ORDER];
    for (int n = 0; n < ORDER; n++) {
      long[] a = h.grams()[n];
      long[] b = r.grams()[n];
      long match = 0;
      int i = 0;
      int j = 0;
      while (i < a.length && j < b.length) {
        if (a[i] == b[j]) {
          match++;
          i++;
          j++;
        } else if (a[i] < b[j]) {
          i++;
        } else {
          j++;
        }
      }
      s[3 * n] = a.length;
      s[3 * n + 1] = b.length;
      s[3 * n + 2] = match;
    }
    return s;
  }

  /** The chrF of summed {@link #stats} counts. */
  public static double score(long[] s) {
    double factor = BETA * BETA;
    double sum = 0;
    int effective = 0;
    for (int n = 0; n < ORDER; n++) {
      long hyp = s[3 * n];
      long ref = s[3 * n + 1];
      long match = s[3 * n + 2];
      if (hyp > 0 && ref > 0) {
        effective++;
        double p = match / (double) hyp;
        double r = match / (double) ref;
        double denom = factor * p + r;
        sum += denom > 0 ? (1 + factor) * p * r / denom : 0;
      }
    }
    return effective == 0 ? 0 : 100 * sum / effective;
  }
}
