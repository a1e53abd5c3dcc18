package dev.smallfirst.models.trained;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default models committed under {@code model-workers/models} verify, load and answer. */
class DefaultModelsTest {

  private static final Path MODELS = Path.of("../model-workers/models");
  private static final String TICKET =
      "Hi, I was charged twice for order #482913 ($49.99) on March 3. Please refund it!\nMaria";

  @Test
  void shouldVerifyEveryDefaultModelDirectory() {
    for (Stage s : StageCatalogue.smallModelStages()) {
      assertThat(ModelDirectory.verify(MODELS.resolve(StageCatalogue.id(s))))
          .as(StageCatalogue.id(s))
          .isInstanceOf(Verification.Verified.class);
    }
  }

  @Test
  void shouldClassifyTheIntentAndSentimentOfATicket() throws Exception {
    try (TrainedModel c = ModelDirectory.load(MODELS.resolve("classify"), Device.cpu());
        TrainedModel s = ModelDirectory.load(MODELS.resolve("sentiment"), Device.cpu())) {
      assertThat(((TextClassifier) c).classify(List.of(TICKET)).get(0).label())
          .isIn("payment_issue", "get_refund");
      assertThat(((TextClassifier) s).sentiment(List.of(TICKET)).get(0).label())
          .isIn("negative", "neutral");
    }
  }

  @Test
  void shouldExtractTheOrderNumberAndAmount() throws Exception {
    try (TrainedModel x = ModelDirectory.load(MODELS.resolve("extract"), Device.cpu())) {
      List<Span> spans = ((SpanExtractor) x).extract(List.of(TICKET)).get(0).spans();
      assertThat(spans).extracting(Span::label).contains("ORDER_ID", "AMOUNT");
      assertThat(spans)
          .filteredOn(sp -> sp.label().equals("ORDER_ID"))
          .extracting(Span::text)
          .containsExactly("#482913");
    }
  }

  @Test
  void shouldDraftAReplyThatRepeatsTheOrderNumber() throws Exception {
    DraftInput in =
        new DraftInput(
            TICKET,
            List.of("payment_issue"),
            "negative",
            "EMAIL",
            List.of(
                new DraftInput.Entity("ORDER_ID", "#482913"),
                new DraftInput.Entity("AMOUNT", "$49.99"),
                new DraftInput.Entity("PERSON_NAME", "Maria")));
    try (TrainedModel g = ModelDirectory.load(MODELS.resolve("draft"), Device.cpu())) {
      Draft d = ((DraftGenerator) g).draft(List.of(in)).get(0);
      assertThat(d.text()).contains("Maria").containsAnyOf("#482913", "$49.99");
      assertThat(d.complete()).isTrue();
    }
  }
}
