package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.Route;
import dev.smallfirst.runtime.trace.HopStamps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report in a real browser: every chart draws, and the console stays silent. */
class ReportPageBrowserTest {
  private static final long MS = 1_000_000L;

  /**
   * A report as the tracker makes it: 2,000 replies over 20 s at 100/s, a tenth escalated, the
   * small-only ones traced along the small path.
   */
  private static LoadReport tracked(boolean traced, long extraMs) {
    ReplyTracker tracker = new ReplyTracker();
    long epoch = 1_764_000_000_000_000L;
    for (int i = 0; i < 2_000; i++) {
      long intended = i * 10 * MS;
      tracker.at("m" + i, intended);
      long latencyMs = extraMs + 40 + (i * 7919L) % 160 + (i % 97 == 0 ? 600 : 0);
      boolean escalated = i % 10 == 0;
      Headers h = new RecordHeaders();
      long sent = epoch + intended / 1_000;
      if (traced && !escalated) {
        // the small path's stamps, evenly spaced over the reply's latency
        List<HopStamps.Stamp> path =
            HopStamps.read(HopBreakdownTest.smallPath(new HopBreakdownTest.FakeClock()));
        for (int k = 0; k < path.size(); k++) {
          HopStamps.stamp(h, path.get(k).event(), sent + k * latencyMs * 1_000 / path.size());
        }
      }
      tracker.onReply(
          ReplyTrackerTest.withCost(
              ReplyTrackerTest.reply(
                  "m" + i,
                  escalated ? Route.ESCALATED : Route.SMALL_ONLY,
                  escalated ? List.of(EscalationReason.CUSTOMER_FACING) : List.of()),
              escalated ? 9_000 : 80,
              31_500),
          intended + latencyMs * MS,
          HopStamps.read(h),
          sent + latencyMs * 1_000);
    }
    return tracker.report();
  }

  @Test
  void shouldDrawEveryChartOfARunWithItsBaseline(@TempDir Path dir) throws Exception {
    HeadlessChromium chromium = HeadlessChromium.orSkip();
    LoadReport report =
        tracked(true, 0).withQuality(ReportWriterTest.quality()).withBaseline(tracked(false, 30));
    assertThat(report.perHop()).isNotNull();

    Path page = ReportWriter.writeHtml(report, dir.resolve("report"), "smallfirst load test");
    HeadlessChromium.Rendered rendered =
        chromium.render(page, Files.createDirectory(dir.resolve("b")));

    // saturation is only measured by demo --saturate
    rendered.assertEveryChartRendered(Set.of("saturation"));
    assertThat(rendered.charts().keySet())
        .containsExactly("saturation", "latency", "hops", "timeline", "cost", "routes", "quality");
    // both systems are in the percentile chart's legend, and the axis names percentiles
    assertThat(rendered.inside("latency"))
        .contains("naive baseline, all", "smallfirst, small-only", "99.9%");
    assertThat(rendered.inside("hops")).contains("queue_wait", "worker_commit");
    assertThat(rendered.inside("quality"))
        .contains("intent accuracy %", "chrF (slot-folded)", "SMALL_ONLY (700)", "58.2");
  }

  @Test
  void shouldSayNotMeasuredWhereTheReportHasNoData(@TempDir Path dir) throws Exception {
    HeadlessChromium chromium = HeadlessChromium.orSkip();
    LoadReport untraced = tracked(false, 0);
    assertThat(untraced.perHop()).isNull();

    Path page = ReportWriter.writeHtml(untraced, dir.resolve("report"), "untraced");
    HeadlessChromium.Rendered rendered =
        chromium.render(page, Files.createDirectory(dir.resolve("b")));

    rendered.assertEveryChartRendered(Set.of("saturation", "hops", "quality"));
    assertThat(rendered.dom()).contains("Quality: not measured");
  }
}
