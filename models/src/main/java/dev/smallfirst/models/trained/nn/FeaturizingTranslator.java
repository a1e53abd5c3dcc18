package dev.smallfirst.models.trained.nn;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A translator that featurizes every text of a batch, in order, turns the rows into the block's
 * input and divides the block's logits by a calibration {@code temperature}. Stateless; thread-safe
 * when {@code featurize} is.
 *
 * @param <E> one featurized text
 * @param <O> what the translator returns for the batch
 */
abstract class FeaturizingTranslator<E, O> implements NoBatchifyTranslator<List<String>, O> {

  final float temperature;
  private final Function<String, E> featurize;

  FeaturizingTranslator(Function<String, E> featurize, double temperature) {
    this.featurize = featurize;
    this.temperature = (float) temperature;
  }

  @Override
  public final NDList processInput(TranslatorContext ctx, List<String> texts) {
    List<E> rows = new ArrayList<>(texts.size());
    for (String t : texts) {
      rows.add(featurize.apply(t));
    }
    return input(ctx, rows);
  }

  /** The block's input for the featurized {@code rows}. */
  abstract NDList input(TranslatorContext ctx, List<E> rows);
}
