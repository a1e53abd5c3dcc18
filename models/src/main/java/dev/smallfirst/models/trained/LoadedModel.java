package dev.smallfirst.models.trained;

import ai.djl.Model;
import ai.djl.translate.Translator;
import dev.smallfirst.models.trained.nn.PerThreadPredictors;

/**
 * What every {@link TrainedModel} holds: its manifest, the DJL model and one predictor per thread
 * running {@code translator}; {@link #close()} frees both. Thread-safe.
 *
 * @param <I> what the translator takes
 * @param <O> what it returns
 */
abstract class LoadedModel<I, O> {

  final Manifest manifest;
  final PerThreadPredictors<I, O> predictors;
  private final Model model;

  LoadedModel(Manifest manifest, Model model, Translator<I, O> translator) {
    this.manifest = manifest;
    this.model = model;
    this.predictors = new PerThreadPredictors<>(model, translator);
  }

  /** The manifest the model was loaded from. */
  public Manifest manifest() {
    return manifest;
  }

  /** {@code text} ("" for null) cut to the manifest's {@code maxLength} characters. */
  final String cut(String text) {
    String t = text == null ? "" : text;
    return t.length() > manifest.maxLength() ? t.substring(0, manifest.maxLength()) : t;
  }

  /** Frees the predictors and the model's native memory. */
  public void close() {
    predictors.close();
    model.close();
  }
}
