package dev.smallfirst.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.loadtest.QualityReport;
import dev.smallfirst.loadtest.RequestFileMessages;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.models.stats.Bootstrap;
import dev.smallfirst.models.text.ChrF;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.SupportMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's quality section: hand-made replies scored against hand-made rows, per route. */
class ReplyQualityTest {
  private static final Map<String, String> KIT = Map.of("Website Name", "shop.example");

  /** Repeats the order number (so a reply must too) and leaves a company slot to the kit. */
  private static final String REFERENCE =
      "I can help with order 12345. Please visit {{Website Name}} to cancel it.";

  private static RequestFileMessages.Truth row(String label, String reference) {
    return new RequestFileMessages.Truth(
        "please cancel order 12345", label, reference, Map.of("ORDER_ID", "12345"));
  }

  private static DraftedReply reply(String id, Route route, String intent, String text) {
    return DraftedReply.newBuilder()
        .setMessageId(id)
        .setTicketId("t-" + id)
        .setTenantId("demo")
        .setText(text)
        .setRoute(route)
        .setIntent(intent)
        .setTotalLatencyMillis(1)
        .setCostMicros(0)
        .setAllFrontierCostMicros(0)
        .setReceivedAt(Instant.EPOCH)
        .setRepliedAt(Instant.EPOCH)
        .build();
  }

  private static ReplyQuality.Scored score(RequestFileMessages.Truth t, DraftedReply r) {
    return ReplyQuality.score(t, r, KIT, String.join("\n", KIT.values()));
  }

  @Test
  void shouldScoreAReplyThatFillsTheReferenceSlotsAsAPerfectMatch() {
    // Given: a reply that says exactly what the slot-folded reference says
    DraftedReply r =
        reply(
            "m1",
            Route.SMALL_ONLY,
            "cancel_order",
            "I can help with order 12345. Please visit shop.example to cancel it.");

    // When
    ReplyQuality.Scored s = score(row("cancel_order", REFERENCE), r);

    // Then: chrF 100, faithful, nothing invented, no slot, no claim, intent right
    assertThat(ChrF.score(s.chrf())).isEqualTo(100.0);
    assertThat(s.intentRight()).isTrue();
    assertThat(s.faithful()).isTrue();
    assertThat(s.invented()).isFalse();
    assertThat(s.unresolved()).isFalse();
    assertThat(s.claims()).isFalse();
  }

  @Test
  void shouldFlagAWrongIntentAMissingIdAnInventedIdASlotLeftAndAFalseClaim() {
    DraftedReply r =
        reply(
            "m2",
            Route.SMALL_ONLY,
            "track_order",
            "I've cancelled order 99999. Visit {{Website Name}} for more.");

    ReplyQuality.Scored s = score(row("cancel_order", REFERENCE), r);

    assertThat(s.intentRight()).isFalse();
    assertThat(s.faithful()).as("12345 is not repeated").isFalse();
    assertThat(s.invented()).as("99999 is in neither the request nor the kit").isTrue();
    assertThat(s.unresolved()).isTrue();
    assertThat(s.claims()).isTrue();
    assertThat(ChrF.score(s.chrf())).isLessThan(60.0);
  }

  @Test
  void shouldCountAReplyWithoutAnIntentAsWrong() {
    ReplyQuality.Scored s =
        score(row("cancel_order", null), reply("m3", Route.DEGRADED, null, "Sorry."));

    assertThat(s.intentRight()).isFalse();
    assertThat(s.chrf()).as("no reference, no draft metrics").isNull();
  }

