package dev.smallfirst.models.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The false-action-claim detector on hand-written sentences. */
class ClaimDetectorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I've refunded the $25.00 to your card.",
        "I have cancelled your order ORD-1234567.",
        "Your refund has been issued and should arrive in 3 days.",
        "I've issued a refund of $40.",
        "We have already processed your return.",
        "Good news: your order was shipped this morning.",
        "I went ahead and updated your shipping address.",
        "Your account is now deleted.",
        "I’ve reset your password for you.",
        "We refunded the cancellation fee.",
        "The subscription has been successfully cancelled.",
        "I can confirm that your refund has been processed."
      })
  void shouldFlagAClaimThatAnActionWasDone(String sentence) {
    assertThat(ClaimDetector.find(sentence)).as(sentence).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I can cancel your order if you confirm the order number.",
        "Your refund will be issued within 5-7 business days.",
        "Once your refund has been processed, you will receive an email.",
        "If you have cancelled the order already, no action is needed.",
        "You will receive a confirmation that your order has been cancelled.",
        "To request a refund, go to the Refunds section of our website.",
        "I understand you want to cancel your order; here is how.",
        "Please check whether your payment was processed by your bank.",
        "We will update your address as soon as you send it.",
        "After your account has been deleted, you cannot sign in.",
        "I'm sorry to hear that your order has not arrived yet."
      })
  void shouldNotFlagOffersInstructionsFutureOrConditions(String sentence) {
    assertThat(ClaimDetector.find(sentence)).as(sentence).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void shouldReportWhereTheClaimIs() {
    String text = "Thanks for waiting. I have cancelled your order.";
    ClaimDetector.Claim c = ClaimDetector.find(text).get(0);
    assertThat(text.substring(c.start(), c.end())).isEqualTo(c.phrase()).contains("cancelled");
  }
}
