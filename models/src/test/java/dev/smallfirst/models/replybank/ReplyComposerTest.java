package dev.smallfirst.models.replybank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.encoder.Int8Rows;
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
      new ReplyComposer(
          BANK,
          new RetrievalCalibration(0, 4, 4, 0, 0),
          0.5,
          10,
          5,
          0.05,
          ReplyComposer.Scoring.FLAT);

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
  void shouldRetrieveEachIntentWithTheClauseThatAsksForIt() {
    // The whole message sits between the two intents; each clause is on one of them.
    float[] whole = unit(0.6f, 0.6f, 0);
    float[] trackClause = unit(1, 0, 0);
    float[] refundClause = unit(0, 0.99f, 0.1f);
    ReplyComposer.Reply byMessage = COMPOSER.compose(trackAndRefund(whole, List.of()));
    ReplyComposer.Reply byClause =
        COMPOSER.compose(trackAndRefund(whole, List.of(trackClause, refundClause)));
    assertThat(byClause.answered()).containsExactly("track_order", "get_refund");
    // the similarity feature is each paragraph's clause's, not the blurred whole message's
    assertThat(byClause.features().get(0)[0]).isGreaterThan(0.99);
    assertThat(byClause.features().get(1)[0]).isGreaterThan(0.99);
    assertThat(byMessage.features().get(0)[0]).isLessThan(0.8);
    assertThat(byClause.confidence()).isGreaterThan(byMessage.confidence());
  }

  @Test
  void shouldKeepTheWholeMessageWhenItIsNearerThanAnyClause() {
    ReplyComposer.Reply r =
        COMPOSER.compose(
            new ReplyComposer.Request(
                "where is my order? thanks",
                unit(1, 0, 0),
                List.of(unit(0, 0, 1)),
                List.of("track_order"),
                0.9,
                Map.of(),
                KIT,
                ""));
    assertThat(r.features().get(0)[0]).isGreaterThan(0.99);
  }

  @Test
  void shouldNeverSendAnEntryThatClaimsAnAction() {
    ReplyComposer.Reply r =
        COMPOSER.compose(request("refund me", unit(0, 0.99f, 0.1f), "get_refund", Map.of()));
    assertThat(ClaimDetector.claims(r.text())).isFalse();
    assertThat(r.text()).isEqualTo("To request a refund, visit shop.example.");
  }

  /** Two near-duplicate replies far from the query, and one unlike them for the nearest request. */
  private static final ReplyBank CONSENSUS_BANK =
      new ReplyBank(
          List.of(
              entry("track_order", "Your parcel is with the courier today."),
              entry("track_order", "You can follow the delivery under Order History at any time."),
              entry("track_order", "You can follow the delivery under Order History any time.")),
          new float[][] {unit(1, 0.1f, 0), unit(0.5f, 1, 0), unit(0.5f, 1, 0.05f)});

  @Test
  void shouldPickTheConsensusReplyWithTheFlatMean() {
    ReplyComposer flat = composer(CONSENSUS_BANK, 3, 3, ReplyComposer.Scoring.FLAT);
    ReplyComposer.Reply r =
        flat.compose(request("where is my parcel", unit(1, 0, 0), "track_order", Map.of()));
    assertThat(r.text()).startsWith("You can follow the delivery");
  }

  @Test
  void shouldPreferTheNearestRequestsReplyWhenItsSimilarityWeighsEnough() {
    ReplyComposer near = composer(CONSENSUS_BANK, 3, 3, new ReplyComposer.Scoring(0, 2.0, 0));
    ReplyComposer.Reply r =
        near.compose(request("where is my parcel", unit(1, 0, 0), "track_order", Map.of()));
    assertThat(r.text()).isEqualTo("Your parcel is with the courier today.");
  }

  @Test
  void shouldWeighTheNearestEvidenceMostWhenSharp() {
    double[] sims = {0.9, 0.8, 0.5, 0.1};
    assertThat(ReplyComposer.evidenceWeights(sims, 3, 0)).containsExactly(1, 1, 1, 0);
    double[] sharp = ReplyComposer.evidenceWeights(sims, 3, 10);
    assertThat(sharp[0]).isEqualTo(1.0);
    assertThat(sharp[1]).isCloseTo(Math.exp(-1), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(sharp[2]).isCloseTo(Math.exp(-4), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(sharp[3]).isZero();
  }

  @Test
  void shouldPreferTheLongerReplyWithAPositiveLengthWeight() {
    ReplyBank bank =
        new ReplyBank(
            List.of(
                entry("track_order", "Track your order online."),
                entry(
                    "track_order",
                    "Track your order online; the page shows every step of the delivery.")),
            new float[][] {unit(1, 0, 0), unit(1, 0.05f, 0)});
    ReplyComposer.Request q = request("where is it", unit(1, 0, 0), "track_order", Map.of());
    assertThat(composer(bank, 2, 1, new ReplyComposer.Scoring(0, 0, -1)).compose(q).text())
        .isEqualTo("Track your order online.");
    assertThat(composer(bank, 2, 1, new ReplyComposer.Scoring(0, 0, 1)).compose(q).text())
        .startsWith("Track your order online; the page");
  }

  @Test
  void shouldPreferTheReplyTypicalOfTheIntentPoolWithCentrality() {
    ReplyBank bank =
        new ReplyBank(
            List.of(
                entry("track_order", "Zzz xxx qqq"), // no character in common with the others
                entry("track_order", "You can follow the delivery under Order History."),
                entry("track_order", "You can follow the delivery under Order History today."),
                entry("track_order", "You can follow your delivery under Order History.")),
            new float[][] {unit(1, 0, 0), unit(1, 0.3f, 0), unit(0, 0, 1), unit(0, 0.1f, 1)});
    ReplyComposer.Request q = request("where is it", unit(1, 0, 0), "track_order", Map.of());
    assertThat(composer(bank, 2, 2, new ReplyComposer.Scoring(0, 1, 0, 0)).compose(q).text())
        .isEqualTo("Zzz xxx qqq");
    assertThat(composer(bank, 2, 2, new ReplyComposer.Scoring(0, 1, 0, 1)).compose(q).text())
        .isEqualTo("You can follow the delivery under Order History.");
  }

  @Test
  void shouldRejectACentralityWeightOutsideZeroToOne() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new ReplyComposer.Scoring(0, 0, 0, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("centralityWeight");
  }

  @Test
  void shouldRejectANegativeSharpness() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReplyComposer.Scoring(-1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("evidenceSharpness");
  }

  private static ReplyComposer composer(
      ReplyBank bank, int topK, int evidence, ReplyComposer.Scoring scoring) {
    return new ReplyComposer(
        bank, new RetrievalCalibration(0, 4, 4, 0, 0), 0.5, topK, evidence, 0, scoring);
  }

  private static ReplyComposer.Request request(
      String message, float[] embedding, String intent, Map<String, String> entities) {
    return new ReplyComposer.Request(
        message, embedding, List.of(intent), 0.9, entities, KIT, "shop.example Order History");
  }

  private static ReplyComposer.Request trackAndRefund(float[] whole, List<float[]> clauses) {
    return new ReplyComposer.Request(
        "where is my order? And I want a refund",
        whole,
        clauses,
        List.of("track_order", "get_refund"),
        0.9,
        Map.of(),
        KIT,
        "");
  }

  private static ReplyBank.Entry entry(String intent, String reply) {
    return new ReplyBank.Entry(intent, "request", reply, ClaimDetector.claims(reply));
  }

  private static float[] unit(float... v) {
    Int8Rows.normalize(v);
    return v;
  }
}
