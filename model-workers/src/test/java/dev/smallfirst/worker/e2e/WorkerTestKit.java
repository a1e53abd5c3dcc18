package dev.smallfirst.worker.e2e;

import static org.awaitility.Awaitility.await;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.StatusPort;
import dev.smallfirst.worker.Fixtures;
import dev.smallfirst.worker.WorkerApp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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

/** Helpers for the worker's tests on the real broker and registry. */
final class WorkerTestKit {
  static final List<String> TEXTS =
      List.of(
          "Hi, where is my order ORD-1234567? It was supposed to arrive on 2024-03-15.",
          "I want a refund for the coffee maker, it arrived broken. This is terrible.",
          "please cancel order ORD-7654321 before it ships",
          "I cannot log in to my account since yesterday",
          "why was my card charged $49.99 twice? see invoice INV-20931",
          "does the standing desk come in black? you are great");

  private WorkerTestKit() {}

  /** Settings for a classify worker on {@code stack} with the TorchScript fixture. */
  static Map<String, String> config(LocalStack stack, TopicNames topics, String workerId) {
    Map<String, String> c = new HashMap<>();
    c.put("stage", "classify");
    c.put("model.dir", Fixtures.torchscript("classify").toString());
    c.put("bootstrap.servers", stack.bootstrapServers());
    c.put("schema.registry.url", stack.registryUrl());
    c.put("topic.prefix", topics.prefix());
    // the local stack has one broker
    c.put("topic.replication.factor", "1");
    c.put("topic.partitions", "4");
    c.put("worker.id", workerId);
    // These tests check the worker's own guarantee: no result twice. The at-least-once mode (the
    // default, where the topology drops repeats) is tested where it says so.
    c.put("results.delivery", "exactly-once");
    c.put("http.port", "0");
    c.put("batch.max.size", "32");
    c.put("batch.max.delay.ms", "5");
    c.put("kafka.session.timeout.ms", "6000");
    c.put("kafka.consumer.heartbeat.interval.ms", "1000");
    return c;
  }

  /**
   * Creates the classify request, result and dead-letter topics with 4 partitions and waits until
   * every partition has a leader, so that producers do not race the new topics' first elections.
   */
  static void createTopics(String bootstrap, TopicNames topics) throws Exception {
    createTopics(bootstrap, topics, Stage.CLASSIFY);
  }

