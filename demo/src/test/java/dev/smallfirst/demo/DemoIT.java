package dev.smallfirst.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.loadtest.LoadReport;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end at a small size, on the real broker and registry: the topology, four workers
 * with the committed default models, the frontier stand-in and the naive baseline each answer every
 * message exactly once, and the reports are written.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DemoIT {

  @Test
  void shouldAnswerEveryTicketExactlyOnceInThePipelineAndTheBaseline(
      LocalStack stack, @TempDir Path reports) throws Exception {
    DemoOptions options =
        DemoCommand.parse(
            new String[] {
              "--messages",
              "300",
              "--rate",
              "25",
              "--baseline-messages",
              "100",
              "--warmup",
              "30",
              "--report-dir",
              reports.toString(),
              "--report-json",
              reports.resolve("demo.json").toString()
            },
            DemoMain.defaultModels());
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    LoadReport report =
        Demo.run(
            options,
            stack.bootstrapServers(),
            stack.registryUrl(),
            System.out,
            new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertThat(report.sent()).isEqualTo(300);
    assertThat(report.replies()).isEqualTo(report.sent() - report.deadLettered());
    assertThat(report.duplicates()).isZero();
    assertThat(report.missing()).isZero();
    assertThat(report.routes().get("SMALL_ONLY")).isPositive();
    assertThat(report.routes().get("ESCALATED")).isPositive();
    assertThat(report.costPer1kUsd()).isPositive().isLessThan(report.allFrontierCostPer1kUsd());
    LoadReport baseline = report.baseline();
    assertThat(baseline.sent()).isEqualTo(100);
    assertThat(baseline.exactlyOnce()).isTrue();
    assertThat(baseline.duplicates()).isZero();
    assertThat(baseline.latencyByRoute()).containsKey("SMALL_ONLY");
    assertThat(baseline.routes().get("ESCALATED")).isPositive();
    assertThat(baseline.costPer1kUsd()).isPositive();
    assertThat(baseline.settings().get("commit.interval.ms"))
        .isEqualTo(report.settings().get("topology.commit.interval.ms"));

    JsonNode json = new ObjectMapper().readTree(reports.resolve("demo.json").toFile());
    assertThat(json.get("sent").asLong()).isEqualTo(300);
    assertThat(json.get("duplicates").asLong()).isZero();
    assertThat(json.get("missing").asLong()).isZero();
    assertThat(json.get("baseline").get("sent").asLong()).isEqualTo(100);
    assertThat(json.get("baseline").get("latency_ms_by_route").get("SMALL_ONLY").get("p99"))
        .isNotNull();
    assertThat(json.get("baseline").get("settings").get("commit.interval.ms")).isNotNull();
    assertThat(json.get("saturation")).isNull();
    assertThat(reports.resolve("index.html")).isNotEmptyFile();
    assertThat(Files.readString(reports.resolve("report.json"))).contains("\"baseline\"");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("warm-up (not in the report)");
  }

  @Test
  void shouldReportTheSaturationOfBothSystemsWhenAskedTo(LocalStack stack, @TempDir Path reports)
      throws Exception {
    // Given a search of short steps from the maximum rate, 10/s (halving when that fails)
    DemoOptions options =
        DemoCommand.parse(
            new String[] {
              "--saturate",
              "--saturate-start",
              "10",
              "--saturate-max",
              "10",
              "--step-seconds",
              "2",
              "--step-warmup",
              "10",
              "--slo-p99-ms",
              "60000",
              "--report-dir",
              reports.toString()
            },
            DemoMain.defaultModels());

    // When the demo runs it
    LoadReport report =
        Demo.run(options, stack.bootstrapServers(), stack.registryUrl(), System.out, System.err);

    // Then both systems were stepped, each step exactly once, and the JSON carries the result
    LoadReport.Saturation s = report.saturation();
    assertThat(s.sloP99Millis()).isEqualTo(60000);
    assertThat(s.steps())
        .extracting(LoadReport.SaturationStep::system)
        .contains("smallfirst", "baseline");
    assertThat(s.steps()).allMatch(LoadReport.SaturationStep::exactlyOnce);
    assertThat(s.ratio())
        .isEqualTo(
            s.baselinePerSecond() == 0
                ? 0
                : Math.round(100 * s.smallfirstPerSecond() / s.baselinePerSecond()) / 100.0);
    JsonNode json = new ObjectMapper().readTree(reports.resolve("report.json").toFile());
    for (String field :
        new String[] {"slo_p99_ms", "smallfirst_per_s", "baseline_per_s", "ratio"}) {
      assertThat(json.get("saturation").get(field)).as(field).isNotNull();
    }
    assertThat(json.get("baseline").get("latency_ms_by_route")).isNotNull();
  }
}
