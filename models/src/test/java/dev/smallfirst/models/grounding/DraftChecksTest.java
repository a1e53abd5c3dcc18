package dev.smallfirst.models.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grounding every draft format shares: what it removes, finds, and how it lowers. */
class DraftChecksTest {
  private static final double THRESHOLD = 0.4;

  @Test
  void shouldPassAGroundedFilledReplyWithItsOwnConfidence() {
    DraftChecks.Checked c =
        DraftChecks.fillAndCheck(
            "Order {{ORDER_ID}} ships soon; see {{Website Name}}.",
            Map.of("ORDER_ID", "ORD-123456"),
            Map.of("Website Name", "shop.example.com"),
            "where is ORD-123456?",
            "shop.example.com\n");

    assertThat(c.text()).isEqualTo("Order ORD-123456 ships soon; see shop.example.com.");
    assertThat(c.sendable()).isTrue();
    assertThat(c.confidence(0.9, THRESHOLD)).isEqualTo(0.9);
  }

  @Test
  void shouldRemoveAnInventedIdAndLowerTheConfidence() {
    DraftChecks.Checked c =
        DraftChecks.check("Your order ORD-999999 is late.", java.util.List.of(), "hi", "");

    assertThat(c.text()).isEqualTo("Your order [removed] is late.");
    assertThat(c.invented()).containsExactly("ORD-999999");
    assertThat(c.confidence(0.9, THRESHOLD)).isLessThan(THRESHOLD);
  }

  @Test
  void shouldLowerTheConfidenceOfAnUnfilledSlot() {
    DraftChecks.Checked c =
        DraftChecks.fillAndCheck(
            "Call {{Customer Support Phone Number}}.", Map.of(), Map.of(), "", "");

    assertThat(c.unfilled()).containsExactly("Customer Support Phone Number");
    assertThat(c.grounded()).isTrue();
    assertThat(c.confidence(0.9, THRESHOLD)).isLessThan(THRESHOLD);
  }

  @Test
  void shouldLowerTheConfidenceOfAClaimedAction() {
    DraftChecks.Checked c =
        DraftChecks.check("I've refunded your order.", java.util.List.of(), "refund me", "");

    assertThat(c.claims()).hasSize(1);
    assertThat(c.confidence(0.9, THRESHOLD)).isLessThan(THRESHOLD);
  }
}
