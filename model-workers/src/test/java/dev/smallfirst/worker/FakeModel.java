package dev.smallfirst.worker;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stage model without an engine: classifies every text as its first word with confidence 0.9, and
 * fails any batch that contains the text {@code boom}. Records the batch sizes it saw.
 */
public final class FakeModel implements StageModel {
  public static final ModelIdentity IDENTITY = new ModelIdentity("fake", "1", "f".repeat(64));
  private final List<Integer> batches = new CopyOnWriteArrayList<>();

  @Override
  public ModelIdentity identity() {
    return IDENTITY;
  }

  @Override
  public Stage stage() {
    return Stage.CLASSIFY;
  }

  /** Sizes of the batches predicted so far (warm-up included). */
  public List<Integer> batches() {
    return batches;
  }

  @Override
  public InferenceSession newSession() {
    return new InferenceSession() {
      @Override
      public List<StageOutcome> predict(List<StageInput> batch) throws InferenceException {
        batches.add(batch.size());
        List<StageOutcome> out = new ArrayList<>();
        for (StageInput in : batch) {
          if (in.text().equals("boom")) {
            throw new InferenceException("the model blew up on 'boom'", null);
          }
          String label = in.text().isBlank() ? "none" : in.text().split(" ")[0];
          out.add(
              new StageOutcome.Classified(
                  label, 0.9, List.of(new StageOutcome.LabelScore(label, 0.9))));
        }
        return out;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {}
}
