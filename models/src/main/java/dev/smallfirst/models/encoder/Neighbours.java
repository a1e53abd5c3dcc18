package dev.smallfirst.models.encoder;

/**
 * The training requests of a classifier in the encoder's space, for telling how far a new text is
 * from everything the model learnt from: the mean cosine similarity of its {@code k} nearest rows.
 * A text far from all of them (an out-of-scope request) can get a confident label from a softmax
 * that must pick one; its distance says otherwise. Immutable and thread-safe; brute force, about
 * {@code rows × dimension} multiply-adds per text.
 *
 * <pre>{@code
 * Neighbours n = new Neighbours(Int8Rows.read(file, rows, 384, "neighbours"));
 * double s = n.meanNearest(embedding, 3);   // in [-1, 1]
 * }</pre>
 */
public final class Neighbours {
  /** The file a model directory keeps them in. */
  public static final String FILE = "neighbours.i8";

  private final float[][] rows;

  /** {@code rows}: unit vectors of one dimension, at least one. */
  public Neighbours(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("no neighbour rows");
    }
    this.rows = rows;
  }

  /** How many rows. */
  public int size() {
    return rows.length;
  }

  /**
   * The mean cosine similarity of unit vector {@code q} to its {@code k} nearest rows (all rows
   * when there are fewer).
   */
  public double meanNearest(float[] q, int k) {
    int n = Math.max(1, Math.min(k, rows.length));
    double[] best = new double[n];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    for (float[] r : rows) {
      double s = 0;
      for (int d = 0; d < q.length; d++) {
        s += q[d] * r[d];
      }
      if (s > best[n - 1]) {
        int at = n - 1;
        while (at > 0 && best[at - 1] < s) {
          best[at] = best[at - 1];
          at--;
        }
        best[at] = s;
      }
    }
    double sum = 0;
    for (double b : best) {
      sum += b;
    }
    return sum / n;
  }
}
