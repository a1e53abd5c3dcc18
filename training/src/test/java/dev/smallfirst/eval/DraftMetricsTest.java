package dev.smallfirst.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.training.data.DraftExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftMetricsTest {

  @Test
  void shouldComputeRougeLFromTheLongestCommonSubsequence() {
    // LCS("the cat sat", "the cat ran") = 2 of 3 words on both sides
    assertThat(DraftMetrics.rougeL("The cat sat.", "the cat ran"))
        .isCloseTo(2.0 / 3, within(1e-12));
    assertThat(DraftMetrics.rougeL("a b c d", "a b c d")).isEqualTo(1.0);
    assertThat(DraftMetrics.rougeL("a b", "c d")).isZero();
  }

  @Test
  void shouldFlagOrderNumbersAndAmountsTheMessageDoesNotContain() {
    List<String> invented =
        DraftMetrics.invented(
            "Please refund order #123456, I paid $20.00",
            "I've refunded $20.00 for order #123456 and $30 for ticket 98765.");
    assertThat(invented).containsExactly("$30", "98765");
  }

  @Test
  void shouldCountADraftFaithfulOnlyWhenEveryRequiredValueAppears() {
    DraftExample e =
        new DraftExample(
            new DraftInput("refund #123456", List.of("get_refund"), "neutral", "CHAT", List.of()),
            "Refund for #123456 done, Maria.",
            List.of("#123456", "Maria"));
    DraftMetrics.Summary s =
        DraftMetrics.computeTexts(
            List.of(e, e), List.of("Refund for #123456 done, Maria.", "Refund done."));
    assertThat(s.faithfulness()).isEqualTo(0.5);
    assertThat(s.inventedRate()).isZero();
    assertThat(s.checks().get(1).missing()).containsExactly("#123456", "Maria");
  }
}
