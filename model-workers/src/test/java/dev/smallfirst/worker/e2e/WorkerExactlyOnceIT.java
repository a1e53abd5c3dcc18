package dev.smallfirst.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.records.Classification;
import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageFailure;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.kafka.LoopState;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import dev.smallfirst.stack.junit.Reassignment;
import dev.smallfirst.worker.Fixtures;
import dev.smallfirst.worker.WorkerApp;
import dev.smallfirst.worker.WorkerSettings;
import dev.smallfirst.worker.e2e.WorkerTestKit.Requests;
import dev.smallfirst.worker.e2e.WorkerTestKit.ResultCounter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classify worker on the real broker and registry with the TorchScript fixture model: every
 * request answered exactly once (read_committed), poison records dead-lettered without stalling
 * their partition, and nothing lost or duplicated across a graceful stop or a SIGKILL.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WorkerExactlyOnceIT {
  private static final Logger log = LoggerFactory.getLogger(WorkerExactlyOnceIT.class);

  @Test
  void shouldAnswer5000RequestsExactlyOnceInBatches(LocalStack stack) throws Exception {
    TopicNames topics = TopicNames.withPrefix("w-a.");
    Map<String, String> config = WorkerTestKit.config(stack, topics, "w-a-1");
    WorkerTestKit.createTopics(stack.bootstrapServers(), topics);
    try (SchemaRegistryClient registry = WorkerTestKit.registry(stack);
        WorkerApp worker = WorkerApp.start(WorkerSettings.from(ConfigSource.of(config)));
        Requests requests =
            new Requests(stack.bootstrapServers(), registry, topics, Stage.CLASSIFY);
        ResultCounter results =
            new ResultCounter(
                stack.bootstrapServers(), registry, topics.stageResults(Stage.CLASSIFY))) {
      // When: 5,000 requests arrive as fast as the producer sends them
      requests.sendRange(0, 5_000, Stage.CLASSIFY);

      // Then: 5,000 committed results, one per request, answered in batches
      results.awaitDistinct(5_000, Duration.ofMinutes(2));
      results.drainCommitted();
      assertThat(results.duplicates()).isEmpty();
      assertThat(results.distinct()).isEqualTo(5_000);
      double meanBatch =
          results.results().stream().mapToInt(StageResult::getBatchSize).average().orElse(0);
      assertThat(meanBatch).as("mean batch size").isGreaterThan(1.0);
      ModelManifest manifest = ModelManifest.read(Fixtures.torchscript("classify"));
      assertThat(results.results())
          .allSatisfy(
              r -> {
                assertThat(r.getModel().getSha256()).isEqualTo(manifest.sha256());
                assertThat(r.getModel().getVersion()).isEqualTo(manifest.version());
                assertThat(r.getOutcome()).isInstanceOf(Classification.class);
                assertThat(r.getWorkerId()).isEqualTo("w-a-1");
              });
      assertThat(WorkerTestKit.get(worker, "/ready")).isEqualTo("200 ready\n");
      assertThat(WorkerTestKit.get(worker, "/metrics"))
          .contains("smallfirst_worker_batch_size_count")
          .contains(
              "smallfirst_worker_records_total{result=\"answered\",stage=\"classify\"} 5000.0");
    }
  }

  @Test
  void shouldDeadLetterAPoisonRecordAndAnswerEveryOtherRequest(LocalStack stack) throws Exception {
    TopicNames topics = TopicNames.withPrefix("w-b.");
    Map<String, String> config = WorkerTestKit.config(stack, topics, "w-b-1");
    WorkerTestKit.createTopics(stack.bootstrapServers(), topics);
    try (SchemaRegistryClient registry = WorkerTestKit.registry(stack);
        WorkerApp worker = WorkerApp.start(WorkerSettings.from(ConfigSource.of(config)));
        Requests requests =
            new Requests(stack.bootstrapServers(), registry, topics, Stage.CLASSIFY);
        ResultCounter results =
            new ResultCounter(
                stack.bootstrapServers(), registry, topics.stageResults(Stage.CLASSIFY))) {
      // Given: 300 requests on partition 0 with garbage in the middle
      for (int i = 0; i < 150; i++) {
        requests.sendTo(WorkerTestKit.request(i, Stage.CLASSIFY), 0);
      }
      RecordMetadata poison =
          requests.sendRaw("ticket-0", "not avro".getBytes(StandardCharsets.UTF_8), 0).get();
      for (int i = 150; i < 300; i++) {
        requests.sendTo(WorkerTestKit.request(i, Stage.CLASSIFY), 0);
      }
      requests.flush();

      // Then: every request is answered and the garbage is dead-lettered with its coordinates
      results.awaitDistinct(300, Duration.ofMinutes(1));
      List<DeadLetter> letters =
          WorkerTestKit.awaitDeadLetters(stack.bootstrapServers(), registry, topics, 1);
      assertThat(letters).hasSize(1);
      DeadLetter letter = letters.get(0);
      assertThat(letter.getSourceTopic()).isEqualTo(topics.stageRequests(Stage.CLASSIFY));
      assertThat(letter.getPartition()).isEqualTo(poison.partition());
      assertThat(letter.getOffset()).isEqualTo(poison.offset());
      assertThat(letter.getComponent()).isEqualTo("worker.classify");
      assertThat(StandardCharsets.UTF_8.decode(letter.getValue()).toString()).isEqualTo("not avro");
      results.drainCommitted();
      assertThat(results.duplicates()).isEmpty();
      assertThat(worker.state()).isEqualTo(LoopState.RUNNING);
    }
  }

  @Test
  void shouldAnswerAnOverlongRequestWithANonRetriableFailure(LocalStack stack) throws Exception {
    TopicNames topics = TopicNames.withPrefix("w-c.");
    Map<String, String> config = WorkerTestKit.config(stack, topics, "w-c-1");
    WorkerTestKit.createTopics(stack.bootstrapServers(), topics);
    try (SchemaRegistryClient registry = WorkerTestKit.registry(stack);
        WorkerApp worker = WorkerApp.start(WorkerSettings.from(ConfigSource.of(config)));
        Requests requests =
            new Requests(stack.bootstrapServers(), registry, topics, Stage.CLASSIFY);
        ResultCounter results =
            new ResultCounter(
                stack.bootstrapServers(), registry, topics.stageResults(Stage.CLASSIFY))) {
      StageRequest overlong =
          StageRequest.newBuilder(WorkerTestKit.request(0, Stage.CLASSIFY))
              .setText("where is my order ".repeat(100))
              .build();
      requests.send(overlong);
      requests.send(WorkerTestKit.request(1, Stage.CLASSIFY));
      requests.flush();

      results.awaitDistinct(2, Duration.ofMinutes(1));
      StageResult failed =
          results.results().stream().filter(r -> r.getMessageId().equals("m-0")).findFirst().get();
      assertThat(failed.getOutcome()).isInstanceOf(StageFailure.class);
      StageFailure failure = (StageFailure) failed.getOutcome();
      assertThat(failure.getCode()).isEqualTo(FailureCode.INPUT_TOO_LONG);
      assertThat(failure.getRetriable()).isFalse();
      assertThat(failed.getModel().getName()).isEqualTo("fixture-classify");
      assertThat(worker.state()).isEqualTo(LoopState.RUNNING);
    }
  }

  @Test
  void shouldLoseAndDuplicateNothingAcrossAGracefulStopAndRestart(LocalStack stack)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix("w-d.");
    Map<String, String> config = WorkerTestKit.config(stack, topics, "w-d-1");
    config.put("batch.max.size", "8");
    config.put("http.port", "-1");
    WorkerTestKit.createTopics(stack.bootstrapServers(), topics);
    try (SchemaRegistryClient registry = WorkerTestKit.registry(stack);
        Requests requests =
            new Requests(stack.bootstrapServers(), registry, topics, Stage.CLASSIFY);
        ResultCounter results =
            new ResultCounter(
                stack.bootstrapServers(), registry, topics.stageResults(Stage.CLASSIFY))) {
      requests.sendRange(0, 1_500, Stage.CLASSIFY);
      WorkerApp first = WorkerApp.start(WorkerSettings.from(ConfigSource.of(config)));
      try {
        results.awaitDistinct(300, Duration.ofMinutes(1));
      } finally {
        // When: stopped gracefully mid-run
        first.close();
      }
      assertThat(first.state()).isEqualTo(LoopState.STOPPED);
      int beforeRestart = results.distinct();
      // The rest arrives while no worker runs, so the restarted one always has work left
      // however fast the first one was.
      requests.sendRange(1_500, 3_000, Stage.CLASSIFY);
      try (WorkerApp second = WorkerApp.start(WorkerSettings.from(ConfigSource.of(config)))) {
        // Then: the restarted worker answers the rest, and nothing twice
        results.awaitDistinct(3_000, Duration.ofMinutes(2));
        results.drainCommitted();
        assertThat(second.state()).isEqualTo(LoopState.RUNNING);
      }
      assertThat(beforeRestart).isLessThan(3_000);
      assertThat(results.duplicates()).isEmpty();
      assertThat(results.distinct()).isEqualTo(3_000);
    }
  }

  @Test
  void shouldLoseAndDuplicateNothingWhenASecondWorkerJoinsMidRun(LocalStack stack)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix("w-f.");
    Map<String, String> first = WorkerTestKit.config(stack, topics, "w-f-1");
    first.put("batch.max.size", "8");
    first.put("http.port", "-1");
    Map<String, String> second = new java.util.HashMap<>(first);
    second.put("worker.id", "w-f-2");
    WorkerTestKit.createTopics(stack.bootstrapServers(), topics);
    try (SchemaRegistryClient registry = WorkerTestKit.registry(stack);
        Requests requests =
            new Requests(stack.bootstrapServers(), registry, topics, Stage.CLASSIFY);
        ResultCounter results =
            new ResultCounter(
                stack.bootstrapServers(), registry, topics.stageResults(Stage.CLASSIFY));
        WorkerApp a = WorkerApp.start(WorkerSettings.from(ConfigSource.of(first)))) {
      requests.sendRange(0, 3_000, Stage.CLASSIFY);
      results.awaitDistinct(300, Duration.ofMinutes(1));

      // When: a second worker joins the group and takes partitions over (cooperative rebalance)
      WorkerSettings secondSettings = WorkerSettings.from(ConfigSource.of(second));
      try (WorkerApp b = WorkerApp.start(secondSettings)) {
        // The second range goes out only once the group has given the second worker partitions:
        // otherwise the first can answer everything before the rebalance and the second none.
        awaitAssignment(stack, secondSettings.groupId(), "w-f-2-consumer");
        requests.sendRange(3_000, 4_000, Stage.CLASSIFY);

        // Then: every request is answered exactly once, by one worker or the other
        results.awaitDistinct(4_000, Duration.ofMinutes(2));
        results.drainCommitted();
        assertThat(a.state()).isEqualTo(LoopState.RUNNING);
        assertThat(b.state()).isEqualTo(LoopState.RUNNING);
      }
      assertThat(results.duplicates()).isEmpty();
      assertThat(results.distinct()).isEqualTo(4_000);
      assertThat(results.results()).extracting(StageResult::getWorkerId).contains("w-f-1", "w-f-2");
    }
  }

  /** Waits until the member of {@code groupId} with {@code clientId} holds partitions. */
  private static void awaitAssignment(LocalStack stack, String groupId, String clientId) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      await("partitions assigned to " + clientId + " in " + groupId)
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () ->
                  admin
                      .describeConsumerGroups(List.of(groupId))
                      .describedGroups()
                      .get(groupId)
                      .get()
                      .members()
                      .stream()
                      .anyMatch(
                          m ->
                              m.clientId().equals(clientId)
                                  && !m.assignment().topicPartitions().isEmpty()));
    }
  }

  @Test
  void shouldLoseAndDuplicateNothingWhenKilledAndRestarted(LocalStack stack) throws Exception {
    Map<String, Integer> duplicates = killAndRestart(stack, "exactly-once", "w-e.");

    assertThat(duplicates).isEmpty();
  }

  @Test
  void shouldLoseNothingAndRepeatOnlyUncommittedResultsWhenKilledAtLeastOnce(LocalStack stack)
      throws Exception {
    Map<String, Integer> duplicates = killAndRestart(stack, "at-least-once", "w-k.");

    // Repeats (which the topology drops) can only be of requests sent before the kill, and at
    // most once more each: the second worker starts from the last committed offsets.
    assertThat(duplicates.keySet())
        .allSatisfy(id -> assertThat(Integer.parseInt(id.substring(2))).isLessThan(KILLED_AFTER));
    assertThat(duplicates.values()).allSatisfy(n -> assertThat(n).isEqualTo(2));
    System.out.printf("at-least-once kill: %d results written twice%n", duplicates.size());
  }

  private static final int KILLED_AFTER = 2_500;

  /** Kills a worker process mid-run, restarts it; returns the results written more than once. */
  private static Map<String, Integer> killAndRestart(
      LocalStack stack, String delivery, String prefix) throws Exception {
    Path logs =
        java.nio.file.Files.createDirectories(
            Path.of("target", "it-logs", "killed-worker-" + delivery));
    TopicNames topics = TopicNames.withPrefix(prefix);
    Map<String, String> config = WorkerTestKit.config(stack, topics, prefix + "1");
    config.put("http.port", "-1");
    config.put("results.delivery", delivery);
    int total = 4_000;
    WorkerTestKit.createTopics(stack.bootstrapServers(), topics);
    try (SchemaRegistryClient registry = WorkerTestKit.registry(stack);
        Requests requests =
            new Requests(stack.bootstrapServers(), registry, topics, Stage.CLASSIFY);
        ResultCounter results =
            new ResultCounter(
                stack.bootstrapServers(), registry, topics.stageResults(Stage.CLASSIFY))) {
      // Given: a worker process answering while requests keep arriving
      Process first = WorkerTestKit.startWorkerProcess(config, logs.resolve("first.log"));
      try {
        requests.sendRange(0, 500, Stage.CLASSIFY);
        results.awaitDistinct(200, Duration.ofMinutes(2));
        requests.sendRange(500, KILLED_AFTER, Stage.CLASSIFY);

        // When: it is killed (SIGKILL) mid-run, more requests arrive, and it is started again
        Reassignment partitions =
            Reassignment.snapshot(
                stack.bootstrapServers(),
                WorkerSettings.from(ConfigSource.of(config)).groupId(),
                topics.stageRequests(Stage.CLASSIFY),
                4);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int beforeRestart = results.distinct();
        requests.sendRange(KILLED_AFTER, total, Stage.CLASSIFY);
        Process second = WorkerTestKit.startWorkerProcess(config, logs.resolve("second.log"));
        try (partitions) {
          // Then: every request is answered
          log.info(
              "MEASURED worker SIGKILL: partitions owned again {} ms after the kill",
              partitions.awaitNewOwners(Duration.ofMinutes(2)).toMillis());
          results.awaitDistinct(total, Duration.ofMinutes(2));
          results.drainCommitted();
          assertThat(beforeRestart).isLessThan(total);
          assertThat(results.distinct()).isEqualTo(total);
          return results.duplicates();
        } finally {
          second.destroy();
          second.waitFor(30, TimeUnit.SECONDS);
        }
      } finally {
        first.destroyForcibly();
      }
    }
  }
}
