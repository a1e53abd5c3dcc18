package dev.smallfirst.models.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.smallfirst.models.Fixtures;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome.EntitySpan;
import dev.smallfirst.models.StageOutcome.Extracted;
import dev.smallfirst.records.Stage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The extract adapter on the TorchScript fixture tagger. */
class ExtractAdapterTest {
  private static StageModel model;
  private static InferenceSession session;

  @BeforeAll
  static void load() {
    model = Fixtures.load(Stage.EXTRACT, LoadOptions.defaults());
    session = model.newSession();
  }

  @AfterAll
  static void close() {
    session.close();
    model.close();
  }

  private static List<EntitySpan> extract(String text) throws Exception {
    return ((Extracted) session.predict(List.of(StageInput.of(text))).get(0)).entities();
  }

  @Test
  void shouldReturnSpansWhoseOffsetsIndexTheText() throws Exception {
    String text = "I returned the standing desk on 2024-03-15, please refund $49.99";

    List<EntitySpan> spans = extract(text);

    assertThat(spans)
        .extracting(EntitySpan::type, EntitySpan::value)
        .containsExactly(
            tuple("PRODUCT", "standing desk"),
            tuple("DATE", "2024-03-15"),
            tuple("AMOUNT", "$49.99"));
    assertThat(spans)
        .allSatisfy(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo(s.value()));
  }

  @Test
  void shouldGiveValidatedFormatsFullConfidenceAndModelSpansTheirOwn() throws Exception {
    List<EntitySpan> spans =
        extract("does the coffee maker come in black . my email is anna.ben@example.com");

    assertThat(spans).extracting(EntitySpan::type).containsExactly("PRODUCT", "EMAIL");
    assertThat(spans.get(0).confidence()).isStrictlyBetween(0.0, 1.0);
    assertThat(spans.get(1).confidence()).isEqualTo(1.0);
  }

  @Test
  void shouldFindNothingInATextWithoutEntities() throws Exception {
    assertThat(extract("i cannot log in to my account")).isEmpty();
  }
}
