package dev.smallfirst.topology.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.kafka.DeadLetterBuilder;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import dev.smallfirst.stack.junit.Reassignment;
import dev.smallfirst.stack.junit.StatusPort;
import dev.smallfirst.topology.Fixtures;
import dev.smallfirst.topology.TopologyApp;
import dev.smallfirst.topology.TopologyMain;
import dev.smallfirst.topology.TopologySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topology on the real broker and registry, with {@link InstantResponder} standing in for the
 * workers: every message in yields exactly one reply out, also when the topology process is killed
 * mid-run and restarted.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TopologyExactlyOnceIT {
  private static final Logger log = LoggerFactory.getLogger(TopologyExactlyOnceIT.class);

  private static final int MESSAGES = 1_000;

  @Test
  void shouldAnswerEveryMessageExactlyOnce(LocalStack stack, @TempDir Path state) throws Exception {
    TopicNames topics = TopicNames.withPrefix("eos-a.");
    Map<String, String> config = config(stack, topics, "eos-a-topology", state);
    // A burst of 1,000 queues results for seconds on 2 cores; generous deadlines keep every stage
    // in, so the route split below depends on the policy alone.
    for (String stage : List.of("classify", "extract", "sentiment", "draft")) {
      config.put("deadline." + stage + ".ms", "120000");
    }
    try (SchemaRegistryClient registry = registry(stack);
        TopologyApp app = TopologyApp.start(TopologySettings.from(ConfigSource.of(config)));
        InstantResponder responder =
            new InstantResponder(stack.bootstrapServers(), registry, topics);
        ReplyCounter replies = new ReplyCounter(stack.bootstrapServers(), registry, topics)) {
      produce(stack, registry, topics, 0, MESSAGES);

      replies.awaitDistinct(MESSAGES, Duration.ofMinutes(3));
      replies.drainCommitted();

      assertThat(replies.duplicates()).isEmpty();
      assertThat(replies.distinct()).isEqualTo(MESSAGES);
      assertThat(replies.routes())
          .containsEntry(Route.SMALL_ONLY, MESSAGES / 2)
          .containsEntry(Route.ESCALATED, MESSAGES / 2);
      assertThat(responder.answered()).isGreaterThanOrEqualTo(MESSAGES * 4L);

      // The status endpoint answers from the local stores, and metrics count the routes
      assertThat(get(app, "/messages/m-7")).contains("\"state\":\"ANSWERED\"");
      assertThat(get(app, "/messages/never-sent")).contains("\"state\":\"UNKNOWN\"");
      assertThat(get(app, "/ready")).contains("RUNNING");
      assertThat(get(app, "/metrics"))
          .contains("smallfirst_topology_replies_total{route=\"ESCALATED\"} 500.0");
    }
  }

  @Test
  void shouldDeadLetterARecordJustUnderTheBrokerLimitAndGoOnAnswering(
      LocalStack stack, @TempDir Path state) throws Exception {
    TopicNames topics = TopicNames.withPrefix("eos-d.");
    Map<String, String> config = config(stack, topics, "eos-d-topology", state);
    try (SchemaRegistryClient registry = registry(stack);
        TopologyApp app = TopologyApp.start(TopologySettings.from(ConfigSource.of(config)));
        InstantResponder responder =
            new InstantResponder(stack.bootstrapServers(), registry, topics);
        ReplyCounter replies = new ReplyCounter(stack.bootstrapServers(), registry, topics)) {
      // Given the record of issue 16: 1,048,400 bytes, which the broker accepts but whose dead
      // letter once exceeded the producer's limit and stalled the partition for good
      try (KafkaProducer<String, byte[]> producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  stack.bootstrapServers(),
                  ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                  2 * 1024 * 1024),
              new StringSerializer(),
              new ByteArraySerializer())) {
        producer
            .send(new ProducerRecord<>(topics.messages(), "ticket-0", new byte[1_048_400]))
            .get();
      }

      // When ordinary messages follow it on the same partitions
      produce(stack, registry, topics, 0, 20);

      // Then they are all answered, the big record is dead-lettered, cut, and the app is healthy
      replies.awaitDistinct(20, Duration.ofMinutes(2));
      DeadLetter letter = firstDeadLetter(stack, registry, topics);
      assertThat(letter.getValue().remaining()).isEqualTo(DeadLetterBuilder.MAX_VALUE_BYTES);
      assertThat(
              StandardCharsets.UTF_8
                  .decode(letter.getHeaders().get("smallfirst.dlq.value.length"))
                  .toString())
          .isEqualTo("1048400");
      assertThat(get(app, "/health")).isEqualTo("ok\n");
    }
  }

  private static DeadLetter firstDeadLetter(
      LocalStack stack, SchemaRegistryClient registry, TopicNames topics) {
    SpecificAvroSerde<DeadLetter> serde =
        SpecificAvroSerde.of(registry, DeadLetter.class, false, SerdeOptions.defaults());
    try (KafkaConsumer<String, DeadLetter> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlq-check-" + topics.prefix(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            serde.deserializer())) {
      consumer.subscribe(List.of(topics.deadLetters()));
      List<DeadLetter> letters = new ArrayList<>();
      await("the dead letter of the big record")
          .atMost(Duration.ofMinutes(1))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
                return !letters.isEmpty();
              });
      return letters.get(0);
    }
  }

  static String get(TopologyApp app, String path) throws Exception {
    return response(app, path).body();
  }

  /** The HTTP status of GET {@code path} on the topology's status port. */
  static int status(TopologyApp app, String path) throws Exception {
    return response(app, path).statusCode();
  }

  private static HttpResponse<String> response(TopologyApp app, String path) throws Exception {
    return StatusPort.get(app.statusPort(), path);
  }

  @Test
  void shouldAnswerEveryMessageExactlyOnceAcrossAKilledAndRestartedTopology(
      LocalStack stack, @TempDir Path state) throws Exception {
    TopicNames topics = TopicNames.withPrefix("eos-b.");
    Map<String, String> config = config(stack, topics, "eos-b-topology", state);
    config.put("http.port", "-1");
    // Results survive the crash in their topics; deadlines longer than a restart keep the
    // restarted instance from re-requesting everything that was in flight (retries are covered
    // by SupportTopologyTest), which would only add load on a 2-core machine.
    for (String stage : List.of("classify", "extract", "sentiment", "draft")) {
      config.put("deadline." + stage + ".ms", "30000");
    }
    Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
    try (SchemaRegistryClient registry = registry(stack);
        ReplyCounter replies = new ReplyCounter(stack.bootstrapServers(), registry, topics)) {
      // Given: a topology process answering through the instant responder
      Process first = startTopologyProcess(config, logs.resolve("killed-topology.log"));
      InstantResponder responder = new InstantResponder(stack.bootstrapServers(), registry, topics);
      try {
        produce(stack, registry, topics, 0, MESSAGES / 2);
        replies.awaitDistinct(300, Duration.ofMinutes(2));

        // When: it is killed (SIGKILL) mid-run, the second half arrives while it is down, and it
        // is started again on the same state
        Reassignment partitions =
            Reassignment.snapshot(stack.bootstrapServers(), "eos-b-topology", topics.messages(), 4);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int beforeRestart = replies.distinct();
        Map<Route, Integer> routesBefore = new EnumMap<>(replies.routes());
        produce(stack, registry, topics, MESSAGES / 2, MESSAGES);
        Process second = startTopologyProcess(config, logs.resolve("restarted-topology.log"));
        try (partitions) {
          // Then: every message is answered exactly once
          Duration toPartitions = partitions.awaitNewOwners(Duration.ofMinutes(3));
          replies.awaitDistinct(MESSAGES, Duration.ofMinutes(5));
          replies.drainCommitted();
          int degradedAfter =
              replies.routes().getOrDefault(Route.DEGRADED, 0)
                  - routesBefore.getOrDefault(Route.DEGRADED, 0);
          log.info(
              "MEASURED topology SIGKILL: partitions owned again {} ms after the kill; {} of {}"
                  + " replies after the kill DEGRADED; routes {}",
              toPartitions.toMillis(),
              degradedAfter,
              MESSAGES - beforeRestart,
              replies.routes());
          assertThat(beforeRestart).isLessThan(MESSAGES);
          assertThat(replies.duplicates()).isEmpty();
          assertThat(replies.distinct()).isEqualTo(MESSAGES);
        } finally {
          second.destroy();
          second.waitFor(30, TimeUnit.SECONDS);
        }
      } finally {
        first.destroyForcibly();
        responder.close();
      }
    }
  }

  @Test
  void shouldRefuseToStartWhenCoPartitionedTopicsDiffer(LocalStack stack, @TempDir Path state)
      throws Exception {
    TopicNames topics = TopicNames.withPrefix("eos-c.");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topics.messages(), 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }

    assertThatThrownBy(
            () ->
                TopologyApp.start(
                    TopologySettings.from(ConfigSource.of(config(stack, topics, "eos-c", state)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("same number of partitions")
        .hasMessageContaining(topics.messages() + "=3");
  }

  // --- helpers -------------------------------------------------------------------------------

  static Map<String, String> config(LocalStack stack, TopicNames topics, String appId, Path state) {
    Map<String, String> c = new HashMap<>();
    c.put("bootstrap.servers", stack.bootstrapServers());
    c.put("schema.registry.url", stack.registryUrl());
    c.put("topic.prefix", topics.prefix());
    // the local stack has one broker
    c.put("topic.replication.factor", "1");
    c.put("topic.partitions", "4");
    c.put("application.id", appId);
    c.put("state.dir", state.resolve("streams").toString());
    c.put("http.port", "0");
    c.put("kafka.session.timeout.ms", "6000");
    c.put("kafka.heartbeat.interval.ms", "1000");
    c.put("policy.file", policy(state).toString());
    return c;
  }

  /** The rules this test routes by: the rule defaults, spelled out (it uses no models). */
  private static Path policy(Path state) {
    try {
      Files.createDirectories(state);
      return Files.writeString(state.resolve("policy.yaml"), "version: 1\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Process startTopologyProcess(Map<String, String> config, Path log)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                TopologyMain.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
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
    return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
  }

  static SchemaRegistryClient registry(LocalStack stack) {
    return SchemaRegistryClient.create(RegistrySettings.of(stack.registryUrl()));
  }

  /**
   * Produces messages {@code from} (inclusive) to {@code to} (exclusive) and waits until the broker
   * has acknowledged each; half are customer-facing (escalated), half agent-facing (small only).
   */
  private static void produce(
      LocalStack stack, SchemaRegistryClient registry, TopicNames topics, int from, int to)
      throws Exception {
    produce(stack.bootstrapServers(), registry, topics, from, to);
  }

  /** {@link #produce(LocalStack, SchemaRegistryClient, TopicNames, int, int)} to any broker. */
  static void produce(
      String bootstrap, SchemaRegistryClient registry, TopicNames topics, int from, int to)
      throws Exception {
    SpecificAvroSerde<SupportMessage> serde =
        SpecificAvroSerde.of(registry, SupportMessage.class, false, SerdeOptions.defaults());
    try (KafkaProducer<String, SupportMessage> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                // One batch in flight: on a just-created partition the first batch can fail with
                // NOT_LEADER while later ones land, and the idempotent producer then retries it
                // into OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout drops it.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                1,
                // Through a broker outage (the outage tests) a send waits for metadata, and a
                // record for its delivery, for as long as the outage may last.
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                300_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                300_000),
            new StringSerializer(),
            serde.serializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      for (int i = from; i < to; i++) {
        SupportMessage m =
            SupportMessage.newBuilder(
                    Fixtures.message("m-" + i, i % 2 == 0 ? Audience.CUSTOMER : Audience.AGENT))
                .setTicketId("ticket-" + (i % 97))
                .build();
        sent.add(producer.send(new ProducerRecord<>(topics.messages(), m.getTicketId(), m)));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : sent) {
        ack.get();
      }
    }
  }

  /** Counts committed replies per message id. Not thread-safe; used from the test thread. */
  static final class ReplyCounter implements AutoCloseable {
    private final KafkaConsumer<String, DraftedReply> consumer;
    private final Map<String, Integer> perMessage = new HashMap<>();
    private final Map<Route, Integer> routes = new EnumMap<>(Route.class);
    private final Set<String> seen = new HashSet<>();
    private final String topic;

    ReplyCounter(String bootstrap, SchemaRegistryClient registry, TopicNames topics) {
      topic = topics.replies();
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.GROUP_ID_CONFIG,
                  topics.prefix() + "reply-counter",
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "earliest",
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed"),
              new StringDeserializer(),
              SpecificAvroSerde.of(registry, DraftedReply.class, false, SerdeOptions.defaults())
                  .deserializer());
    }

    void awaitDistinct(int n, Duration within) {
      await("%d distinct replies on %s".formatted(n, topic))
          .atMost(within)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                poll();
                return perMessage.size() >= n;
              });
    }

    /** Reads until the consumer has caught up with every committed reply on the topic. */
    void drainCommitted() {
      await("all committed replies read")
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                poll();
                Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
                return !ends.isEmpty()
                    && ends.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
              });
    }

    /** Counts a record read again after a rebalance (a broker restart) once, by coordinates. */
    private void poll() {
      if (consumer.subscription().isEmpty()) {
        consumer.subscribe(List.of(topic));
      }
      for (ConsumerRecord<String, DraftedReply> r : consumer.poll(Duration.ofMillis(100))) {
        if (seen.add(r.partition() + "@" + r.offset())) {
          perMessage.merge(r.value().getMessageId(), 1, Integer::sum);
          routes.merge(r.value().getRoute(), 1, Integer::sum);
        }
      }
    }

    int distinct() {
      return perMessage.size();
    }

    Map<String, Integer> duplicates() {
      Map<String, Integer> dups = new HashMap<>();
      perMessage.forEach(
          (id, n) -> {
            if (n > 1) {
              dups.put(id, n);
            }
          });
      return dups;
    }

    Map<Route, Integer> routes() {
      return routes;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
