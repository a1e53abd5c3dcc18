package dev.smallfirst.models.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyVocabularyTest {

  private static final DraftInput INPUT =
      new DraftInput(
          "Refund order #482913 please, Maria",
          List.of("get_refund"),
          "negative",
          "EMAIL",
          List.of(
              new DraftInput.Entity("ORDER_ID", "#482913"),
              new DraftInput.Entity("PERSON_NAME", "Maria Lopez")));

  @Test
  void shouldReplaceEntityValuesBySlotsAndFillThemBackExactly() {
    String reply =
        "Hi Maria,\n\nI've refunded order #482913; it's done.\n\nBest regards,\nThe Team";
    String delex = ReplyVocabulary.delexicalize(reply, INPUT);
    assertThat(delex).contains("⟦NAME⟧", "⟦ORDER_ID⟧").doesNotContain("#482913", "Maria");
    List<String> tokens = ReplyVocabulary.split(delex);
    assertThat(ReplyVocabulary.join(tokens, ReplyVocabulary.slotValues(INPUT))).isEqualTo(reply);
  }

  @Test
  void shouldForbidSlotsWhoseEntityTheInputLacks() {
    ReplyVocabulary v =
        ReplyVocabulary.fit(
            List.of(INPUT, INPUT),
            List.of("Refund of order #482913 done.", "Refund of order #482913 done."));
    boolean[] forbidden = v.forbidden(INPUT);
    assertThat(forbidden[v.id("▁" + ReplyVocabulary.slotToken("ORDER_ID"))]).isFalse();
    assertThat(forbidden[v.id("▁" + ReplyVocabulary.slotToken("AMOUNT"))]).isTrue();
    assertThat(forbidden[v.id(ReplyVocabulary.EOS)]).isFalse();
    assertThat(forbidden[v.id(ReplyVocabulary.UNK)]).isTrue();
    assertThat(v.conditionIds(INPUT)).hasSize(ReplyVocabulary.CONDITIONS);
    assertThat(ReplyVocabulary.slotValues(INPUT))
        .isEqualTo(Map.of("ORDER_ID", "#482913", "NAME", "Maria"));
  }
}
