package dev.smallfirst.models;

/**
 * Loads model directories of one {@link #format()} (the manifest's {@code format} field). The
 * service-provider seam: register an implementation in {@code
 * META-INF/services/dev.smallfirst.models.StageModelLoader} and the worker serves that format.
 *
 * <p>Contract: verify the weights against {@link ModelManifest#sha256()} before anything runs them
 * (throw {@link ModelIntegrityException} on a mismatch), return a model whose {@link
 * StageModel#identity()} equals {@link ModelManifest#identity()}, and keep per-input problems out
 * of exceptions (they are {@link StageOutcome.Failed} values).
 */
public interface StageModelLoader {

  /** The manifest {@code format} this loader reads, lower case, e.g. {@code torchscript}. */
  String format();

  /**
   * Loads the model of {@code manifest}'s directory.
   *
   * @throws ModelLoadException when it cannot be served
   */
  StageModel load(ModelManifest manifest, LoadOptions options);
}
