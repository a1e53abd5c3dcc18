package dev.smallfirst.models.causallm.internal;

import dev.smallfirst.models.causallm.CausalDecoder;

/**
 * A loaded causal LM that opens sequences with their own KV cache: a TorchScript module ({@link
 * TorchScriptSequence}) or an ONNX graph ({@link OnnxSequence}). Thread-safe; each sequence is not.
 */
interface CausalLmRuntime extends AutoCloseable {
  /** A fresh sequence, nothing fed yet. */
  CausalDecoder.Sequence newSequence();

  /** What runs the model, for the log: {@code TorchScript} or {@code ONNX}. */
  String kind();

  @Override
  void close();
}