  @Test
  void shouldSplitByRouteAndLeaveOutWhatNothingScored() {
    // Given: three small-only replies (two intents right, all with references), one escalated
    // with a label only
    List<ReplyQuality.Scored> scored = new ArrayList<>();
    String good = "I can help with order 12345. Please visit shop.example to cancel it.";
    scored.add(
        score(row("cancel_order", REFERENCE), reply("a", Route.SMALL_ONLY, "cancel_order", good)));
    scored.add(
        score(row("cancel_order", REFERENCE), reply("b", Route.SMALL_ONLY, "cancel_order", good)));
    scored.add(
        score(row("cancel_order", REFERENCE), reply("c", Route.SMALL_ONLY, "refund", "Hi.")));
    scored.add(score(row("refund", null), reply("d", Route.ESCALATED, "refund", "Polished.")));

    // When
    QualityReport q = ReplyQuality.report(scored, new Bootstrap(200, 1));

    // Then
    assertThat(q.labelled()).isEqualTo(4);
    assertThat(q.withReference()).isEqualTo(3);
    assertThat(q.routes()).containsOnlyKeys("all", "SMALL_ONLY", "ESCALATED");
    QualityReport.RouteQuality small = q.routes().get("SMALL_ONLY");
    assertThat(small.replies()).isEqualTo(3);
    assertThat(small.intentAccuracy()).isEqualTo(0.6667);
    assertThat(small.intentAccuracyCi95().low()).isLessThanOrEqualTo(0.6667);
    assertThat(small.intentAccuracyCi95().high()).isGreaterThanOrEqualTo(0.6667);
    assertThat(small.entityFaithfulness()).isEqualTo(0.6667);
    assertThat(small.chrf()).isBetween(50.0, 100.0);
    assertThat(small.chrfCi95().high()).isLessThanOrEqualTo(100.0);
    QualityReport.RouteQuality escalated = q.routes().get("ESCALATED");
    assertThat(escalated.intentAccuracy()).isEqualTo(1.0);
    assertThat(escalated.withReference()).isZero();
    assertThat(escalated.chrf()).as("absent, not 0").isNull();
    assertThat(escalated.entityFaithfulness()).isNull();
    assertThat(q.routes().get("all").intentAccuracy()).isEqualTo(0.75);
  }

  @Test
  void shouldHaveNoReportWhenNothingWasScored() {
    assertThat(ReplyQuality.report(List.of(), Bootstrap.standard())).isNull();
  }

  @Test
  void shouldMatchRepliesToTheRowsOfTheMessagesSentById(@TempDir Path dir) throws Exception {
    // Given: a file of one labelled row and one row that says nothing
    Path file = dir.resolve("rows.jsonl");
    Files.writeString(
        file,
        """
        {"text": "cancel order 12345", "label": "cancel_order", "spans": [{"start": 13, "end": 18, "label": "order_id"}], "response": "Order {{Order Number}} is being cancelled on {{Website Name}}."}
        {"text": "hello there"}
        """);
    ReplyQuality quality = new ReplyQuality(ReplyKit.of(KIT, Map.of()), "demo");
    IntFunction<SupportMessage> messages =
        quality.recording(RequestFileMessages.read(file, "run", "demo", Clock.systemUTC()));
    SupportMessage first = messages.apply(0);
    SupportMessage second = messages.apply(1);

    // When: both are answered, and a reply to a message this run never sent arrives
    quality.onReply(
        reply(
            first.getMessageId(),
            Route.SMALL_ONLY,
            "cancel_order",
            "Order 12345 is being cancelled on shop.example."));
    quality.onReply(reply(second.getMessageId(), Route.SMALL_ONLY, "greeting", "Hi."));
    quality.onReply(reply("someone-else", Route.SMALL_ONLY, "x", "y"));

    // Then: only the labelled row is scored, and it matches its reference exactly
    QualityReport q = quality.report();
    assertThat(q.labelled()).isEqualTo(1);
    assertThat(q.routes().get("all").replies()).isEqualTo(1);
    assertThat(q.routes().get("SMALL_ONLY").chrf()).isEqualTo(100.0);
    assertThat(q.routes().get("SMALL_ONLY").entityFaithfulness()).isEqualTo(1.0);
  }
}
