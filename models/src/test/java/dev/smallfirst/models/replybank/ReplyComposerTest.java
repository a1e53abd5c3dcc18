package dev.smallfirst.models.replybank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.grounding.ClaimDetector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grounding and multi-intent behaviour of the reply-bank composer, on a hand-made bank. */
class ReplyComposerTest {
  private static final Map<String, String> KIT =
      Map.of("Website Name", "shop.example", "Order History", "Order History");

  private static final ReplyBank BANK =
      new ReplyBank(
          List.of(
              entry("track_order", "Your order {{ORDER_ID}} can be tracked on {{Website Name}}."),
              entry("track_order", "You can track your order under {{Order History}}."),
              entry("get_refund", "To request a refund, visit {{Website Name}}."),
              entry("get_refund", "I've refunded your order."),
              entry("cancel_order", "Please call {{Customer Support Phone Number}} to cancel.")),
          new float[][] {
            unit(1, 0, 0), unit(0.9f, 0.1f, 0), unit(0, 1, 0), unit(0, 0.99f, 0.1f), unit(0, 0, 1)
          });

  private static final ReplyComposer COMPOSER =
      new ReplyComposer(BANK, new RetrievalCalibration(0, 4, 4, 0, 0), 0.5, 10, 5, 0.05);

  @Test
  void shouldEscalateWhenASlotCannotBeFilled() {
    ReplyComposer.Reply r =
        COMPOSER.compose(
            request("please cancel my order", unit(0, 0, 1), "cancel_order", Map.of()));
    assertThat(r.unfilled()).containsExactly("Customer Support Phone Number");
    assertThat(r.confidence()).isLessThan(COMPOSER.threshold());
    assertThat(r.text()).contains("{{Customer Support Phone Number}}");
  }

  @Test
  void shouldNeverWriteAnIdTheMessageDoesNotHave() {
    ReplyComposer.Reply r =
        COMPOSER.compose(
            request(
                "where is my order?", unit(1, 0, 0), "track_order", Map.of("ORDER_ID", "ORD-999")));
    assertThat(r.text()).doesNotContain("ORD-999").doesNotContainPattern("\\d{3,}");
    assertThat(r.text()).isEqualTo("You can track your order under Order History.");
    assertThat(r.confidence()).isGreaterThanOrEqualTo(COMPOSER.threshold());
  }

  @Test
  void shouldRepeatTheOrderNumberTheMessageHas() {
    ReplyComposer.Reply r =
        COMPOSER.compose(
            request(
                "where is order ORD-4242?",
                unit(1, 0, 0),
                "track_order",
                Map.of("ORDER_ID", "ORD-4242")));
    assertThat(r.text()).isEqualTo("Your order ORD-4242 can be tracked on shop.example.");
  }

  @Test
  void shouldAnswerEveryIntentInItsOwnParagraph() {
    ReplyComposer.Reply r =
        COMPOSER.compose(
            new ReplyComposer.Request(
                "where is my order, and I want a refund",
                unit(0.6f, 0.6f, 0),
                List.of("track_order", "get_refund"),
                0.9,
                Map.of(),
                KIT,
                ""));
    assertThat(r.answered()).containsExactly("track_order", "get_refund");
    assertThat(r.text().split("\n\n")).hasSize(2);
    assertThat(r.text()).contains("track your order").contains("request a refund");
  }

  @Test
  void shouldNeverSendAnEntryThatClaimsAnAction() {
    ReplyComposer.Reply r =
        COMPOSER.compose(request("refund me", unit(0, 0.99f, 0.1f), "get_refund", Map.of()));
    assertThat(ClaimDetector.claims(r.text())).isFalse();
    assertThat(r.text()).isEqualTo("To request a refund, visit shop.example.");
  }

  private static ReplyComposer.Request request(
      String message, float[] embedding, String intent, Map<String, String> entities) {
    return new ReplyComposer.Request(
        message, embedding, List.of(intent), 0.9, entities, KIT, "shop.example Order History");
  }

  private static ReplyBank.Entry entry(String intent, String reply) {
    return new ReplyBank.Entry(intent, "request", reply, ClaimDetector.claims(reply));
  }

  private static float[] unit(float... v) {
    ReplyBank.normalize(v);
    return v;
  }
}
