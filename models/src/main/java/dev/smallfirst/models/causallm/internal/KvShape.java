package dev.smallfirst.models.causallm.internal;

import ai.djl.ndarray.types.Shape;

/**
 * The KV cache layout a {@code causal-lm} manifest declares ({@code kvCache}): layers, heads (for
 * grouped-query attention, the key/value heads) and the width of one head.
 */
record KvShape(int layers, int heads, int headDim) {
  /** The TorchScript contract's cache of {@code length} tokens: {@code [L, 2, 1, H, length, D]}. */
  Shape stacked(long length) {
    return new Shape(layers, 2, 1, heads, length, headDim);
  }

  /**
   * One layer's keys or values of {@code length} tokens in the ONNX layout: {@code [1, H, length,
   * D]}.
   */
  Shape perLayer(long length) {
    return new Shape(1, heads, length, headDim);
  }
}
