package dev.smallfirst.topology.e2e;

import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test-only stand-in for the worker fleet and the frontier worker: answers every stage request with
 * a confident outcome and every escalation with a polished reply, at once. At-least-once on
 * purpose: any duplicate it produces must be ignored by the topology.
 */
public final class InstantResponder implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, Object> producer;
  private final SpecificAvroSerde<StageRequest> requests;
  private final SpecificAvroSerde<EscalationRequest> escalations;
  private final TopicNames topics;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong answered = new AtomicLong();
  private final Thread thread;

  public InstantResponder(String bootstrap, SchemaRegistryClient registry, TopicNames topics) {
    this.topics = topics;
    this.requests =
        SpecificAvroSerde.of(registry, StageRequest.class, false, SerdeOptions.defaults());
    this.escalations =
        SpecificAvroSerde.of(registry, EscalationRequest.class, false, SerdeOptions.defaults());
    SpecificAvroSerde<StageResult> results =
        SpecificAvroSerde.of(registry, StageResult.class, false, SerdeOptions.defaults());
    SpecificAvroSerde<EscalationResult> polished =
        SpecificAvroSerde.of(registry, EscalationResult.class, false, SerdeOptions.defaults());
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                topics.prefix() + "instant-responder",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                1),
            new StringSerializer(),
            (topic, value) ->
                value instanceof StageResult r
                    ? results.serializer().serialize(topic, r)
                    : polished.serializer().serialize(topic, (EscalationResult) value));
    List<String> in = new ArrayList<>();
    TopicNames.WORKER_STAGES.forEach(s -> in.add(topics.stageRequests(s)));
    in.add(topics.escalations());
    consumer.subscribe(in);
    thread = new Thread(this::run, "instant-responder");
    thread.start();
  }

  public long answered() {
    return answered.get();
  }

  private void run() {
    try {
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (r.topic().equals(topics.escalations())) {
            EscalationRequest e = escalations.deserializer().deserialize(r.topic(), r.value());
            producer.send(
                new ProducerRecord<>(
                    topics.escalationResults(),
                    r.key(),
                    Fixtures.polished(e.getMessageId(), e.getTicketId())));
          } else {
            StageRequest req = requests.deserializer().deserialize(r.topic(), r.value());
            Stage stage = req.getStage();
            producer.send(
                new ProducerRecord<>(
                    topics.stageResults(stage),
                    r.key(),
                    Fixtures.result(req, Fixtures.goodOutcome(stage))));
          }
          answered.incrementAndGet();
        }
      }
    } catch (WakeupException closing) {
      // close() woke the poll: fall through to shut down
    } finally {
      producer.close(Duration.ofSeconds(5));
      consumer.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    thread.join(10_000);
  }
}
