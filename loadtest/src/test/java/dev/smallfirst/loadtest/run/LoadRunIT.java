package dev.smallfirst.loadtest.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.loadtest.report.LoadReport;
import dev.smallfirst.loadtest.schedule.ArrivalSchedule;
import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The load driver's Kafka plumbing on the real broker, against a test-only echo pipeline that
 * replies to every message (twice to one, never to one that it dead-letters instead).
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LoadRunIT {

  @Test
  void shouldCountRepliesDuplicatesAndDeadLettersOfTheRun(LocalStack stack) throws Exception {
    TopicNames topics = TopicNames.withPrefix("loadrun.");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topics.messages(), 2, (short) 1),
                  new NewTopic(topics.replies(), 2, (short) 1),
                  new NewTopic(topics.deadLetters(), 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (SchemaRegistryClient registry =
            SchemaRegistryClient.create(RegistrySettings.of(stack.registryUrl()));
        EchoPipeline echo = new EchoPipeline(stack.bootstrapServers(), registry, topics)) {
      LoadRun.Plan plan =
          new LoadRun.Plan(
              stack.bootstrapServers(),
              topics,
              300,
              ArrivalSchedule.fixed(150),
              Duration.ofSeconds(20));

      LoadReport report =
          LoadRun.run(plan, registry, LoadRunIT::message, (sent, settled, total) -> {});

      assertThat(report.sent()).isEqualTo(300);
      assertThat(report.replies()).isEqualTo(299);
      assertThat(report.deadLettered()).isEqualTo(1);
      assertThat(report.duplicates()).isEqualTo(1);
      assertThat(report.missing()).isZero();
      assertThat(report.routes()).containsEntry("SMALL_ONLY", 299L);
      assertThat(report.latency().p50()).isPositive();
      assertThat(report.throughputPerSecond()).isPositive();
    }
  }

  static SupportMessage message(int i) {
    return SupportMessage.newBuilder()
        .setMessageId("run-" + i)
        .setTicketId("t" + (i % 17))
        .setTenantId("acme")
        .setChannel(dev.smallfirst.records.Channel.CHAT)
        .setCustomer(
            new dev.smallfirst.records.Customer("c", dev.smallfirst.records.CustomerTier.STANDARD))
        .setSubject(null)
        .setBody("where is my order?")
        .setLanguage(null)
        .setAudience(dev.smallfirst.records.Audience.AGENT)
        .setReceivedAt(Instant.now())
        .setAttributes(Map.of())
        .build();
  }

  /** Replies to each message at once; run-7 twice, run-13 dead-lettered instead. */
  static final class EchoPipeline implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    EchoPipeline(String bootstrap, SchemaRegistryClient registry, TopicNames topics) {
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
                                "echo",
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
                      if (id.equals("run-13")) {
                        producer.send(
                            new ProducerRecord<>(topics.deadLetters(), r.key(), deadLetter(r, id)));
                        continue;
                      }
                      DraftedReply reply =
                          DraftedReply.newBuilder()
                              .setMessageId(id)
                              .setTicketId(r.key())
                              .setTenantId("acme")
                              .setText("ok")
                              .setRoute(Route.SMALL_ONLY)
                              .setTotalLatencyMillis(1)
                              .setCostMicros(80)
                              .setAllFrontierCostMicros(30_000)
                              .setReceivedAt(Instant.now())
                              .setRepliedAt(Instant.now())
                              .build();
                      producer.send(new ProducerRecord<>(topics.replies(), r.key(), reply));
                      if (id.equals("run-7")) {
                        producer.send(new ProducerRecord<>(topics.replies(), r.key(), reply));
                      }
                    }
                  }
                }
              },
              "echo-pipeline");
      thread.start();
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
}
