package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Channel;
import dev.smallfirst.records.Customer;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.SupportMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTrackerTest {
  private static final long MS = 1_000_000L;

  /** A nanosecond clock the test moves. */
  private static final class FakeClock {
    long now;
  }

  @Test
  void shouldMeasureFromTheIntendedSendTimeWhenTheSenderStalls() {
    // Given: 100 msg/s; the producer stalls for one second on message 10
    FakeClock clock = new FakeClock();
    ReplyTracker tracker = new ReplyTracker();
    List<SupportMessage> sent = new ArrayList<>();
    OpenLoopSender sender =
        new OpenLoopSender(ArrivalSchedule.fixed(100), () -> clock.now, wait -> clock.now += wait);

    // When: every message is answered 5 ms after it actually left
    sender.run(
        20,
        ReplyTrackerTest::message,
        tracker,
        m -> {
          if (m.getMessageId().equals("m10")) {
            clock.now += 1_000 * MS;
          }
          sent.add(m);
          tracker.onReply(reply(m.getMessageId(), Route.SMALL_ONLY, List.of()), clock.now + 5 * MS);
        });

    // Then: the messages queued behind the stall carry the stall in their latency
    LoadReport report = tracker.report();
    assertThat(report.sent()).isEqualTo(20);
    assertThat(report.latency().max()).isGreaterThanOrEqualTo(1_000.0);
    // m11 was due at 110 ms but left at 1,100 ms: a closed-loop tool would have reported 5 ms
    assertThat(report.latency().p90()).isGreaterThan(900.0);
  }

  @Test
  void shouldCountDuplicatesMissingAndDeadLetters() {
    ReplyTracker tracker = new ReplyTracker();
    for (int i = 0; i < 5; i++) {
      tracker.at("m" + i, i * MS);
    }

    tracker.onReply(reply("m0", Route.SMALL_ONLY, List.of()), 10 * MS);
    tracker.onReply(reply("m0", Route.SMALL_ONLY, List.of()), 11 * MS);
    tracker.onReply(
        reply("m1", Route.ESCALATED, List.of(EscalationReason.CUSTOMER_FACING)), 20 * MS);
    tracker.onReply(reply("m2", Route.REJECTED, List.of()), 20 * MS);
    tracker.onDeadLetter("m3");
    tracker.onReply(reply("not-ours", Route.SMALL_ONLY, List.of()), 20 * MS);

    LoadReport report = tracker.report();
    assertThat(report.replies()).isEqualTo(3);
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(report.deadLettered()).isEqualTo(1);
    assertThat(report.missing()).isEqualTo(1); // m4
    assertThat(report.routes())
        .containsEntry("SMALL_ONLY", 1L)
        .containsEntry("ESCALATED", 1L)
        .containsEntry("REJECTED", 1L);
    assertThat(report.escalationRate()).isEqualTo(0.5); // 1 of the 2 answerable replies
    assertThat(report.exactlyOnce()).isFalse();
    assertThat(tracker.settled()).isEqualTo(4);
  }

  @Test
  void shouldReportCostPerThousandInDollars() {
    ReplyTracker tracker = new ReplyTracker();
    tracker.at("a", 0);
    tracker.at("b", 0);

    tracker.onReply(withCost(reply("a", Route.SMALL_ONLY, List.of()), 80, 30_000), MS);
    tracker.onReply(
        withCost(
            reply("b", Route.ESCALATED, List.of(EscalationReason.CUSTOMER_FACING)), 4_080, 30_000),
        MS);

    // (80 + 4,080) micro-dollars over 2 replies = 2,080 per reply = $2.08 per 1,000
    assertThat(tracker.report().costPer1kUsd()).isEqualTo(2.08);
    assertThat(tracker.report().allFrontierCostPer1kUsd()).isEqualTo(30.0);
  }

  @Test
  void shouldCountTheRepliesOfEachEscalationReasonMostFrequentFirst() {
    ReplyTracker tracker = new ReplyTracker();
    for (String id : List.of("a", "b", "c", "d")) {
      tracker.at(id, 0);
    }
    tracker.onReply(reply("a", Route.SMALL_ONLY, List.of()), MS);
    tracker.onReply(
        reply(
            "b",
            Route.ESCALATED,
            List.of(EscalationReason.LOW_DRAFT_CONFIDENCE, EscalationReason.CUSTOMER_FACING)),
        MS);
    tracker.onReply(reply("c", Route.ESCALATED, List.of(EscalationReason.CUSTOMER_FACING)), MS);
    tracker.onReply(reply("c", Route.ESCALATED, List.of(EscalationReason.CUSTOMER_FACING)), MS);
    tracker.onReply(reply("d", Route.ESCALATED, List.of(EscalationReason.CUSTOMER_FACING)), MS);

    // the duplicate of c is not counted twice
    assertThat(tracker.report().escalationReasons())
        .containsExactly(
            java.util.Map.entry("CUSTOMER_FACING", 3L),
            java.util.Map.entry("LOW_DRAFT_CONFIDENCE", 1L));
    assertThat(ConsoleReport.summary(tracker.report()))
        .contains("reasons        CUSTOMER_FACING 75.0%, LOW_DRAFT_CONFIDENCE 25.0%");
  }

  @Test
  void shouldBeExactlyOnceWhenEveryMessageIsAnsweredOnce() {
    ReplyTracker tracker = new ReplyTracker();
    tracker.at("a", 0);
    tracker.onReply(reply("a", Route.SMALL_ONLY, List.of()), MS);

    assertThat(tracker.report().exactlyOnce()).isTrue();
  }

  @Test
  void shouldReportMessagesThatNeverReachedTheBrokerApartFromMissingOnes() {
    // Given 10 of 12 planned messages attempted: 2 sends failed, 7 answered, 1 lost in the pipeline
    ReplyTracker tracker = new ReplyTracker();
    for (int i = 0; i < 10; i++) {
      tracker.at("m" + i, i * MS);
    }
    tracker.onNotSent("m8");
    tracker.onNotSent("m9");
    for (int i = 0; i < 7; i++) {
      tracker.onReply(reply("m" + i, Route.SMALL_ONLY, List.of()), 100 * MS);
    }

    // When the run ends
    LoadReport report = tracker.report(12);

    // Then: 8 sent, 4 not sent (2 failed, 2 never tried), 1 missing
    assertThat(report.sent()).isEqualTo(8);
    assertThat(report.notSent()).isEqualTo(4);
    assertThat(report.missing()).isEqualTo(1);
    assertThat(report.exactlyOnce()).isFalse();
  }

  static SupportMessage message(int i) {
    return SupportMessage.newBuilder()
        .setMessageId("m" + i)
        .setTicketId("t" + i)
        .setTenantId("acme")
        .setChannel(Channel.CHAT)
        .setCustomer(new Customer("c", CustomerTier.STANDARD))
        .setSubject(null)
        .setBody("hello")
        .setLanguage(null)
        .setAudience(Audience.AGENT)
        .setReceivedAt(Instant.EPOCH)
        .setAttributes(Map.of())
        .build();
  }

  static DraftedReply reply(String id, Route route, List<EscalationReason> reasons) {
    return DraftedReply.newBuilder()
        .setMessageId(id)
        .setTicketId("t")
        .setTenantId("acme")
        .setText("x")
        .setRoute(route)
        .setEscalationReasons(reasons)
        .setTotalLatencyMillis(1)
        .setCostMicros(0)
        .setAllFrontierCostMicros(0)
        .setReceivedAt(Instant.EPOCH)
        .setRepliedAt(Instant.EPOCH)
        .build();
  }

  static DraftedReply withCost(DraftedReply r, long cost, long allFrontier) {
    return DraftedReply.newBuilder(r)
        .setCostMicros(cost)
        .setAllFrontierCostMicros(allFrontier)
        .build();
  }
}
