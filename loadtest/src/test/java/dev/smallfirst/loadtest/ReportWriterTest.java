package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  private static final Percentiles P = new Percentiles(120.5, 300, 640.2, 810, 900);
  private static final LoadReport REPORT =
      new LoadReport(
          1000,
          0,
          990,
          0,
          0,
          10,
          Map.of("SMALL_ONLY", 700L, "ESCALATED", 250L, "DEGRADED", 30L, "REJECTED", 10L),
          95.5,
          P,
          Map.of("SMALL_ONLY", P, "ESCALATED", P),
          0.28,
          1.234,
          31.5,
          List.of(new LoadReport.Second(0, 100, 90), new LoadReport.Second(1, 100, 110)),
          null,
          null,
          null);

  @Test
  void shouldWriteEveryFieldOfTheJsonContract() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportWriter.json(REPORT.withBaseline(REPORT)));

    for (String field :
        List.of(
            "sent",
            "replies",
            "duplicates",
            "missing",
            "dead_lettered",
            "routes",
            "throughput_per_s",
            "latency_ms",
            "latency_ms_by_route",
            "escalation_rate",
            "cost_per_1k_usd",
            "all_frontier_cost_per_1k_usd",
            "baseline")) {
      assertThat(json.has(field)).as(field).isTrue();
    }
    assertThat(json.get("latency_ms").get("p999").asDouble()).isEqualTo(810);
    assertThat(json.get("routes").get("ESCALATED").asLong()).isEqualTo(250);
    assertThat(json.get("baseline").get("sent").asLong()).isEqualTo(1000);
  }

  /** A quality section as the demo makes it: every route scored, escalated without references. */
  static QualityReport quality() {
    QualityReport.RouteQuality small =
        new QualityReport.RouteQuality(
            700,
            700,
            0.91,
            new QualityReport.Interval(0.89, 0.93),
            700,
            58.2,
            new QualityReport.Interval(57.1, 59.4),
            0.99,
            0.0,
            0.0,
            0.0);
    QualityReport.RouteQuality escalated =
        new QualityReport.RouteQuality(
            250,
            250,
            0.62,
            new QualityReport.Interval(0.56, 0.68),
            0,
            null,
            null,
            null,
            null,
            null,
            null);
    Map<String, QualityReport.RouteQuality> routes = new java.util.LinkedHashMap<>();
    routes.put("all", small);
    routes.put("SMALL_ONLY", small);
    routes.put("ESCALATED", escalated);
    return new QualityReport(950, 700, routes, "how");
  }

  @Test
  void shouldWriteTheQualitySectionWithoutTheMetricsNothingScored() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ReportWriter.json(REPORT.withQuality(quality())));

    JsonNode q = json.get("quality");
    assertThat(q.get("labelled").asLong()).isEqualTo(950);
    assertThat(q.get("routes").get("SMALL_ONLY").get("intent_accuracy").asDouble()).isEqualTo(0.91);
    assertThat(q.get("routes").get("SMALL_ONLY").get("chrf_ci95").get("low").asDouble())
        .isEqualTo(57.1);
    JsonNode escalated = q.get("routes").get("ESCALATED");
    assertThat(escalated.has("intent_accuracy")).isTrue();
    assertThat(escalated.has("chrf")).as("absent, not 0").isFalse();
    assertThat(escalated.has("entity_faithfulness")).isFalse();
  }

  @Test
  void shouldLeaveOutTheQualitySectionAndSaySoWhenTheRequestsSaidNothing(@TempDir Path dir)
      throws Exception {
    assertThat(new ObjectMapper().readTree(ReportWriter.json(REPORT)).has("quality")).isFalse();
    String html = Files.readString(ReportWriter.writeHtml(REPORT, dir, "plain"));
    assertThat(html).contains("Quality: not measured").doesNotContain("<table class=\"quality\"");
    String scored =
        Files.readString(ReportWriter.writeHtml(REPORT.withQuality(quality()), dir, "scored"));
    assertThat(scored)
        .contains("<table class=\"quality\"", "<td>91.0%</td>", "<td>89.0%-93.0%</td>");
  }

  @Test
  void shouldWriteTheRepliesOfEachEscalationReason(@TempDir Path dir) throws Exception {
    java.util.Map<String, Long> reasons = new java.util.LinkedHashMap<>();
    reasons.put("LOW_DRAFT_CONFIDENCE", 198L);
    reasons.put("CUSTOMER_FACING", 99L);
    LoadReport r = REPORT.withEscalationReasons(reasons);

    JsonNode json = new ObjectMapper().readTree(ReportWriter.json(r));
    assertThat(json.get("escalation_reasons").get("LOW_DRAFT_CONFIDENCE").asLong()).isEqualTo(198);
    String html = Files.readString(ReportWriter.writeHtml(r, dir, "reasons"));
    assertThat(html)
        .contains(
            "<table class=\"reasons\">",
            "<td>LOW_DRAFT_CONFIDENCE</td><td>198</td><td>20.0%</td>",
            "<td>CUSTOMER_FACING</td><td>99</td><td>10.0%</td>");
    assertThat(Files.readString(ReportWriter.writeHtml(REPORT, dir, "none")))
        .doesNotContain("<table class=\"reasons\">");
  }

  @Test
  void shouldLeaveOutTheBaselineWhenNoneWasRun() throws Exception {
    assertThat(new ObjectMapper().readTree(ReportWriter.json(REPORT)).has("baseline")).isFalse();
  }

  @Test
  void shouldWriteASelfContainedHtmlPageWithCharts(@TempDir Path dir) throws Exception {
    Path page = ReportWriter.writeHtml(REPORT, dir, "demo <run>");

    String html = Files.readString(page);
    assertThat(html)
        .contains("demo &lt;run&gt;")
        .contains("data-chart=\"latency\"", "data-chart=\"hops\"", "data-chart=\"timeline\"")
        .contains("id=\"report-data\"")
        .contains("echarts");
    // nothing fetched: opens offline
    assertThat(html).doesNotContain("<script src", "<link");
    // the embedded JSON cannot end its script element early
    assertThat(html.substring(html.indexOf("id=\"report-data\""))).contains("</script>");
    assertThat(dir.resolve("report.json")).exists();
  }
}
