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
