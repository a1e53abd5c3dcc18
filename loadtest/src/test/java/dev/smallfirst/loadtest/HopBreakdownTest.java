package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.smallfirst.records.Route;
import dev.smallfirst.runtime.trace.HopStamps;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class HopBreakdownTest {
  /** An epoch-microsecond clock the test moves, standing in for every part's wall clock. */
  static final class FakeClock {
    long micros = 1_764_000_000_000_000L;

    long advance(long by) {
      micros += by;
      return micros;
    }
  }

  /** What the parts write on the small path: the gather round, then the draft round. */
  static Headers smallPath(FakeClock clock) {
    Headers h = new RecordHeaders();
    HopStamps.stamp(h, HopStamps.SENT, clock.micros);
    HopStamps.stamp(h, HopStamps.TOPOLOGY_IN, clock.advance(3_000)); // intake
    HopStamps.stamp(h, HopStamps.TOPOLOGY_OUT, clock.advance(200)); // fan-out
    for (long inference : new long[] {4_000, 9_000}) {
      Headers next = HopStamps.copy(h); // the worker passes the stamps on
      HopStamps.stamp(next, HopStamps.WORKER_POLLED, clock.advance(60_000)); // queue wait
      HopStamps.stamp(next, HopStamps.WORKER_BATCH, clock.advance(5_000)); // batch fill
      HopStamps.stamp(next, HopStamps.WORKER_INFERRED, clock.advance(inference));
      HopStamps.stamp(next, HopStamps.TOPOLOGY_IN, clock.advance(40_000)); // worker commit
      HopStamps.stamp(next, HopStamps.TOPOLOGY_OUT, clock.advance(300)); // aggregation
      h = next;
    }
    return h;
  }

  @Test
  void shouldSumEachHopOverTheRoundsOfTheSmallPath() {
    // Given a reply whose stamps the fake clock wrote along the small path
    FakeClock clock = new FakeClock();
    long sent = clock.micros;
    Headers reply = smallPath(clock);

    // When it is consumed 70 ms after the topology forwarded it
    Map<String, Long> hops = HopBreakdown.of(HopStamps.read(reply), clock.advance(70_000)).get();

    // Then each hop holds its time, the two worker rounds summed, and they add up to the total
    assertThat(hops)
        .containsExactly(
            entry("intake", 3_000L),
            entry("fan_out", 200L),
            entry("queue_wait", 120_000L),
            entry("batch_fill", 10_000L),
            entry("inference", 13_000L),
            entry("worker_commit", 80_000L),
            entry("aggregation", 600L),
            entry("reply", 70_000L));
    assertThat(hops.values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(clock.micros - sent);
  }

  /** Headers stamped with {@code events}, each after the clock moved by the next delay. */
  private static Headers stamps(FakeClock clock, List<String> events, long... delays) {
    Headers h = new RecordHeaders();
    for (int i = 0; i < events.size(); i++) {
      HopStamps.stamp(h, events.get(i), clock.advance(delays[i]));
    }
    return h;
  }

  @Test
  void shouldNameTheHopOfAPartThatStampsNothingFrontier() {
    FakeClock clock = new FakeClock();
    Headers h =
        stamps(
            clock,
            List.of(
                HopStamps.SENT,
                HopStamps.TOPOLOGY_IN,
                HopStamps.TOPOLOGY_OUT,
                HopStamps.TOPOLOGY_IN,
                HopStamps.TOPOLOGY_OUT),
            0,
            1_000,
            100,
            500_000,
            100);

    assertThat(HopBreakdown.of(HopStamps.read(h), clock.advance(2_000)).get())
        .containsEntry("frontier", 500_000L)
        .containsEntry("aggregation", 100L)
        .containsEntry("reply", 2_000L);
  }

  @Test
  void shouldLeaveOutATraceThatDoesNotStartAtTheSend() {
    // A reply finalized by the deadline punctuator carries only the topology's own stamps
    FakeClock clock = new FakeClock();
    Headers h = stamps(clock, List.of(HopStamps.TOPOLOGY_IN, HopStamps.TOPOLOGY_OUT), 0, 10);

    assertThat(HopBreakdown.of(HopStamps.read(h), clock.advance(10))).isEmpty();
    assertThat(HopBreakdown.of(List.of(), clock.micros)).isEmpty();
  }

  @Test
  void shouldLeaveOutATraceThatNothingStampedOnTheWay() {
    // The naive baseline's Streams processor passes the message's headers through untouched
    FakeClock clock = new FakeClock();
    Headers h = stamps(clock, List.of(HopStamps.SENT), 0);

    assertThat(HopBreakdown.of(HopStamps.read(h), clock.advance(40_000))).isEmpty();
  }

  @Test
  void shouldCountAClockThatWentBackAsZero() {
    FakeClock clock = new FakeClock();
    Headers h = new RecordHeaders();
    HopStamps.stamp(h, HopStamps.SENT, clock.micros);
    HopStamps.stamp(h, HopStamps.TOPOLOGY_IN, clock.micros - 500); // another machine, behind

    assertThat(HopBreakdown.of(HopStamps.read(h), clock.advance(1_000)).get())
        .containsEntry("intake", 0L);
  }

  @Test
  void shouldReportPercentilesPerHopOfTracedSmallOnlyRepliesOnly() {
    // Given 100 traced small-only replies, one traced escalated reply and one untraced reply
    ReplyTracker tracker = new ReplyTracker();
    FakeClock clock = new FakeClock();
    for (int i = 0; i < 102; i++) {
      tracker.at("m" + i, i);
    }
    for (int i = 0; i < 100; i++) {
      Headers h = smallPath(clock);
      tracker.onReply(
          ReplyTrackerTest.reply("m" + i, Route.SMALL_ONLY, List.of()),
          1_000,
          HopStamps.read(h),
          clock.advance(70_000));
    }
    Headers escalated = smallPath(clock);
    tracker.onReply(
        ReplyTrackerTest.reply("m100", Route.ESCALATED, List.of()),
        1_000,
        HopStamps.read(escalated),
        clock.advance(9_000_000));
    tracker.onReply(ReplyTrackerTest.reply("m101", Route.SMALL_ONLY, List.of()), 1_000);

    // When reported
    LoadReport report = tracker.report();

    // Then the hops are those of the small path, in path order, in milliseconds
    assertThat(report.perHop().keySet())
        .containsExactlyElementsOf(
            HopBreakdown.HOPS.stream()
                .filter(hop -> !List.of("frontier", "other").contains(hop))
                .toList());
    // (HdrHistogram keeps three significant digits)
    HopTiming queue = report.perHop().get("queue_wait");
    assertThat(List.of(queue.p50(), queue.p99(), queue.mean()))
        .allSatisfy(v -> assertThat(v).isCloseTo(120.0, within(0.12)));
    assertThat(report.perHop().get("reply").p99()).isCloseTo(70.0, within(0.07));
    assertThat(report.perHop().get("fan_out").p50()).isCloseTo(0.2, within(0.001));
  }
}
