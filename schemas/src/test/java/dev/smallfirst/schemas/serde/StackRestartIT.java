package dev.smallfirst.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.schemas.SampleRecords;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts keep their data (issue 16): a stack restarted on its own folder binds the same ports,
 * keeps the broker's records and the registry's schemas, so replies written before the restart
 * still decode after it, with a client that never saw them.
 */
class StackRestartIT {
  private static final String TOPIC = "support.replies";

  @Test
  void shouldDecodeOldRepliesAfterBrokerAndRegistryRestartOnTheirFolder(@TempDir Path dir)
      throws Exception {
    StackSettings d = StackSettings.defaults();
    StackSettings settings =
        new StackSettings(
            Optional.of(dir), 0, 0, d.apicurioHome(), d.registryJava(), d.startTimeout());
    DraftedReply reply = SampleRecords.draftedReply();

    // Given a reply written through the registry, then the stack stopped
    String bootstrap;
    String registryUrl;
    try (LocalStack first = LocalStack.start(settings)) {
      bootstrap = first.bootstrapServers();
      registryUrl = first.registryUrl();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin
            .createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      try (SchemaRegistryClient registry =
              SchemaRegistryClient.create(RegistrySettings.of(registryUrl));
          KafkaProducer<String, DraftedReply> producer =
              new KafkaProducer<>(
                  Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                  new StringSerializer(),
                  SpecificAvroSerde.of(registry, DraftedReply.class, false, SerdeOptions.defaults())
                      .serializer())) {
        producer.send(new ProducerRecord<>(TOPIC, reply.getTicketId(), reply)).get();
      }
    }

    // When it starts again on the same folder
    try (LocalStack second = LocalStack.start(settings)) {
      // Then the addresses are the same, and the old reply decodes with a fresh client
      assertThat(second.bootstrapServers()).isEqualTo(bootstrap);
      assertThat(second.registryUrl()).isEqualTo(registryUrl);
      try (SchemaRegistryClient registry =
              SchemaRegistryClient.create(RegistrySettings.of(second.registryUrl()));
          KafkaConsumer<String, byte[]> consumer =
              new KafkaConsumer<>(
                  Map.of(
                      ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, second.bootstrapServers(),
                      ConsumerConfig.GROUP_ID_CONFIG, "restart-check",
                      ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                  new StringDeserializer(),
                  new ByteArrayDeserializer())) {
        consumer.subscribe(List.of(TOPIC));
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        org.awaitility.Awaitility.await("the reply written before the restart")
            .atMost(Duration.ofMinutes(1))
            .until(
                () -> {
                  consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                  return !read.isEmpty();
                });
        DraftedReply decoded =
            SpecificAvroSerde.of(registry, DraftedReply.class, false, SerdeOptions.defaults())
                .deserializer()
                .deserialize(TOPIC, read.get(0).value());
        assertThat(decoded).isEqualTo(reply);
      }
    }
  }
}
