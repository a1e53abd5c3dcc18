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
  void shouldFindEachRequestOfAMessageThatAsksForTwo() throws Exception {
    try (StageModel c = load(Stage.CLASSIFY);
        InferenceSession cs = c.newSession()) {
      List<StageOutcome> out =
          cs.predict(
              List.of(
                  StageInput.of("I want to cancel order #482913. Also, I need an invoice for it."),
                  StageInput.of("I want to cancel order #482913.")));
      StageOutcome.Classified two = (StageOutcome.Classified) out.get(0);
      assertThat(two.intents()).hasSize(2).contains("cancel_order", "get_invoice");
      assertThat(two.intents().get(0)).isEqualTo(two.label());
      // one request: no clause intents; the single-label answer is unchanged
      assertThat(((StageOutcome.Classified) out.get(1)).intents()).isEmpty();
      assertThat(((StageOutcome.Classified) out.get(1)).label()).isEqualTo("cancel_order");
    }
  }

  @Test
  void shouldDraftOneParagraphPerRequestRetrievedWithItsClause() throws Exception {
    DraftContext context =
        DraftContext.newBuilder()
            .setIntent("cancel_order")
            .setIntentConfidence(0.98)
            .setIntents(List.of("cancel_order", "get_invoice"))
            .setEntities(List.of(new Entity("ORDER_ID", "#482913", 22, 29, 0.99)))
            .build();
    StageOutcome.Drafted d =
        draft("I want to cancel order #482913. Also, I need an invoice for it.", context);
    assertThat(d.answered()).containsExactly("cancel_order", "get_invoice");
    assertThat(d.text().split("\n\n")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(d.text()).doesNotContain("{{");
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
    StageOutcome.Drafted d =
        draft("Hi, where is my order? I have been waiting for a week. Order #482913", context);
    assertThat(d.text()).contains("482913").doesNotContain("{{");
    assertThat(d.answered()).containsExactly("track_order");
  }

  /** The shipped draft's answer to {@code text} in {@code context}, with the example kit. */
  private static StageOutcome.Drafted draft(String text, DraftContext context) throws Exception {
    ReplyKit kit = ReplyKit.read(MODELS.resolve("draft/reply-kit.example.json"));
    try (StageModel model =
            ModelLoaders.standard()
                .load(
                    MODELS.resolve("draft"),
                    Stage.DRAFT,
                    LoadOptions.defaults().withReplyKit(kit));
        InferenceSession s = model.newSession()) {
      return (StageOutcome.Drafted)
          s.predict(List.of(new StageInput(text, Optional.of(context)))).get(0);
    }
  }

  private static StageModel load(Stage s) {
    return ModelLoaders.standard()
        .load(MODELS.resolve(StageCatalogue.id(s)), s, LoadOptions.defaults());
  }
}
