package dev.smallfirst.models;

import dev.smallfirst.records.Stage;

/**
 * A loaded, verified model serving one stage. Thread-safe: share one instance; each inference
 * thread opens its own {@link InferenceSession}. Closing it releases the weights, after every
 * session is closed.
 *
 * <pre>{@code
 * try (StageModel model = ModelLoaders.standard().load(dir, Stage.CLASSIFY, LoadOptions.defaults());
 *     InferenceSession session = model.newSession()) {
 *   List<StageOutcome> out = session.predict(List.of(StageInput.of("where is my order?")));
 * }
 * }</pre>
 */
public interface StageModel extends AutoCloseable {

  /** Name, version and verified weights hash, copied into every result. */
  ModelIdentity identity();

  /** The stage this model answers. */
  Stage stage();

  /** A new session for the calling thread. */
  InferenceSession newSession();

  @Override
  void close();
}
