package dev.smallfirst.models.encoder.internal;

import dev.smallfirst.models.encoder.Neighbours;

/**
 * A classify model's out-of-scope floor: a text whose mean similarity to its {@code k} nearest
 * training requests is below {@code minSimilarity} is answered with a confidence below the model's
 * threshold (half of it at most), so it escalates whatever its softmax says. The floor is chosen
 * with the threshold by the trainer, on validation data that holds out-of-scope examples.
 */
record OutOfScope(Neighbours neighbours, int k, double minSimilarity) {

  /** Whether {@code embedding} (a unit vector) is too far from the training requests. */
  boolean outside(float[] embedding) {
    return neighbours.meanNearest(embedding, k) < minSimilarity;
  }
}
