package dev.smallfirst.models.trained.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.smallfirst.models.text.NgramFeaturizer;
import java.util.List;

/** Packs sparse feature vectors into the padded {@code ids}/{@code weights} arrays of a batch. */
public final class Batches {

  private Batches() {}

  /**
   * Pads {@code rows} to the longest one (at least 1) with id 0 and weight 0.
   *
   * @return {@code [ids int64 [b, n], weights float32 [b, n]]} attached to {@code manager}
   */
  public static NDList bag(NDManager manager, List<NgramFeaturizer.Features> rows) {
    int width = 1;
    for (NgramFeaturizer.Features f : rows) {
      width = Math.max(width, f.size());
    }
    long[] ids = new long[rows.size() * width];
    float[] weights = new float[rows.size() * width];
    for (int r = 0; r < rows.size(); r++) {
      NgramFeaturizer.Features f = rows.get(r);
      for (int i = 0; i < f.size(); i++) {
        ids[r * width + i] = f.ids()[i];
        weights[r * width + i] = f.weights()[i];
      }
    }
    Shape shape = new Shape(rows.size(), width);
    return new NDList(manager.create(ids, shape), manager.create(weights, shape));
  }
}
