package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.smallfirst.records.StageResult;
import dev.smallfirst.schemas.SampleRecords;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record type through our serde, the real registry and a real topic, and back. */
@ExtendWith(LocalStackExtension.class)
class SchemaRoundTripIT {

  static Stream<SpecificRecord> records() {
    List<SpecificRecord> all = new ArrayList<>(SampleRecords.everyType());
    all.addAll(SampleRecords.stageResults()); // every branch of the outcome union
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("records")
  void shouldRoundTripThroughTheRegistryAndATopic(SpecificRecord record, LocalStack stack)
      throws Exception {
    roundTrip(record, stack);
  }

  private static <T extends SpecificRecord> void roundTrip(T record, LocalStack stack)
      throws Exception {
    // Given: a topic for this record type and a serde backed by the real registry
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    String topic = "roundtrip." + type.getSimpleName() + "." + System.nanoTime();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    try (SchemaRegistryClient registry =
            SchemaRegistryClient.create(RegistrySettings.fromConfig(stack.clientConfig()));
        SpecificAvroSerde<T> serde =
            SpecificAvroSerde.of(registry, type, false, SerdeOptions.defaults());
        KafkaProducer<String, T> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(),
                serde.serializer());
        KafkaConsumer<String, T> consumer =
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG,
                    topic,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest"),
                new StringDeserializer(),
                serde.deserializer())) {

      // When
      producer.send(new ProducerRecord<>(topic, "t-1", record)).get(30, TimeUnit.SECONDS);
      consumer.subscribe(List.of(topic));
      List<T> received = new ArrayList<>();
      await("record on " + topic)
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                  received.add(r.value());
                }
                return !received.isEmpty();
              });

      // Then: the same record, and its schema registered under <topic>-value
      assertThat(received).containsExactly(record);
      assertThat(registry.latest(topic + "-value").schema()).isEqualTo(record.getSchema());
      if (record instanceof StageResult result) {
        assertThat(((StageResult) received.get(0)).getOutcome().getClass())
            .isEqualTo(result.getOutcome().getClass());
      }
    }
  }
}