  /** As {@link #createTopics(String, TopicNames)}, for {@code stage}'s requests and results. */
  static void createTopics(String bootstrap, TopicNames topics, Stage stage) throws Exception {
    List<String> names =
        List.of(topics.stageRequests(stage), topics.stageResults(stage), topics.deadLetters());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(names.stream().map(n -> new NewTopic(n, 4, (short) 1)).toList())
          .all()
          .get(30, TimeUnit.SECONDS);
      await("leaders of " + names)
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  admin.describeTopics(names).allTopicNames().get().values().stream()
                      .flatMap(d -> d.partitions().stream())
                      .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    }
  }

  static SchemaRegistryClient registry(LocalStack stack) {
    return SchemaRegistryClient.create(RegistrySettings.of(stack.registryUrl()));
  }

  static StageRequest request(int i, Stage stage) {
    Instant now = Instant.now();
    return StageRequest.newBuilder()
        .setMessageId("m-" + i)
        .setTicketId("ticket-" + (i % 97))
        .setTenantId("acme")
        .setStage(stage)
        .setText(TEXTS.get(i % TEXTS.size()))
        .setContext(null)
        .setAttempt(1)
        .setRequestedAt(now)
        .setDeadline(now.plus(Duration.ofMinutes(30)))
        .build();
  }

  /** Produces raw values (request bytes or poison) to the request topic; null means serialize. */
  static final class Requests implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final SpecificAvroSerde<StageRequest> serde;
    private final String topic;

    Requests(String bootstrap, SchemaRegistryClient registry, TopicNames topics, Stage stage) {
      this.topic = topics.stageRequests(stage);
      this.serde =
          SpecificAvroSerde.of(registry, StageRequest.class, false, SerdeOptions.defaults());
      this.producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ProducerConfig.LINGER_MS_CONFIG,
                  5,
                  // One request in flight: on a just-created topic the local broker can answer
                  // NOT_LEADER to a first batch while accepting the next ones, and the retried
                  // first batch then fails forever with OUT_OF_ORDER_SEQUENCE_NUMBER.
                  ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                  1,
                  // Through a broker outage (the outage tests) a send waits for metadata, and a
                  // record for its delivery, for as long as the outage may last.
                  ProducerConfig.MAX_BLOCK_MS_CONFIG,
                  300_000,
                  ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                  300_000),
              new StringSerializer(),
              new ByteArraySerializer());
    }

    Future<RecordMetadata> send(StageRequest r) {
      return producer.send(
          new ProducerRecord<>(topic, r.getTicketId(), serde.serializer().serialize(topic, r)));
    }

    Future<RecordMetadata> sendTo(StageRequest r, int partition) {
      return sendRaw(r.getTicketId(), serde.serializer().serialize(topic, r), partition);
    }

    Future<RecordMetadata> sendRaw(String key, byte[] value, int partition) {
      return producer.send(new ProducerRecord<>(topic, partition, key, value));
    }

    void sendRange(int from, int to, Stage stage) {
      for (int i = from; i < to; i++) {
        send(request(i, stage));
      }
      producer.flush();
    }

    void flush() {
      producer.flush();
    }

    @Override
    public void close() {
      producer.close();
    }
  }

  /** Counts committed results per message id. Not thread-safe; used from the test thread. */
  static final class ResultCounter implements AutoCloseable {
    private final KafkaConsumer<String, StageResult> consumer;
    private final Map<String, Integer> perMessage = new HashMap<>();
    private final List<StageResult> all = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final String topic;

    ResultCounter(String bootstrap, SchemaRegistryClient registry, String topic) {
      this.topic = topic;
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrap,
                  ConsumerConfig.GROUP_ID_CONFIG,
                  topic + ".counter",
                  ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                  "earliest",
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed"),
              new StringDeserializer(),
              SpecificAvroSerde.of(registry, StageResult.class, false, SerdeOptions.defaults())
                  .deserializer());
      consumer.subscribe(List.of(topic));
    }

    void awaitDistinct(int n, Duration within) {
      await("%d distinct results on %s".formatted(n, topic))
          .atMost(within)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                poll();
                return perMessage.size() >= n;
              });
    }

    /** Reads until the consumer has caught up with every committed result on the topic. */
    void drainCommitted() {
      await("all committed results read")
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

    /**
     * Counts each record once by its coordinates: after a rebalance (a broker restart) the counter
     * may read again from its group's last committed offset, which is no duplicate result.
     */
    private void poll() {
      for (ConsumerRecord<String, StageResult> r : consumer.poll(Duration.ofMillis(100))) {
        if (seen.add(r.partition() + "@" + r.offset())) {
          perMessage.merge(r.value().getMessageId(), 1, Integer::sum);
          all.add(r.value());
        }
      }
    }

    int distinct() {
      return perMessage.size();
    }

    List<StageResult> results() {
      return all;
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

    @Override
    public void close() {
      consumer.close();
    }
  }

  /** Reads every committed dead letter on the topic until {@code n} have arrived. */
  static List<DeadLetter> awaitDeadLetters(
      String bootstrap, SchemaRegistryClient registry, TopicNames topics, int n) {
    List<DeadLetter> out = new ArrayList<>();
    try (KafkaConsumer<String, DeadLetter> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                topics.deadLetters() + ".reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            SpecificAvroSerde.of(registry, DeadLetter.class, false, SerdeOptions.defaults())
                .deserializer())) {
      consumer.subscribe(List.of(topics.deadLetters()));
      await("%d dead letters".formatted(n))
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> out.add(r.value()));
                return out.size() >= n;
              });
    }
    return out;
  }

  /** Starts {@code WorkerMain} in a child JVM with {@code config} as environment variables. */
  static Process startWorkerProcess(Map<String, String> config, Path log) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
                java.toString(),
                "-Xmx512m",
                "-Dai.djl.offline=true",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.smallfirst",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.smallfirst.worker.WorkerMain")
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
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /**
   * GET {@code path} on the worker's status port: {@code /ready} as "status body", else the body.
   */
  static String get(WorkerApp app, String path) throws Exception {
    HttpResponse<String> response = response(app, path);
    return path.equals("/ready") ? response.statusCode() + " " + response.body() : response.body();
  }

  /** The HTTP status of GET {@code path} on the worker's status port. */
  static int status(WorkerApp app, String path) throws Exception {
    return response(app, path).statusCode();
  }

  private static HttpResponse<String> response(WorkerApp app, String path) throws Exception {
    return StatusPort.get(app.statusPort(), path);
  }
}
