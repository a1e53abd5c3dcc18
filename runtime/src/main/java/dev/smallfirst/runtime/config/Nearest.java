package dev.smallfirst.runtime.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The known key nearest to a mistyped one, by edit distance. Stateless. */
final class Nearest {
  private Nearest() {}

  /** The entry of {@code known} at the least edit distance from {@code key}; ties by name. */
  static Optional<String> to(String key, Collection<String> known) {
    return known.stream()
        .min(Comparator.comparingInt((String k) -> distance(key, k)).thenComparing(k -> k));
  }

  /** Levenshtein distance: insertions, deletions and substitutions of one character each. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
