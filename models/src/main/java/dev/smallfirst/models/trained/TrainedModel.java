package dev.smallfirst.models.trained;

import dev.smallfirst.records.Stage;

/**
 * A loaded small model serving one stage. Implementations are thread-safe: each calling thread gets
 * its own DJL {@code Predictor}; all are closed by {@link #close()}.
 *
 * <pre>{@code
 * try (TrainedModel model = ModelDirectory.load(dir, Device.cpu())) {
 *   if (model instanceof TextClassifier c) {
 *     List<Classified> out = c.classify(List.of("where is my refund?"));
 *   }
 * }
 * }</pre>
 */
public sealed interface TrainedModel extends AutoCloseable
    permits TextClassifier, SpanExtractor, DraftGenerator {

  /** The manifest the model was loaded from (name, version, sha256 travel in every result). */
  Manifest manifest();

  /** The stage this model serves. */
  default Stage stage() {
    return manifest().stageEnum();
  }

  /** Frees native memory; the model must not be used afterwards. */
  @Override
  void close();
}
