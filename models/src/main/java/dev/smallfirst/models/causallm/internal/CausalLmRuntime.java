package dev.smallfirst.models.causallm.internal;

import dev.smallfirst.models.causallm.CausalDecoder;
import java.util.function.Supplier;

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

  /**
   * A runtime of {@code kind} that opens {@code sequences} and frees the model with {@code close}.
   */
  static CausalLmRuntime of(
      String kind, Supplier<CausalDecoder.Sequence> sequences, Runnable close) {
    return new CausalLmRuntime() {
      @Override
      public CausalDecoder.Sequence newSequence() {
        return sequences.get();
      }

      @Override
      public String kind() {
        return kind;
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }
}
