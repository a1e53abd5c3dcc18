package dev.smallfirst.models.trained;

import ai.djl.Model;
import ai.djl.translate.TranslateException;
import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.models.text.ReplyVocabulary;
import dev.smallfirst.models.trained.nn.DraftTranslator;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded draft model: batched {@link DraftInput}s in, replies out. It generates a delexicalized
 * reply with slot tokens and fills every slot by copying the input's entity value, so entity values
 * in a draft always come from the input; slots whose entity the input lacks are masked out during
 * decoding. Thread-safe (one predictor per thread).
 *
 * <pre>{@code
 * DraftGenerator g = (DraftGenerator) ModelDirectory.load(dir, Device.cpu());
 * Draft d = g.draft(List.of(input)).get(0);
 * }</pre>
 */
public final class DraftGenerator
    extends LoadedModel<List<DraftInput>, List<DraftTranslator.Generated>> implements TrainedModel {

  DraftGenerator(Manifest manifest, Model model, ReplyVocabulary vocabulary) {
    super(manifest, model, new DraftTranslator(vocabulary));
  }

  /**
   * Drafts a reply per input, in order; each stops at the end token or at the model's length limit
   * (then {@code complete} is false and the draft escalates).
   *
   * @throws TranslateException when the engine fails
   */
  public List<Draft> draft(List<DraftInput> inputs) throws TranslateException {
    if (inputs.isEmpty()) {
      return List.of();
    }
    List<DraftTranslator.Generated> generated = predictors.get().predict(inputs);
    List<Draft> out = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      DraftTranslator.Generated g = generated.get(i);
      String text = ReplyVocabulary.join(g.tokens(), ReplyVocabulary.slotValues(inputs.get(i)));
      double mean = 0;
      for (double p : g.probabilities()) {
        mean += p;
      }
      mean = g.probabilities().length == 0 ? 0 : mean / g.probabilities().length;
      out.add(
          new Draft(
              text, mean, g.tokens().size(), mean < manifest.threshold() || !g.ended(), g.ended()));
    }
    return out;
  }
}
