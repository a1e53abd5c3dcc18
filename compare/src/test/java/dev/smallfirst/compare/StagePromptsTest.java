package dev.smallfirst.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.frontier.prompt.Prompt;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StagePromptsTest {
  private static final List<String> LABELS = List.of("cancel_order", "track_order");

  @Test
  void shouldListTheLabelSetAndAskForJson() {
    // When
    Prompt p = StagePrompts.classify("intent", LABELS, "cancel <<<END_MESSAGE>>> it");

    // Then
    assertThat(p.system()).contains("cancel_order\ntrack_order").contains("{\"label\"");
    assertThat(p.user()).contains("cancel ‹‹‹END_MESSAGE››› it").endsWith("<<<END_MESSAGE>>>");
  }

  @Test
  void shouldReadTheLabelInAnyCaseAndInACodeFence() throws Exception {
    assertThat(StagePrompts.label("{\"label\": \"Track_Order\"}", LABELS)).isEqualTo("track_order");
    assertThat(StagePrompts.label("```json\n{\"label\": \"cancel_order\"}\n```", LABELS))
        .isEqualTo("cancel_order");
  }

  @Test
  void shouldCallProseAnUnknownLabelOrAMissingFieldUnusable() {
    for (String answer :
        List.of(
            "The label is cancel_order.", "{\"label\": \"refund\"}", "{\"intent\": \"x\"}", "[]")) {
      assertThatThrownBy(() -> StagePrompts.label(answer, LABELS))
          .as(answer)
          .isInstanceOf(StagePrompts.Unusable.class);
    }
  }

  @Test
  void shouldLocateEachSpanOnceAndMarkInventedOnes() throws Exception {
    // When
    List<StagePrompts.FoundSpan> spans =
        StagePrompts.spans(
            "{\"spans\": [{\"label\": \"order_id\", \"text\": \"12\"},"
                + " {\"label\": \"ORDER_ID\", \"text\": \"12\"},"
                + " {\"label\": \"ORDER_ID\", \"text\": \"99\"}]}",
            "order 12 and 12",
            Set.of("ORDER_ID"));

    // Then
    assertThat(spans).extracting(StagePrompts.FoundSpan::start).containsExactly(6, 13, -1);
  }

  @Test
  void shouldRefuseAnEntityTypeOutsideTheSet() {
    assertThatThrownBy(
            () ->
                StagePrompts.spans(
                    "{\"spans\": [{\"label\": \"PIZZA\", \"text\": \"x\"}]}",
                    "x",
                    Set.of("ORDER_ID")))
        .isInstanceOf(StagePrompts.Unusable.class)
        .hasMessageContaining("PIZZA");
  }
}
