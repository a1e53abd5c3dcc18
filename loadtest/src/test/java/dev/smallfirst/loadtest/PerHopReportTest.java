package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.records.Route;
import dev.smallfirst.runtime.trace.HopStamps;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-hop breakdown in the console summary and the JSON report. */
class PerHopReportTest {
  private static LoadReport traced() {
    ReplyTracker tracker = new ReplyTracker();
    HopBreakdownTest.FakeClock clock = new HopBreakdownTest.FakeClock();
    for (int i = 0; i < 10; i++) {
      tracker.at("m" + i, i);
      tracker.onReply(
          ReplyTrackerTest.reply("m" + i, Route.SMALL_ONLY, List.of()),
          1_000,
          HopStamps.read(HopBreakdownTest.smallPath(clock)),
          clock.advance(70_000));
    }
    return tracker.report();
  }

  @Test
  void shouldWriteEachHopsP50AndP99InTheJsonReport() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportWriter.json(traced()));

    JsonNode hops = json.get("per_hop_ms");
    assertThat(hops.fieldNames())
        .toIterable()
        .containsExactly(
            HopBreakdown.HOPS.stream()
                .filter(hop -> !List.of("frontier", "other").contains(hop))
                .toArray(String[]::new));
    assertThat(hops.get("inference").get("p50").asDouble()).isBetween(13.0, 13.02);
    assertThat(hops.get("reply").get("p99").asDouble()).isBetween(70.0, 70.07);
  }

  @Test
  void shouldLeaveOutPerHopWhenNoReplyWasTraced() throws Exception {
    ReplyTracker tracker = new ReplyTracker();
    tracker.at("m0", 0);
    tracker.onReply(ReplyTrackerTest.reply("m0", Route.SMALL_ONLY, List.of()), 1_000);

    LoadReport report = tracker.report();

    assertThat(new ObjectMapper().readTree(ReportWriter.json(report)).has("per_hop_ms")).isFalse();
    assertThat(ConsoleReport.summary(report)).doesNotContain("per hop");
  }

  @Test
  void shouldPrintATableOfTheHopsInPathOrder() {
    String summary = ConsoleReport.summary(traced());

    assertThat(summary).contains("small-only time per hop ms");
    assertThat(summary.indexOf("intake")).isLessThan(summary.indexOf("queue_wait"));
    assertThat(summary.indexOf("queue_wait")).isLessThan(summary.indexOf("reply "));
    assertThat(summary).containsPattern("inference\\s+13\\.0\\d\\s+13\\.0\\d\\s+13\\.0\\d");
  }
}
