package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDArray;

/** Shape checks of model outputs, so a model that does not fit its manifest fails loudly. */
final class LogitsChecks {
  private LogitsChecks() {}

  static void requireClasses(NDArray logits, int dims, int classes) {
    if (logits.getShape().dimension() != dims || logits.getShape().getLastDimension() != classes) {
      throw new IllegalStateException(
          "model output has shape "
              + logits.getShape()
              + " but the manifest lists "
              + classes
              + " labels (expected "
              + dims
              + " dimensions ending in "
              + classes
              + ")");
    }
  }
}
