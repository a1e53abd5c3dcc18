package dev.smallfirst.loadtest;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.runtime.trace.HopStamps;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test stand-in for the system under load: consumes {@code support.messages} and answers each
 * message at once on {@code support.replies} (route {@code SMALL_ONLY}), twice, or with a dead
 * letter on {@code support.dlq}, as the test says.
 */
public final class EchoPipeline implements AutoCloseable {

  /** What the pipeline does with one message. */
  public enum Answer {
    REPLY,
    REPLY_TWICE,
    DEAD_LETTER
  }

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  /**
   * Starts consuming {@code topics.messages()} from the beginning.
   *
   * @param answers what to do with the message of each id
   */
  public EchoPipeline(
      String bootstrap,
      SchemaRegistryClient registry,
      TopicNames topics,
      Function<String, Answer> answers) {
    SpecificAvroSerde<SupportMessage> in =
        SpecificAvroSerde.of(registry, SupportMessage.class, false, SerdeOptions.defaults());
    SpecificAvroSerde<DraftedReply> out =
        SpecificAvroSerde.of(registry, DraftedReply.class, false, SerdeOptions.defaults());
    SpecificAvroSerde<DeadLetter> dlq =
        SpecificAvroSerde.of(registry, DeadLetter.class, false, SerdeOptions.defaults());
    thread =
        new Thread(
            () -> {
              try (KafkaConsumer<String, SupportMessage> consumer =
                      new KafkaConsumer<>(
                          Map.of(
                              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                              bootstrap,
                              ConsumerConfig.GROUP_ID_CONFIG,
                              "echo-" + topics.prefix(),
                              ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                              "earliest"),
                          new StringDeserializer(),
                          in.deserializer());
                  KafkaProducer<String, Object> producer =
                      new KafkaProducer<>(
                          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                          new StringSerializer(),
                          (topic, v) ->
                              v instanceof DraftedReply r
                                  ? out.serializer().serialize(topic, r)
                                  : dlq.serializer().serialize(topic, (DeadLetter) v))) {
                consumer.subscribe(List.of(topics.messages()));
                while (running.get()) {
                  for (ConsumerRecord<String, SupportMessage> r :
                      consumer.poll(Duration.ofMillis(50))) {
                    String id = r.value().getMessageId();
                    switch (answers.apply(id)) {
                      case DEAD_LETTER ->
                          producer.send(
                              new ProducerRecord<>(
                                  topics.deadLetters(), r.key(), deadLetter(r, id)));
                      case REPLY -> producer.send(reply(topics, r));
                      case REPLY_TWICE -> {
                        producer.send(reply(topics, r));
                        producer.send(reply(topics, r));
                      }
                    }
                  }
                }
              }
            },
            "echo-pipeline");
    thread.start();
  }

  /** Creates the topics the load driver and the echo pipeline use. */
  public static void createTopics(String bootstrap, TopicNames topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topics.messages(), 2, (short) 1),
                  new NewTopic(topics.replies(), 2, (short) 1),
                  new NewTopic(topics.deadLetters(), 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static ProducerRecord<String, Object> reply(
      TopicNames topics, ConsumerRecord<String, SupportMessage> r) {
    DraftedReply reply =
        DraftedReply.newBuilder()
            .setMessageId(r.value().getMessageId())
            .setTicketId(r.key())
            .setTenantId(r.value().getTenantId())
            .setText("ok")
            .setRoute(Route.SMALL_ONLY)
            .setTotalLatencyMillis(1)
            .setCostMicros(80)
            .setAllFrontierCostMicros(30_000)
            .setReceivedAt(Instant.now())
            .setRepliedAt(Instant.now())
            .build();
    // Like the topology: the message's timing stamps, then its own in and out
    Headers trace = HopStamps.copy(r.headers());
    long now = HopStamps.micros(Instant.now());
    HopStamps.stamp(trace, HopStamps.TOPOLOGY_IN, now);
    HopStamps.stamp(trace, HopStamps.TOPOLOGY_OUT, now);
    return new ProducerRecord<>(topics.replies(), null, r.key(), reply, trace);
  }

  private static DeadLetter deadLetter(ConsumerRecord<String, SupportMessage> r, String id) {
    return DeadLetter.newBuilder()
        .setSourceTopic(r.topic())
        .setPartition(r.partition())
        .setOffset(r.offset())
        .setErrorClass("test")
        .setErrorMessage("dead-lettered by the echo pipeline")
        .setComponent("echo")
        .setMessageId(id)
        .setFailedAt(Instant.now())
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
