package dev.smallfirst.frontier.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.frontier.FrontierApp;
import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.FakeProvider.Reply;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.kafka.LoopState;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.OutageBroker;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker outage mid-run (issue 16): the frontier worker's own broker stops while escalations are
 * in flight and comes back on the same port and log folder. The worker does not exit ("frontier
 * loop failed; stopping" before): its readiness turns red during the outage, it reconnects, and
 * every escalation sent before, during and after the outage gets exactly one committed result.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class FrontierBrokerOutageIT {
  private static final Logger log = LoggerFactory.getLogger(FrontierBrokerOutageIT.class);
  private static final Pattern TIMEOUTS =
      Pattern.compile(
          "(?m)^smallfirst_frontier_transaction_timeouts_total(?:\\{[^}]*})? ([0-9.]+)$");
  private static final Pattern ABORTED =
      Pattern.compile(
          "(?m)^smallfirst_frontier_transactions_aborted_total(?:\\{[^}]*})? ([0-9.]+)$");
  private static final String POLISHED = "Hello! Your kettle (order A-10442) ships tomorrow.";

  @Test
  void shouldAnswerEveryEscalationOnceAcrossABrokerOutage(LocalStack stack, @TempDir Path dir)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix("fw-o.");
    // Calls after the first 100 are held until the outage has begun, so it lands with calls in
    // flight and results uncommitted whatever the machine's speed (20 ms calls alone could all
    // finish before the broker stops, and then no transaction call would meet the outage).
    Reply polished = Wire.anthropicMessage(POLISHED, 812, 96).stalledFor(Duration.ofMillis(20));
    CountDownLatch outageBegun = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    try (OutageBroker broker = OutageBroker.start(dir);
        FakeProvider server = FakeProvider.start(polished);
        Pipeline pipeline =
            new Pipeline(broker.bootstrapServers(), stack.registryUrl(), topics, 4)) {
      server.otherwise(
          request -> {
            if (calls.incrementAndGet() > 100) {
              outageBegun.await(3, TimeUnit.MINUTES);
            }
            return polished;
          });
      Map<String, String> config = FrontierExactlyOnceIT.config(stack, topics, server);
      // held calls must not time out on the client side while the outage begins
      config.put("frontier.timeout.ms", "240000");
      config.put("bootstrap.servers", broker.bootstrapServers());
      config.put("frontier.concurrency", "4");
      // a transaction call gives up (and is made again) after 10 s instead of 60 s
      config.put("kafka.max.block.ms", "10000");
      FrontierSettings settings = FrontierSettings.from(ConfigSource.of(config), Map.of());
      try (FrontierApp app = FrontierApp.start(settings, Clock.systemUTC())) {
        // Given: a worker partway through 600 escalations
        for (int i = 0; i < 600; i++) {
          pipeline.send(Escalations.request("m-" + i, Instant.now()));
        }
        pipeline.flush();
        pipeline.awaitDistinct(60, Duration.ofMinutes(2));
        await("ready")
            .atMost(Duration.ofMinutes(1))
            .until(() -> FrontierExactlyOnceIT.status(app, "/ready") == 200);

        // When: the broker stops mid-run, 200 more escalations are sent during the outage (the
        // producer holds them), and the outage lasts until readiness has turned red
        long stopped = System.nanoTime();
        broker.stop();
        CompletableFuture<Void> during =
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 600; i < 800; i++) {
                    pipeline.send(Escalations.request("m-" + i, Instant.now()));
                  }
                });
        await("not ready during the outage")
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> FrontierExactlyOnceIT.status(app, "/ready") == 503);
        String readyDuring = FrontierExactlyOnceIT.get(app, "/ready");
        int healthDuring = FrontierExactlyOnceIT.status(app, "/health");
        LoopState stateDuring = app.state();
        log.info(
            "outage after {} ms: loop {} /health {} /ready {}",
            Duration.ofNanos(System.nanoTime() - stopped).toMillis(),
            stateDuring,
            healthDuring,
            readyDuring.strip());
        outageBegun.countDown();
        // The outage meets the worker in one of three ways, and the broker comes back only once
        // it has: a write waits on it (a call of the write path times out: offsets, commit, abort,
        // or the rewind's read of the committed offsets); Kafka fails a transaction and the worker
        // aborts it; or the group coordinator revoked the partitions as the broker shut down (the
        // revocation committed what was finished and dropped the calls in flight, so no write is
        // left to wait: seen in CI and locally about once in five runs on a loaded machine).
        await("the outage met by a write, or the partitions revoked by the shutdown")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    counter(app, TIMEOUTS) >= 1
                        || counter(app, ABORTED) >= 1
                        || app.assignedPartitions() == 0
                        || app.state() != LoopState.RUNNING);
        log.info(
            "the outage met the worker: {} write-path timeouts, {} aborted transactions, {}"
                + " partitions held",
            counter(app, TIMEOUTS),
            counter(app, ABORTED),
            app.assignedPartitions());
        LoopState stateLater = app.state();
        broker.restart();
        long restarted = System.nanoTime();
        during.get(3, TimeUnit.MINUTES);
        pipeline.flush();
        for (int i = 800; i < 1_000; i++) {
          pipeline.send(Escalations.request("m-" + i, Instant.now()));
        }
        pipeline.flush();

        // Then: every escalation has one committed result, nothing is dead-lettered, and the
        // worker runs on and is ready again
        try {
          pipeline.awaitDistinct(1_000, Duration.ofMinutes(3));
        } catch (ConditionTimeoutException e) {
          // Seen in CI while the broker was a combined node (its restart ran the coordinators on
          // stale leadership, then dropped it: OutageBroker): no result for 3 minutes after a
          // commit that straddled the restart. Whether the worker still commits (then a
          // transaction left open holds the reader at the last stable offset) or has stopped tells
          // the two causes apart, should it recur.
          log.error(
              "no results: loop {}, {} partitions held, worker's own counters:\n{}",
              app.state(),
              app.assignedPartitions(),
              FrontierExactlyOnceIT.get(app, "/metrics")
                  .lines()
                  .filter(l -> l.matches("^smallfirst_frontier_(results|inflight|transaction).*"))
                  .collect(Collectors.joining("\n")));
          throw e;
        }
        log.info(
            "MEASURED frontier broker outage: all 1,000 answered {} ms after the broker came back;"
                + " {} provider calls; {} results read twice by the test's reader after the restart",
            Duration.ofNanos(System.nanoTime() - restarted).toMillis(),
            server.requests(),
            pipeline.reread());
        pipeline.drainCommitted();
        assertThat(pipeline.duplicates())
            .as(
                "results at distinct offsets for one escalation: %s",
                pipeline.coordinatesOf(pipeline.duplicates().keySet()))
            .isEmpty();
        assertThat(pipeline.distinct()).isEqualTo(1_000);
        assertThat(broker.records(topics.deadLetters())).as("dead letters").isZero();
        assertThat(readyDuring).contains("Kafka broker unreachable");
        assertThat(healthDuring).as("/health during the outage").isEqualTo(200);
        assertThat(stateDuring).isEqualTo(LoopState.RUNNING);
        assertThat(stateLater)
            .as("the loop after a commit timed out on the outage")
            .isEqualTo(LoopState.RUNNING);
        assertThat(app.state()).isEqualTo(LoopState.RUNNING);
        await("ready again")
            .atMost(Duration.ofMinutes(1))
            .until(() -> FrontierExactlyOnceIT.status(app, "/ready") == 200);
      }
    }
  }

  private static double counter(FrontierApp app, Pattern counter) throws Exception {
    Matcher m = counter.matcher(FrontierExactlyOnceIT.get(app, "/metrics"));
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
