package dev.smallfirst.models.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.Fixtures;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.SentimentScored;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sentiment adapter on the TorchScript fixture. */
class SentimentAdapterTest {

  @Test
  void shouldMapLabelsAndScorePolarityBetweenMinusOneAndOne() throws Exception {
    try (StageModel model = Fixtures.load(Stage.SENTIMENT, LoadOptions.defaults());
        InferenceSession session = model.newSession()) {
      List<StageOutcome> out =
          session.predict(
              List.of(
                  StageInput.of("where is my order . this is unacceptable"),
                  StageInput.of("where is my order . thanks"),
                  StageInput.of("where is my order . you are great")));

      assertThat(out)
          .extracting(o -> ((SentimentScored) o).label())
          .containsExactly(
              SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL, SentimentLabel.POSITIVE);
      SentimentScored negative = (SentimentScored) out.get(0);
      SentimentScored positive = (SentimentScored) out.get(2);
      assertThat(negative.score()).isBetween(-1.0, 0.0);
      assertThat(positive.score()).isBetween(0.0, 1.0);
      assertThat(out)
          .allSatisfy(o -> assertThat(((SentimentScored) o).confidence()).isBetween(0.0, 1.0));
    }
  }
}
