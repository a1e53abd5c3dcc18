package dev.smallfirst.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.kafka.LoopState;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.OutageBroker;
import dev.smallfirst.stack.junit.LocalStackExtension;
import dev.smallfirst.worker.WorkerApp;
import dev.smallfirst.worker.WorkerSettings;
import dev.smallfirst.worker.e2e.WorkerTestKit.Requests;
import dev.smallfirst.worker.e2e.WorkerTestKit.ResultCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker outage mid-run (issue 16): the classify worker's own broker stops while the worker is
 * partway through its requests and comes back on the same port and log folder. Requests sent
 * before, during and after the outage are each answered exactly once, none is dead-lettered, and
 * the worker reconnects instead of exiting: a commit or abort that times out is made again. Its
 * readiness is red during the outage (the broker does not answer) and green again after it.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class WorkerBrokerOutageIT {
  private static final Logger log = LoggerFactory.getLogger(WorkerBrokerOutageIT.class);
  private static final Pattern TIMEOUTS =
      Pattern.compile("smallfirst_worker_transaction_timeouts_total\\{[^}]*} ([0-9.]+)");

  @Test
  void shouldAnswerEveryRequestOnceAcrossABrokerOutage(LocalStack stack, @TempDir Path dir)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix("w-o.");
    try (OutageBroker broker = OutageBroker.start(dir)) {
      String bootstrap = broker.bootstrapServers();
      Map<String, String> config = WorkerTestKit.config(stack, topics, "w-o-1");
      config.put("bootstrap.servers", bootstrap);
      config.put("batch.max.size", "8");
      // a transaction call gives up (and is made again) after 10 s instead of 60 s
      config.put("kafka.producer.max.block.ms", "10000");
      WorkerTestKit.createTopics(bootstrap, topics);
      try (SchemaRegistryClient registry = WorkerTestKit.registry(stack);
          Requests requests = new Requests(bootstrap, registry, topics, Stage.CLASSIFY);
          ResultCounter results =
              new ResultCounter(bootstrap, registry, topics.stageResults(Stage.CLASSIFY));
          WorkerApp worker = WorkerApp.start(WorkerSettings.from(ConfigSource.of(config)))) {
        // Given: a worker partway through 2,000 requests
        requests.sendRange(0, 2_000, Stage.CLASSIFY);
        results.awaitDistinct(200, Duration.ofMinutes(2));
        assertThat(WorkerTestKit.status(worker, "/health")).isEqualTo(200);

        // When: the broker stops mid-run, 500 more requests are sent during the outage (the
        // producer holds them), and the outage lasts until a worker transaction has failed on it
        long stopped = System.nanoTime();
        broker.stop();
        // (from another thread: a send may wait for metadata until the broker is back)
        CompletableFuture<Void> during =
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 2_000; i < 2_500; i++) {
                    requests.send(WorkerTestKit.request(i, Stage.CLASSIFY));
                  }
                });
        await("not ready during the outage")
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> WorkerTestKit.get(worker, "/ready").startsWith("503"));
        String readyAtOutage = WorkerTestKit.get(worker, "/ready");
        await("a worker transaction call timed out by the outage")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> timeouts(worker) >= 1 || worker.state() != LoopState.RUNNING);
        int healthDuring = WorkerTestKit.status(worker, "/health");
        String readyDuring = WorkerTestKit.get(worker, "/ready");
        LoopState stateDuring = worker.state();
        log.info(
            "outage after {} ms: worker {} /health {} /ready {}",
            Duration.ofNanos(System.nanoTime() - stopped).toMillis(),
            stateDuring,
            healthDuring,
            readyDuring.strip());
        broker.restart();
        long restarted = System.nanoTime();
        during.get(5, TimeUnit.MINUTES);
        requests.flush();
        requests.sendRange(2_500, 3_000, Stage.CLASSIFY);

        // Then: every request is answered once, nothing is dead-lettered, and the worker runs on
        results.awaitDistinct(3_000, Duration.ofMinutes(3));
        log.info(
            "all 3,000 answered {} ms after the broker came back",
            Duration.ofNanos(System.nanoTime() - restarted).toMillis());
        results.drainCommitted();
        assertThat(results.duplicates()).isEmpty();
        assertThat(results.distinct()).isEqualTo(3_000);
        assertThat(broker.records(topics.deadLetters())).as("dead letters").isZero();
        assertThat(stateDuring).as("the worker during the outage").isEqualTo(LoopState.RUNNING);
        assertThat(readyAtOutage).contains("Kafka broker unreachable");
        assertThat(healthDuring).as("/health during the outage").isEqualTo(200);
        assertThat(worker.state()).isEqualTo(LoopState.RUNNING);
        assertThat(WorkerTestKit.status(worker, "/health")).isEqualTo(200);
        await("ready again")
            .atMost(Duration.ofMinutes(1))
            .until(() -> WorkerTestKit.get(worker, "/ready").startsWith("200"));
      }
    }
  }

  private static double timeouts(WorkerApp worker) throws Exception {
    Matcher m = TIMEOUTS.matcher(WorkerTestKit.get(worker, "/metrics"));
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
