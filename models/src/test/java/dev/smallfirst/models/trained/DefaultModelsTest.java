package dev.smallfirst.models.trained;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The default models committed under {@code model-workers/models} load through the worker's seam
 * and answer: classify and sentiment are heads on the pretrained encoder ({@code onnx-encoder}),
 * extract and draft are the trainer's {@code djl} models (the LSTM tagger measured better).
 */
class DefaultModelsTest {

  private static final Path MODELS = Path.of("../model-workers/models");
  private static final String TICKET =
      "Hi, I was charged twice for order #482913 ($49.99) on March 3. Please refund it!\nMaria";

  @Test
  void shouldLoadEveryDefaultModelThroughTheStandardLoaders() {
    for (Stage s : StageCatalogue.smallModelStages()) {
      Path dir = MODELS.resolve(StageCatalogue.id(s));
      ModelManifest m = ModelManifest.read(dir);
      assertThat(m.format())
          .as(StageCatalogue.id(s))
          .isEqualTo(
              switch (s) {
                case DRAFT -> "reply-bank";
                case EXTRACT -> "djl";
                default -> "onnx-encoder";
              });
      assertThat(m.threshold()).as("threshold of " + dir).isPresent();
      try (StageModel model = ModelLoaders.standard().load(dir, s, LoadOptions.defaults())) {
        assertThat(model.identity()).isEqualTo(m.identity());
      }
    }
  }

  @Test
  void shouldClassifyTheIntentAndSentimentOfATicket() throws Exception {
    try (StageModel c = load(Stage.CLASSIFY);
        StageModel s = load(Stage.SENTIMENT);
        InferenceSession cs = c.newSession();
        InferenceSession ss = s.newSession()) {
      StageOutcome.Classified intent =
          (StageOutcome.Classified) cs.predict(List.of(StageInput.of(TICKET))).get(0);
      assertThat(intent.label())
          .isIn("get_refund", "payment_issue", "track_refund", "check_refund_policy");
      StageOutcome.SentimentScored mood =
          (StageOutcome.SentimentScored) ss.predict(List.of(StageInput.of(TICKET))).get(0);
      assertThat(mood.label()).isIn(SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL);
    }
  }

  @Test
  void shouldExtractTheOrderNumberAndAmount() throws Exception {
    try (StageModel x = load(Stage.EXTRACT);
        InferenceSession xs = x.newSession()) {
      StageOutcome.Extracted e =
          (StageOutcome.Extracted) xs.predict(List.of(StageInput.of(TICKET))).get(0);
      assertThat(e.entities())
          .extracting(StageOutcome.EntitySpan::type)
          .contains("ORDER_ID", "AMOUNT");
      assertThat(e.entities())
          .filteredOn(sp -> sp.type().equals("ORDER_ID"))
          .extracting(StageOutcome.EntitySpan::value)
          .containsExactly("#482913");
    }
  }

  @Test
  void shouldDraftAReplyThatRepeatsTheOrderNumber() throws Exception {
    DraftContext context =
        DraftContext.newBuilder()
            .setIntent("track_order")
            .setIntentConfidence(0.98)
            .setEntities(List.of(new Entity("ORDER_ID", "#482913", 53, 60, 0.99)))
            .build();
    ReplyKit kit = ReplyKit.read(MODELS.resolve("draft/reply-kit.example.json"));
    try (StageModel model =
            ModelLoaders.standard()
                .load(
                    MODELS.resolve("draft"),
                    Stage.DRAFT,
                    LoadOptions.defaults().withReplyKit(kit));
        InferenceSession s = model.newSession()) {
      StageOutcome.Drafted d =
          (StageOutcome.Drafted)
              s.predict(
                      List.of(
                          new StageInput(
                              "Hi, where is my order? I have been waiting for a week. Order #482913",
                              Optional.of(context))))
                  .get(0);
      assertThat(d.text()).contains("482913").doesNotContain("{{");
      assertThat(d.answered()).containsExactly("track_order");
    }
  }

  private static StageModel load(Stage s) {
    return ModelLoaders.standard()
        .load(MODELS.resolve(StageCatalogue.id(s)), s, LoadOptions.defaults());
  }
}
