package dev.smallfirst.schemas.stages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntentsTest {

  @Test
  void shouldAddASecondIntentThatKeepsEnoughOfTheProbability() {
    assertThat(
            Intents.present(
                "track_order",
                List.of("track_order", "get_refund", "cancel_order"),
                List.of(0.55, 0.35, 0.05)))
        .containsExactly("track_order", "get_refund");
  }

  @Test
  void shouldAnswerOneIntentWhenTheOthersAreUnlikely() {
    assertThat(
            Intents.present(
                "track_order", List.of("track_order", "get_refund"), List.of(0.92, 0.04)))
        .containsExactly("track_order");
    assertThat(Intents.present(null, List.of(), List.of())).isEmpty();
  }

  @Test
  void shouldAnswerTheIntentsAModelFoundClauseByClauseBeforeTheSplitProbability() {
    assertThat(
            Intents.present(
                "track_order",
                List.of("track_order", "get_invoice"),
                List.of("track_order", "get_refund", "cancel_order"),
                List.of(0.55, 0.35, 0.05)))
        .containsExactly("track_order", "get_invoice", "get_refund");
  }
}
