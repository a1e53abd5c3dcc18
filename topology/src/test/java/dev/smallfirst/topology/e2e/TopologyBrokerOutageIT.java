package dev.smallfirst.topology.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.records.Route;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.OutageBroker;
import dev.smallfirst.stack.junit.LocalStackExtension;
import dev.smallfirst.topology.TopologyApp;
import dev.smallfirst.topology.TopologySettings;
import dev.smallfirst.topology.e2e.TopologyExactlyOnceIT.ReplyCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A broker outage mid-run (issue 16): the topology's own broker stops while it is partway through a
 * batch, stays down until the stream thread's clients have lost it, and comes back on the same port
 * and log folder. Messages sent before, during and after the outage are each answered exactly once,
 * none is dead-lettered, and Streams reconnects by itself. Readiness is red during the outage and
 * green again after it.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TopologyBrokerOutageIT {
  private static final Logger log = LoggerFactory.getLogger(TopologyBrokerOutageIT.class);

  /** The stream threads' own clients (an idle restore consumer keeps a stale count). */
  private static final Pattern CONNECTIONS =
      Pattern.compile(
          "(?m)^kafka_(?:consumer|producer)_connection_count"
              + "\\{client_id=\"[^\"]*StreamThread-\\d+-(?:consumer|producer)\"[^}]*} ([0-9.]+)$");

  @Test
  void shouldAnswerEveryMessageOnceAcrossABrokerOutage(LocalStack stack, @TempDir Path state)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix("out-t.");
    try (OutageBroker broker = OutageBroker.start(state.resolve("kafka"))) {
      String bootstrap = broker.bootstrapServers();
      Map<String, String> config =
          TopologyExactlyOnceIT.config(stack, topics, "out-t-topology", state);
      config.put("bootstrap.servers", bootstrap);
      for (String stage : List.of("classify", "extract", "sentiment", "draft")) {
        config.put("deadline." + stage + ".ms", "120000");
      }
      try (SchemaRegistryClient registry = TopologyExactlyOnceIT.registry(stack);
          TopologyApp app = TopologyApp.start(TopologySettings.from(ConfigSource.of(config)));
          InstantResponder responder = new InstantResponder(bootstrap, registry, topics);
          ReplyCounter replies = new ReplyCounter(bootstrap, registry, topics)) {
        // Given: a topology that has answered a first batch
        TopologyExactlyOnceIT.produce(bootstrap, registry, topics, 0, 200);
        replies.awaitDistinct(200, Duration.ofMinutes(3));

        // When: the broker stops while the topology is partway through a second batch, 200 more
        // messages are sent during the outage (the producer holds them), and the outage lasts
        // until the stream thread's clients have lost the broker
        TopologyExactlyOnceIT.produce(bootstrap, registry, topics, 200, 400);
        replies.awaitDistinct(210, Duration.ofMinutes(3));
        long stopped = System.nanoTime();
        broker.stop();
        CompletableFuture<Void> during =
            CompletableFuture.runAsync(
                () -> {
                  try {
                    TopologyExactlyOnceIT.produce(bootstrap, registry, topics, 400, 600);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        await("not ready during the outage")
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> TopologyExactlyOnceIT.status(app, "/ready") == 503);
        String readyAtOutage = TopologyExactlyOnceIT.get(app, "/ready");
        await("the stream thread's consumer and producer disconnected")
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> disconnected(app));
        int healthDuring = TopologyExactlyOnceIT.status(app, "/health");
        int readyDuring = TopologyExactlyOnceIT.status(app, "/ready");
        KafkaStreams.State stateDuring = app.streams().state();
        log.info(
            "outage after {} ms: streams {} /health {} /ready {}",
            Duration.ofNanos(System.nanoTime() - stopped).toMillis(),
            stateDuring,
            healthDuring,
            readyDuring);
        broker.restart();
        long restarted = System.nanoTime();
        during.get(3, TimeUnit.MINUTES);
        TopologyExactlyOnceIT.produce(bootstrap, registry, topics, 600, 800);

        // Then: every message is answered once, nothing is dead-lettered, Streams runs on
        replies.awaitDistinct(800, Duration.ofMinutes(5));
        log.info(
            "MEASURED topology broker outage: all 800 answered {} ms after the broker came back;"
                + " routes {}",
            Duration.ofNanos(System.nanoTime() - restarted).toMillis(),
            replies.routes());
        replies.drainCommitted();
        assertThat(replies.duplicates()).isEmpty();
        assertThat(replies.distinct()).isEqualTo(800);
        assertThat(replies.routes()).doesNotContainKey(Route.DEGRADED);
        assertThat(broker.records(topics.deadLetters())).as("dead letters").isZero();
        assertThat(readyAtOutage).contains("Kafka broker unreachable");
        assertThat(healthDuring).as("/health during the outage").isEqualTo(200);
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(TopologyExactlyOnceIT.status(app, "/health")).isEqualTo(200);
        await("ready again")
            .atMost(Duration.ofMinutes(2))
            .until(() -> TopologyExactlyOnceIT.status(app, "/ready") == 200);
      }
    }
  }

  /** Whether the status endpoint lists the stream threads' connection counts, all 0. */
  private static boolean disconnected(TopologyApp app) throws Exception {
    Matcher m = CONNECTIONS.matcher(TopologyExactlyOnceIT.get(app, "/metrics"));
    boolean any = false;
    while (m.find()) {
      any = true;
      if (Double.parseDouble(m.group(1)) > 0) {
        return false;
      }
    }
    return any;
  }
}
