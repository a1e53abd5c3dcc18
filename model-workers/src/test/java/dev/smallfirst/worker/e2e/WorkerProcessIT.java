package dev.smallfirst.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import dev.smallfirst.worker.WorkerProcess;
import dev.smallfirst.worker.e2e.WorkerTestKit.Requests;
import dev.smallfirst.worker.e2e.WorkerTestKit.ResultCounter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One process serving classify and sentiment with the shipped encoder models: each stage answered
 * in its own consumer group, one endpoint with both stages' meters, and one encoder pass per text.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WorkerProcessIT {
  private static final int N = 300;

  @Test
  void shouldAnswerBothStagesWithOneEncoderPassPerText(LocalStack stack) throws Exception {
    TopicNames topics = TopicNames.withPrefix("wp-a.");
    Map<String, String> config = WorkerTestKit.config(stack, topics, "wp-1");
    config.put("stage", "classify,sentiment");
    config.put("model.dir", Path.of("models").toAbsolutePath().toString()); // the shipped models
    createTopics(stack, topics);
    try (SchemaRegistryClient registry = WorkerTestKit.registry(stack);
        WorkerProcess process =
            WorkerProcess.start(WorkerProcess.settings(ConfigSource.of(config)));
        Requests classify =
            new Requests(stack.bootstrapServers(), registry, topics, Stage.CLASSIFY);
        Requests sentiment =
            new Requests(stack.bootstrapServers(), registry, topics, Stage.SENTIMENT);
        ResultCounter classified =
            new ResultCounter(
                stack.bootstrapServers(), registry, topics.stageResults(Stage.CLASSIFY));
        ResultCounter scored =
            new ResultCounter(
                stack.bootstrapServers(), registry, topics.stageResults(Stage.SENTIMENT))) {
      long encodedBefore = counter(get(process, "/metrics"), "encoded");

      // When: each message goes to both stages, as the topology's fan-out sends it
      for (int i = 0; i < N; i++) {
        classify.send(distinct(i, Stage.CLASSIFY));
        sentiment.send(distinct(i, Stage.SENTIMENT));
      }
      classify.flush();
      sentiment.flush();

      // Then: each stage answers every message once, through its own group
      classified.awaitDistinct(N, Duration.ofMinutes(2));
      scored.awaitDistinct(N, Duration.ofMinutes(2));
      assertThat(classified.results())
          .allSatisfy(r -> assertThat(r.getOutcome()).isInstanceOf(Classification.class))
          .allSatisfy(r -> assertThat(r.getWorkerId()).isEqualTo("wp-1-classify"));
      assertThat(scored.results())
          .allSatisfy(r -> assertThat(r.getOutcome()).isInstanceOf(Sentiment.class))
          .allSatisfy(r -> assertThat(r.getWorkerId()).isEqualTo("wp-1-sentiment"));
      String metrics = get(process, "/metrics");
      assertThat(metrics)
          .contains("smallfirst_worker_records_total{result=\"answered\",stage=\"classify\"}")
          .contains("smallfirst_worker_records_total{result=\"answered\",stage=\"sentiment\"}")
          .contains("jvm_memory_used_bytes");
      // One pass per text: the second stage to read a text finds it remembered or in flight, or
      // the classifier answered it without the encoder (its exit, "skipped").
      assertThat(counter(metrics, "encoded") - encodedBefore).isEqualTo(N);
      assertThat(
              counter(metrics, "memo") + counter(metrics, "joined") + counter(metrics, "skipped"))
          .isGreaterThanOrEqualTo(N);
      assertThat(get(process, "/ready")).isEqualTo("200 ready\n");
    }
  }

  private static StageRequest distinct(int i, Stage stage) {
    return StageRequest.newBuilder(WorkerTestKit.request(i, stage))
        .setText("Hi, my order ORD-" + (100_000 + i) + " has not arrived yet, can you check?")
        .build();
  }

  private static long counter(String metrics, String answer) {
    Matcher m =
        Pattern.compile(
                "smallfirst_encoder_texts_total\\{answer=\""
                    + answer
                    + "\",encoder=\"[^\"]+\"\\} ([0-9.E]+)")
            .matcher(metrics);
    assertThat(m.find()).as("smallfirst_encoder_texts_total{answer=%s}", answer).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  private static void createTopics(LocalStack stack, TopicNames topics) throws Exception {
    List<String> names =
        List.of(
            topics.stageRequests(Stage.CLASSIFY),
            topics.stageResults(Stage.CLASSIFY),
            topics.stageRequests(Stage.SENTIMENT),
            topics.stageResults(Stage.SENTIMENT),
            topics.deadLetters());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin
          .createTopics(names.stream().map(n -> new NewTopic(n, 4, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static String get(WorkerProcess process, String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + process.statusPort() + path))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    }
  }
}
