package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleReportTest {
  private static final Percentiles ALL = new Percentiles(120.5, 300, 640.2, 810, 900);
  private static final Percentiles SMALL = new Percentiles(80, 150, 400, 500, 520);
  private static final Percentiles ESCALATED = new Percentiles(2_000, 3_000, 4_000, 4_500, 4_600);

  private static LoadReport report(long sent, long replies, long duplicates, long missing) {
    Map<String, Long> routes = new LinkedHashMap<>();
    routes.put("SMALL_ONLY", replies * 3 / 4);
    routes.put("ESCALATED", replies - replies * 3 / 4);
    routes.put("DEGRADED", 0L);
    routes.put("REJECTED", 0L);
    Map<String, Percentiles> byRoute = new LinkedHashMap<>();
    byRoute.put("SMALL_ONLY", SMALL);
    byRoute.put("ESCALATED", ESCALATED);
    return new LoadReport(
        sent,
        0,
        replies,
        duplicates,
        missing,
        sent - replies - missing,
        routes,
        95.5,
        ALL,
        byRoute,
        0.25,
        1.5,
        30,
        List.of(),
        null,
        null,
        null);
  }

  @Test
  void shouldSummariseCountsRoutesLatencyAndCost() {
    String text = ConsoleReport.summary(report(1000, 996, 0, 0));

    assertThat(text)
        .contains("sent           1000")
        .contains("replies        996")
        .contains("duplicates     0")
        .contains("missing        0")
        .contains("dead-lettered  4")
        .contains("exactly-once   yes")
        .contains("throughput     95.5 replies/s")
        .contains("SMALL_ONLY          747   75.0%")
        .contains("ESCALATED           249   25.0%")
        .contains("REJECTED              0    0.0%")
        .contains("latency ms, from intended send time")
        .contains("all                120.5     300.0     640.2     810.0     900.0")
        .contains("SMALL_ONLY          80.0     150.0     400.0     500.0     520.0")
        .contains("ESCALATED         2000.0    3000.0    4000.0    4500.0    4600.0")
        .contains("escalation rate  25.0%")
        .contains("cost per 1k      $1.5000  (all-frontier $30.0000, saving 95.0%)")
        .doesNotContain("baseline");
  }

  @Test
  void shouldPrintTheQualityOfEachRouteWithDashesWhereNothingWasScored() {
    String text =
        ConsoleReport.summary(report(1000, 996, 0, 0).withQuality(ReportWriterTest.quality()));

    assertThat(text)
        .contains("quality of the replies against the requests' labels and references")
        .containsPattern(
            "SMALL_ONLY +700 +700 +91\\.0% +89\\.0%-93\\.0% +700 +58\\.2 +57\\.1-59\\.4 +99\\.0%")
        .containsPattern("ESCALATED +250 +250 +62\\.0% +56\\.0%-68\\.0% +0 +- +- +- +- +- +-\n")
        .doesNotContain("not measured");
  }

  @Test
  void shouldSayTheQualityWasNotMeasuredWhenTheRequestsSaidNothing() {
    assertThat(ConsoleReport.summary(report(1000, 996, 0, 0)))
        .contains("quality        not measured: the requests carry no label and no reference");
  }

  @Test
  void shouldSayWhyExactlyOnceDoesNotHold() {
    assertThat(ConsoleReport.summary(report(1000, 990, 2, 10)))
        .contains("exactly-once   NO (2 duplicates, 10 missing)");
    assertThat(ConsoleReport.summary(report(1000, 1000, 1, 0)))
        .contains("exactly-once   NO (1 duplicate)");
  }

  @Test
  void shouldCatchRepliesThatDoNotAddUpEvenWithNothingMissing() {
    LoadReport odd =
        new LoadReport(
            10, 0, 12, 0, 0, 0, Map.of(), 1, ALL, Map.of(), 0, 0, 0, List.of(), null, null, null);

    assertThat(ConsoleReport.summary(odd))
        .contains("exactly-once   NO (replies 12 != sent 10 - dead-lettered 0)")
        .contains("saving -");
  }

  @Test
  void shouldCompareWithTheBaseline() {
    LoadReport baseline =
        new LoadReport(
            1000,
            0,
            1000,
            0,
            0,
            0,
            Map.of("ESCALATED", 1000L),
            19.1,
            new Percentiles(1_205, 2_000, 6_402, 7_000, 8_000),
            Map.of("ESCALATED", ALL),
            1,
            30,
            30,
            List.of(),
            null,
            null,
            null);

    String text = ConsoleReport.summary(report(1000, 1000, 0, 0).withBaseline(baseline));

    assertThat(text)
        .contains("against the naive baseline")
        .contains("throughput/s           95.5         19.1     5.00x")
        .contains("p50 ms                120.5       1205.0    10.00x")
        .contains("p99 ms                640.2       6402.0    10.00x")
        .contains("cost per 1k $        1.5000      30.0000    20.00x")
        .contains("baseline exactly-once  yes");
  }

  @Test
  void shouldTabulateStepsAndTheHighestRateThatHeld() {
    StepLoad.Result result =
        new StepLoad.Result(
            List.of(
                new StepLoad.Step(25, report(500, 500, 0, 0), true),
                new StepLoad.Step(50, report(1000, 990, 0, 10), false)),
            Optional.of(25.0));

    String text = ConsoleReport.steps(result);

    assertThat(text.lines().toList())
        .containsExactly(
            "  step       rate/s   throughput/s  small-only p99 ms  missing  held",
            "     1         25.0           95.5              400.0        0   yes",
            "     2         50.0           95.5              400.0       10    no",
            "highest sustainable rate: 25.0 msg/s");
  }

  @Test
  void shouldSayWhenNoStepHeld() {
    LoadReport noSmall =
        new LoadReport(
            10, 0, 0, 0, 10, 0, Map.of(), 0, ALL, Map.of(), 0, 0, 0, List.of(), null, null, null);

    String text =
        ConsoleReport.steps(
            new StepLoad.Result(List.of(new StepLoad.Step(100, noSmall, false)), Optional.empty()));

    assertThat(text)
        .contains("  100.0            0.0                  -       10    no")
        .contains("highest sustainable rate: none");
  }
}
