package dev.smallfirst.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.loadtest.EchoPipeline;
import dev.smallfirst.loadtest.HeadlessChromium;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./smallfirst loadtest} end to end on the real broker and registry, against an echo. */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LoadTestMainIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void shouldRunTheLoadAndWriteTheReports(LocalStack stack, @TempDir Path dir) throws Exception {
    TopicNames topics = TopicNames.withPrefix("cli.");
    Path json = dir.resolve("out/report.json");
    Path html = dir.resolve("html");

    int status =
        withEcho(
            stack,
            topics,
            "--messages",
            "200",
            "--rate",
            "100",
            "--arrivals",
            "fixed",
            "--report-json",
            json.toString(),
            "--report-dir",
            html.toString());

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("sent").asLong()).isEqualTo(200);
    assertThat(report.get("replies").asLong()).isEqualTo(200);
    assertThat(report.get("duplicates").asLong()).isZero();
    assertThat(report.get("missing").asLong()).isZero();
    // the echo passes the load test's timing stamps back, as the pipeline does
    assertThat(report.get("per_hop_ms").get("intake").get("p50").asDouble()).isPositive();
    assertThat(report.get("per_hop_ms").has("reply")).isTrue();
    HeadlessChromium.Rendered page =
        HeadlessChromium.orSkip()
            .render(html.resolve("index.html"), Files.createDirectory(dir.resolve("browser")));
    page.assertEveryChartRendered(Set.of("saturation", "quality")); // generated tickets: no labels
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("exactly-once   yes");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("settled 200/200");
  }

  @Test
  void shouldStepTheRateAndReportTheHighestThatHeld(LocalStack stack, @TempDir Path dir)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix("cli-step.");
    Path json = dir.resolve("report.json");

    int status =
        withEcho(
            stack,
            topics,
            "--step",
            "20,2,40",
            "--step-seconds",
            "2",
            "--slo-p99-ms",
            "30000",
            "--report-json",
            json.toString());

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("highest sustainable rate: 40.0 msg/s");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("sent").asLong()).isEqualTo(80); // the last step: 40/s for 2 s
    assertThat(report.get("missing").asLong()).isZero();
  }

  @Test
  void shouldFailClearlyWhenTheTopicsAreMissing(LocalStack stack) throws Exception {
    int status =
        LoadTestMain.run(
            new String[] {
              "--bootstrap-servers", stack.bootstrapServers(),
              "--registry-url", stack.registryUrl(),
              "--topic-prefix", "no-such-cluster."
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("no-such-cluster.support.messages")
        .contains("--topic-prefix");
  }

  /** Runs the CLI with {@code options} on fresh {@code topics} answered by an echo pipeline. */
  private int withEcho(LocalStack stack, TopicNames topics, String... options) throws Exception {
    EchoPipeline.createTopics(stack.bootstrapServers(), topics);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrap-servers", stack.bootstrapServers(),
                "--registry-url", stack.registryUrl(),
                "--topic-prefix", topics.prefix(),
                "--drain-timeout-s", "30"));
    args.addAll(List.of(options));
    try (SchemaRegistryClient registry =
            SchemaRegistryClient.create(RegistrySettings.of(stack.registryUrl()));
        EchoPipeline echo =
            new EchoPipeline(
                stack.bootstrapServers(), registry, topics, id -> EchoPipeline.Answer.REPLY)) {
      return LoadTestMain.run(
          args.toArray(String[]::new),
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      // What a user would see, in the test report.
      System.out.print(err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8));
    }
  }
}
