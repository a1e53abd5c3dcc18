package dev.smallfirst.models.translate;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.text.EncodedBatch;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One inference thread's DJL {@link Predictor}: shapes the batch, runs one forward pass per length
 * bucket, and puts the outcomes back in input order. A {@link TranslateException} becomes an {@link
 * InferenceException}. Not thread-safe.
 */
final class DjlSession implements InferenceSession {
  private final Predictor<EncodedBatch, List<StageOutcome>> predictor;
  private final InputShaper shaper;

  DjlSession(Predictor<EncodedBatch, List<StageOutcome>> predictor, InputShaper shaper) {
    this.predictor = predictor;
    this.shaper = shaper;
  }

  @Override
  public List<StageOutcome> predict(List<StageInput> batch) throws InferenceException {
    InputShaper.Shaped shaped = shaper.shape(batch);
    StageOutcome[] out = shaped.answered();
    for (Map.Entry<Integer, InputShaper.Group> e : shaped.groups().entrySet()) {
      InputShaper.Group group = e.getValue();
      List<StageOutcome> outcomes;
      try {
        outcomes =
            predictor.predict(
                new EncodedBatch(group.encodings(), e.getKey(), shaper.encoder().padId()));
      } catch (TranslateException | RuntimeException ex) {
        throw new InferenceException(
            "forward pass of " + group.encodings().size() + " inputs failed: " + ex, ex);
      }
      if (outcomes.size() != group.positions().size()) {
        throw new InferenceException(
            "translator returned "
                + outcomes.size()
                + " outcomes for "
                + group.positions().size()
                + " inputs",
            null);
      }
      for (int i = 0; i < outcomes.size(); i++) {
        out[group.positions().get(i)] = outcomes.get(i);
      }
    }
    return Arrays.asList(out);
  }

  @Override
  public void close() {
    predictor.close();
  }
}
