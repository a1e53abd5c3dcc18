package dev.smallfirst.topology.bench;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import dev.smallfirst.topology.Fixtures;
import dev.smallfirst.topology.TopologyApp;
import dev.smallfirst.topology.TopologySettings;
import dev.smallfirst.topology.e2e.InstantResponder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not a test (no timing is asserted; not run by {@code ./smallfirst test}): the topology
 * alone on the real local broker and registry, with {@link InstantResponder} standing in for the
 * workers. Open-loop load at fixed rates; latency from each message's intended send time to its
 * reply being consumed (no coordinated omission). Run with {@code ./smallfirst bench topology};
 * results go to stdout and {@code topology/target/topology-benchmark.json}.
 */
@ExtendWith(LocalStackExtension.class)
class TopologyBenchmark {
  private static final String INTENDED = "bench.intendedAtMicros";

  @Test
  void measureThroughputAndAddedLatency(LocalStack stack, @TempDir Path state) throws Exception {
    List<Integer> rates = List.of(100, 200, 400, 800);
    Duration step = Duration.ofSeconds(Long.getLong("bench.step.seconds", 15));
    List<String> rows = new ArrayList<>();
    int run = 0;
    for (int rate : rates) {
      rows.add(runStep(stack, state.resolve("run" + run), "bench" + run++ + ".", rate, step));
    }
    String json =
        "{\"machine\":\""
            + Runtime.getRuntime().availableProcessors()
            + " cores\",\"date\":\""
            + Instant.now()
            + "\",\"steps\":["
            + String.join(",", rows)
            + "]}";
    Files.writeString(Path.of("target/topology-benchmark.json"), json);
    System.out.println("TOPOLOGY BENCHMARK " + json);
  }

  private String runStep(LocalStack stack, Path state, String prefix, int rate, Duration duration)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix(prefix);
    Map<String, String> c =
        new HashMap<>(
            Map.of(
                "bootstrap.servers",
                stack.bootstrapServers(),
                "schema.registry.url",
                stack.registryUrl(),
                "topic.prefix",
                prefix,
                "topic.partitions",
                "4",
                "topic.replication.factor",
                "1",
                "application.id",
                prefix + "topology",
                "state.dir",
                state.toString(),
                "http.port",
                "-1"));
    // the rule defaults, spelled out: the stand-in workers are no models with thresholds
    Files.createDirectories(state);
    c.put(
        "policy.file", Files.writeString(state.resolve("policy.yaml"), "version: 1\n").toString());
    String commitInterval = System.getProperty("bench.commit.interval.ms");
    if (commitInterval != null) {
      c.put("commit.interval.ms", commitInterval);
    }
    int total = (int) (rate * duration.toSeconds());
    try (SchemaRegistryClient registry =
            SchemaRegistryClient.create(RegistrySettings.of(stack.registryUrl()));
        TopologyApp app = TopologyApp.start(TopologySettings.from(ConfigSource.of(c)));
        InstantResponder responder =
            new InstantResponder(stack.bootstrapServers(), registry, topics);
        KafkaConsumer<String, DraftedReply> replies =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG,
                    prefix + "bench",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed"),
                new StringDeserializer(),
                SpecificAvroSerde.of(registry, DraftedReply.class, false, SerdeOptions.defaults())
                    .deserializer());
        KafkaProducer<String, SupportMessage> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG,
                    1),
                new StringSerializer(),
                SpecificAvroSerde.of(registry, SupportMessage.class, false, SerdeOptions.defaults())
                    .serializer())) {
      replies.subscribe(List.of(topics.replies()));
      warmUp(app, producer, replies, topics);
      Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
      Thread sender = new Thread(() -> send(producer, topics, rate, total), "bench-sender");
      long start = System.nanoTime();
      sender.start();
      int received = 0;
      long deadline = start + duration.toNanos() + TimeUnit.SECONDS.toNanos(60);
      while (received < total && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, DraftedReply> r : replies.poll(Duration.ofMillis(50))) {
          if (r.value().getMessageId().startsWith("warm")) {
            continue;
          }
          long intended =
              Long.parseLong(
                  r.value()
                      .getMessageId()
                      .substring(r.value().getMessageId().lastIndexOf('@') + 1));
          latency.recordValue(Math.max(0, nowMicros() - intended));
          received++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      sender.join();
      String row =
          String.format(
              java.util.Locale.ROOT,
              "{\"offered_per_s\":%d,\"sent\":%d,\"replies\":%d,\"throughput_per_s\":%.1f,\"p50_ms\":%.1f,\"p90_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f}",
              rate,
              total,
              received,
              received / seconds,
              latency.getValueAtPercentile(50) / 1e3,
              latency.getValueAtPercentile(90) / 1e3,
              latency.getValueAtPercentile(99) / 1e3,
              latency.getMaxValue() / 1e3);
      System.out.println("step " + row);
      return row;
    }
  }

  /**
   * Open loop: message i is due at start + i/rate whatever happened before; its id carries that
   * time.
   */
  private static void send(
      KafkaProducer<String, SupportMessage> producer, TopicNames topics, int rate, int total) {
    long startMicros = nowMicros();
    for (int i = 0; i < total; i++) {
      long intended = startMicros + (long) (i * 1e6 / rate);
      long wait = intended - nowMicros();
      if (wait > 0) {
        LockSupport.parkNanos(wait * 1_000);
      }
      SupportMessage m =
          SupportMessage.newBuilder(
                  Fixtures.message(
                      "b" + i + "@" + intended, i % 2 == 0 ? Audience.CUSTOMER : Audience.AGENT))
              .setTicketId("t" + (i % 512))
              .build();
      producer.send(new ProducerRecord<>(topics.messages(), m.getTicketId(), m));
    }
    producer.flush();
  }

  /**
   * Declared warm-up, not measured: waits for Streams to run, then sends 300 messages and waits for
   * their replies, so every consumer group has joined and the JIT has compiled the hot path.
   */
  private static void warmUp(
      TopologyApp app,
      KafkaProducer<String, SupportMessage> producer,
      KafkaConsumer<String, DraftedReply> replies,
      TopicNames topics) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (app.streams().state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING
        && System.nanoTime() < until) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    int warm = 300;
    for (int i = 0; i < warm; i++) {
      SupportMessage m =
          SupportMessage.newBuilder(
                  Fixtures.message("warm" + i, i % 2 == 0 ? Audience.CUSTOMER : Audience.AGENT))
              .setTicketId("t" + (i % 512))
              .build();
      producer.send(new ProducerRecord<>(topics.messages(), m.getTicketId(), m));
    }
    producer.flush();
    int answered = 0;
    while (answered < warm && System.nanoTime() < until) {
      answered += replies.poll(Duration.ofMillis(100)).count();
    }
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
