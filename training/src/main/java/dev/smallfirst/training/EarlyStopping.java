package dev.smallfirst.training;

/**
 * Early stopping on a held-out score (higher is better): remembers the best epoch and says when
 * {@code patience} epochs have passed without a better one. Not thread-safe; one per run.
 */
final class EarlyStopping {

  private final int patience;
  private final boolean preferLater;
  private double bestScore = Double.NEGATIVE_INFINITY;
  private int bestEpoch;

  /**
   * @param patience epochs without improvement before stopping
   * @param epochs the best epoch until one is scored (the last, without early stopping)
   * @param preferLater whether a score equal to the best counts as better (a later, better annealed
   *     epoch on a plateau)
   */
  EarlyStopping(int patience, int epochs, boolean preferLater) {
    this.patience = patience;
    this.preferLater = preferLater;
    this.bestEpoch = epochs;
  }

  /** Records {@code epoch}'s score; true when it is the best so far (snapshot the weights then). */
  boolean improved(int epoch, double score) {
    if (preferLater ? score >= bestScore : score > bestScore) {
      bestScore = score;
      bestEpoch = epoch;
      return true;
    }
    return false;
  }

  /** Whether {@code patience} epochs have passed since the best one. */
  boolean exhausted(int epoch) {
    return epoch - bestEpoch >= patience;
  }

  /** The best epoch so far. */
  int bestEpoch() {
    return bestEpoch;
  }
}
