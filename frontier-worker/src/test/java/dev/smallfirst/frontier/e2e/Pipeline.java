package dev.smallfirst.frontier.e2e;

import static org.awaitility.Awaitility.await;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The topology's side of the frontier worker, for end-to-end tests on the real broker and registry:
 * produces escalations (and garbage) and reads results and dead letters with a read_committed
 * consumer. Not thread-safe; used from the test thread.
 */
final class Pipeline implements AutoCloseable {
  private final String bootstrap;
  private final TopicNames topics;
  private final SchemaRegistryClient registry;
  private final KafkaProducer<byte[], byte[]> producer;
  private final SpecificAvroSerde<EscalationRequest> requests;
  private final KafkaConsumer<String, EscalationResult> results;
  private final Map<String, List<EscalationResult>> byMessage = new HashMap<>();
  private final Map<String, Long> firstResultTimestamp = new HashMap<>();
  private final Set<TopicPartitionOffset> read = new HashSet<>();
  private final Map<String, List<String>> coordinates = new HashMap<>();
  private int reread;

  Pipeline(LocalStack stack, TopicNames topics, int partitions) throws Exception {
    this(stack.bootstrapServers(), stack.registryUrl(), topics, partitions);
  }

  /** On the broker at {@code bootstrap} (e.g. an {@code OutageBroker}) and the given registry. */
  Pipeline(String bootstrap, String registryUrl, TopicNames topics, int partitions)
      throws Exception {
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.registry = SchemaRegistryClient.create(RegistrySettings.of(registryUrl));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topics.escalations(), partitions, (short) 1),
                  new NewTopic(topics.escalationResults(), partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    this.requests =
        SpecificAvroSerde.of(registry, EscalationRequest.class, false, SerdeOptions.defaults());
    this.results =
        new KafkaConsumer<>(
            consumerConfig("result-reader"),
            new StringDeserializer(),
            SpecificAvroSerde.of(registry, EscalationResult.class, false, SerdeOptions.defaults())
                .deserializer());
    // Assigned, not subscribed: a group would be rebalanced by a broker restart and resume from
    // its last auto-committed offset, reading results twice.
    List<TopicPartition> assigned = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition(topics.escalationResults(), p));
    }
    results.assign(assigned);
    results.seekToBeginning(assigned);
  }

  private Map<String, Object> consumerConfig(String group) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap,
        ConsumerConfig.GROUP_ID_CONFIG,
        topics.prefix() + group,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        "read_committed");
  }

  void send(EscalationRequest r) {
    producer.send(
        new ProducerRecord<>(
            topics.escalations(),
            r.getTicketId().getBytes(StandardCharsets.UTF_8),
            requests.serializer().serialize(topics.escalations(), r)));
  }

  void sendGarbage(String key) {
    producer.send(
        new ProducerRecord<>(
            topics.escalations(),
            key.getBytes(StandardCharsets.UTF_8),
            "not avro at all".getBytes(StandardCharsets.UTF_8)));
  }

  void flush() {
    producer.flush();
  }

  /** Waits until {@code n} distinct messages have a committed result. */
  void awaitDistinct(int n, Duration within) {
    await(n + " distinct results on " + topics.escalationResults())
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              poll();
              return byMessage.size() >= n;
            });
  }

  /** Reads until caught up with every committed result. */
  void drainCommitted() {
    await("all committed results read")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              poll();
              Map<TopicPartition, Long> ends = results.endOffsets(results.assignment());
              return !ends.isEmpty()
                  && ends.entrySet().stream()
                      .allMatch(e -> results.position(e.getKey()) >= e.getValue());
            });
  }

  /**
   * Reads what is there. A record at coordinates already read is skipped (a reset position reads
   * records again without the topic holding them twice); a duplicate is a second record.
   */
  private void poll() {
    for (ConsumerRecord<String, EscalationResult> r : results.poll(Duration.ofMillis(100))) {
      if (!read.add(new TopicPartitionOffset(r.partition(), r.offset()))) {
        reread++;
        continue;
      }
      byMessage.computeIfAbsent(r.value().getMessageId(), k -> new ArrayList<>()).add(r.value());
      coordinates
          .computeIfAbsent(r.value().getMessageId(), k -> new ArrayList<>())
          .add(r.partition() + "@" + r.offset() + " " + r.value().getOutcome());
      firstResultTimestamp.putIfAbsent(r.value().getMessageId(), r.timestamp());
    }
  }

  /** Kafka timestamp (epoch ms) of each message's first committed result. */
  Map<String, Long> resultTimestamps() {
    return firstResultTimestamp;
  }

  /** Where each message's results lie ({@code partition@offset outcome}), for failure messages. */
  Map<String, List<String>> coordinatesOf(Set<String> messages) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    messages.forEach(m -> out.put(m, coordinates.getOrDefault(m, List.of())));
    return out;
  }

  /** Records read again at coordinates already read (not duplicates; see {@link #poll()}). */
  int reread() {
    return reread;
  }

  int distinct() {
    return byMessage.size();
  }

  Map<String, Integer> duplicates() {
    Map<String, Integer> dups = new HashMap<>();
    byMessage.forEach(
        (id, list) -> {
          if (list.size() > 1) {
            dups.put(id, list.size());
          }
        });
    return dups;
  }

  List<EscalationResult> all() {
    List<EscalationResult> out = new ArrayList<>();
    byMessage.values().forEach(out::addAll);
    return out;
  }

  /** Every committed dead letter on the DLQ topic. */
  List<DeadLetter> deadLetters() {
    try (KafkaConsumer<String, DeadLetter> dlq =
        new KafkaConsumer<>(
            consumerConfig("dlq-reader-" + System.nanoTime()),
            new StringDeserializer(),
            SpecificAvroSerde.of(registry, DeadLetter.class, false, SerdeOptions.defaults())
                .deserializer())) {
      dlq.subscribe(List.of(topics.deadLetters()));
      List<DeadLetter> letters = new ArrayList<>();
      await("dead letters")
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                dlq.poll(Duration.ofMillis(200)).forEach(r -> letters.add(r.value()));
                return !letters.isEmpty();
              });
      return letters;
    }
  }

  private record TopicPartitionOffset(int partition, long offset) {}

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
    results.close(Duration.ofSeconds(10));
    registry.close();
  }
}
