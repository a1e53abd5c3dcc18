package dev.smallfirst.frontier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.FrontierApp;
import dev.smallfirst.frontier.FrontierMain;
import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.frontier.testing.Escalations;
import dev.smallfirst.frontier.testing.FakeProvider;
import dev.smallfirst.frontier.testing.Wire;
import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.EscalationOutcome;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import dev.smallfirst.stack.junit.Reassignment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker on the real broker and registry with a loopback provider: every escalation yields
 * exactly one result for a read_committed consumer, undecodable input is dead-lettered with its
 * coordinates, and a worker killed with SIGKILL mid-run and restarted neither loses nor duplicates
 * a result.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FrontierExactlyOnceIT {
  private static final Logger log = LoggerFactory.getLogger(FrontierExactlyOnceIT.class);
  private static final String POLISHED = "Hello! Your kettle (order A-10442) ships tomorrow.";

  static Map<String, String> config(LocalStack stack, TopicNames topics, FakeProvider server) {
    Map<String, String> c = new HashMap<>();
    c.put("bootstrap.servers", stack.bootstrapServers());
    c.put("schema.registry.url", stack.registryUrl());
    c.put("topic.prefix", topics.prefix());
    // the local stack has one broker
    c.put("topic.replication.factor", "1");
    c.put("topic.partitions", "4");
    c.put("frontier.provider", "anthropic");
    c.put("frontier.base.url", server.anthropicBaseUrl());
    c.put("frontier.model", "claude-sonnet-4-5");
    c.put("frontier.api.key.required", "false");
    c.put("frontier.max.tokens", "256");
    c.put("frontier.instance.id", "it-worker-1");
    c.put("frontier.concurrency", "16");
    c.put("http.port", "0");
    c.put("kafka.session.timeout.ms", "6000");
    c.put("kafka.heartbeat.interval.ms", "1000");
    return c;
  }

  @Test
  void shouldAnswerEveryEscalationExactlyOnceAndDeadLetterGarbage(LocalStack stack)
      throws Exception {
    int n = 300;
    TopicNames topics = TopicNames.withPrefix("fw-a.");
    try (FakeProvider server = FakeProvider.start(Wire.anthropicMessage(POLISHED, 812, 96));
        Pipeline pipeline = new Pipeline(stack, topics, 4)) {
      FrontierSettings settings =
          FrontierSettings.from(ConfigSource.of(config(stack, topics, server)), Map.of());
      try (FrontierApp app = FrontierApp.start(settings, Clock.systemUTC())) {
        // Given: escalations, with one undecodable record among them
        for (int i = 0; i < n; i++) {
          pipeline.send(Escalations.request("m-" + i, Instant.now()));
          if (i == n / 2) {
            pipeline.sendGarbage("ticket-garbage");
          }
        }
        pipeline.flush();

        // When
        pipeline.awaitDistinct(n, Duration.ofMinutes(2));
        pipeline.drainCommitted();

        // Then: one polished, exactly priced result per escalation
        assertThat(pipeline.duplicates()).isEmpty();
        assertThat(pipeline.distinct()).isEqualTo(n);
        assertThat(pipeline.all())
            .allSatisfy(
                r -> {
                  assertThat(r.getOutcome()).isEqualTo(EscalationOutcome.POLISHED);
                  assertThat(r.getCostMicros()).isEqualTo(3_876);
                });
        assertThat(server.requests()).isEqualTo(n);

        // And: the garbage went to the dead-letter topic with its coordinates
        List<DeadLetter> letters = pipeline.deadLetters();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).getSourceTopic()).isEqualTo(topics.escalations());
        assertThat(letters.get(0).getOffset()).isNotNegative();
        assertThat(letters.get(0).getComponent()).isEqualTo("frontier.decode");

        // And: metrics and readiness tell the story
        String metrics = get(app, "/metrics");
        assertThat(metrics)
            .contains(
                "smallfirst_frontier_results_total{outcome=\"POLISHED\",stand_in=\"false\"} 300.0")
            .contains("smallfirst_frontier_spend_micros{window=\"hour\"} " + (3_876 * n) + ".0")
            .contains("smallfirst_frontier_dead_letters_total 1.0")
            .contains("resilience4j_circuitbreaker_state");
        assertThat(get(app, "/ready")).contains("RUNNING");
      }
    }
  }

  @Test
  void shouldAnswerEveryEscalationExactlyOnceAcrossAKilledAndRestartedWorker(
      LocalStack stack, @TempDir Path logs) throws Exception {
    int n = 300;
    TopicNames topics = TopicNames.withPrefix("fw-b.");
    // Each call takes 20 ms, so the kill lands with calls in flight and results uncommitted.
    try (FakeProvider server =
            FakeProvider.start(
                Wire.anthropicMessage(POLISHED, 812, 96).stalledFor(Duration.ofMillis(20)));
        Pipeline pipeline = new Pipeline(stack, topics, 4)) {
      Map<String, String> config = config(stack, topics, server);
      config.put("http.port", "-1");
      config.put("frontier.concurrency", "4");
      // Given: a worker process answering escalations
      Process first = startWorker(config, logs.resolve("first.log"));
      try {
        for (int i = 0; i < n; i++) {
          pipeline.send(Escalations.request("m-" + i, Instant.now()));
        }
        pipeline.flush();
        pipeline.awaitDistinct(60, Duration.ofMinutes(2));

        // When: it is killed (SIGKILL) mid-run and started again with the same instance id
        Reassignment partitions =
            Reassignment.snapshot(
                stack.bootstrapServers(), topics.prefix() + "frontier", topics.escalations(), 4);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int beforeKill = pipeline.distinct();
        Process second = startWorker(config, logs.resolve("second.log"));
        try (partitions) {
          // Then: every escalation has exactly one committed result
          log.info(
              "MEASURED frontier SIGKILL: partitions owned again {} ms after the kill",
              partitions.awaitNewOwners(Duration.ofMinutes(2)).toMillis());
          pipeline.awaitDistinct(n, Duration.ofMinutes(2));
          pipeline.drainCommitted();
          assertThat(beforeKill).isLessThan(n);
          assertThat(pipeline.duplicates()).isEmpty();
          assertThat(pipeline.distinct()).isEqualTo(n);
          log.info(
              "MEASURED across SIGKILL: {} results committed before the kill, {} provider calls for"
                  + " {} escalations ({} repeated after the restart: paid twice, results once)",
              beforeKill,
              server.requests(),
              n,
              server.requests() - n);
          assertThat(server.requests()).isGreaterThanOrEqualTo(n);
        } finally {
          second.destroy();
          second.waitFor(30, TimeUnit.SECONDS);
        }
      } finally {
        first.destroyForcibly();
      }
    }
  }

  @Test
  void shouldAnswerWithTheOfflineStandInWhenNoProviderIsConfigured(LocalStack stack)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix("fw-c.");
    try (FakeProvider server = FakeProvider.start(Wire.anthropicMessage(POLISHED, 1, 1));
        Pipeline pipeline = new Pipeline(stack, topics, 2)) {
      // Given: no provider configured
      Map<String, String> config = config(stack, topics, server);
      config.put("frontier.provider", "none");
      config.put("frontier.standin.latency.ms", "10");
      try (FrontierApp app =
          FrontierApp.start(
              FrontierSettings.from(ConfigSource.of(config), Map.of()), Clock.systemUTC())) {
        // When
        for (int i = 0; i < 20; i++) {
          pipeline.send(Escalations.request("m-" + i, Instant.now()));
        }
        pipeline.flush();
        pipeline.awaitDistinct(20, Duration.ofMinutes(1));

        // Then: every result says it is a stand-in and reports the estimated cost of a real call,
        // and nothing was called
        assertThat(pipeline.all())
            .hasSize(20)
            .allSatisfy(
                r -> {
                  assertThat(r.getStandIn()).isTrue();
                  assertThat(r.getProvider()).isEqualTo("offline-stand-in");
                  assertThat(r.getCostMicros()).isPositive();
                  assertThat(r.getInputTokens()).isPositive();
                  assertThat(r.getText()).contains("A-10442");
                });
        assertThat(server.requests()).isZero();
      }
    }
  }

  static Process startWorker(Map<String, String> config, Path log) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.smallfirst",
                "-cp",
                System.getProperty("java.class.path"),
                FrontierMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SMALLFIRST_") || k.startsWith("KAFKA_"));
    config.forEach(
        (k, v) ->
            pb.environment()
                .put(
                    k.startsWith("kafka.")
                        ? "KAFKA_" + env(k.substring(6))
                        : "SMALLFIRST_" + env(k),
                    v));
    return pb.start();
  }

  private static String env(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  static String get(FrontierApp app, String path) throws Exception {
    return call(app, path).body();
  }

  static int status(FrontierApp app, String path) throws Exception {
    return call(app, path).statusCode();
  }

  private static HttpResponse<String> call(FrontierApp app, String path) throws Exception {
    // bounded, so that a status server that does not answer fails the test here instead of
    // holding it until the class timeout
    try (HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build()) {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.statusPort() + path))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }
}
