package dev.smallfirst.models.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.Fixtures;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.Drafted;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The draft adapter on the TorchScript fixture language model. */
class DraftAdapterTest {

  private static StageInput input(String intent, String text) {
    return new StageInput(
        text,
        Optional.of(
            DraftContext.newBuilder()
                .setIntent(intent)
                .setSentiment(SentimentLabel.NEGATIVE)
                .build()));
  }

  @Test
  void shouldDraftAReplyConditionedOnTheIntentAndStopAtEos() throws Exception {
    try (StageModel model = Fixtures.load(Stage.DRAFT, LoadOptions.defaults());
        InferenceSession session = model.newSession()) {
      List<StageOutcome> out =
          session.predict(
              List.of(
                  input("shipping", "where is my order ORD-1234567"),
                  input("refund", "the blender arrived broken, i want my money back")));

      Drafted shipping = (Drafted) out.get(0);
      Drafted refund = (Drafted) out.get(1);
      assertThat(shipping.text()).contains("on its way").doesNotContain("[EOS]");
      assertThat(refund.text()).contains("refund");
      assertThat(List.of(shipping, refund))
          .allSatisfy(
              d -> {
                assertThat(d.stoppedAtEos()).isTrue();
                assertThat(d.tokens()).isBetween(1, 32);
                assertThat(d.confidence()).isBetween(0.0, 1.0);
              });
    }
  }

  @Test
  void shouldCutTheReplyAtTheLengthBoundWhenEosDoesNotComeFirst() throws Exception {
    LoadOptions short3 = Fixtures.cpu(LoadOptions.OverlongPolicy.REJECT, OptionalInt.of(3));
    try (StageModel model = Fixtures.load(Stage.DRAFT, short3);
        InferenceSession session = model.newSession()) {
      Drafted d = (Drafted) session.predict(List.of(input("shipping", "where is my order"))).get(0);

      assertThat(d.stoppedAtEos()).isFalse();
      assertThat(d.tokens()).isEqualTo(3);
      assertThat(d.text().split(" ")).hasSize(3);
    }
  }
}
