package dev.smallfirst.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outage fixture: a broker that stops and comes back on the same port with its data, beside a
 * KRaft controller of its own (a restarted combined node ran its coordinators on its stale
 * registration; see {@code KafkaBroker.startController}).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OutageBrokerIT {

  @Test
  void shouldKeepItsDataAndPortAcrossARestartWithTheControllerApart(@TempDir Path dir)
      throws Exception {
    try (OutageBroker broker = OutageBroker.start(dir)) {
      String bootstrap = broker.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
        Set<Integer> brokers =
            admin.describeCluster().nodes().get().stream()
                .map(Node::id)
                .collect(Collectors.toSet());
        Set<Integer> voters =
            admin.describeMetadataQuorum().quorumInfo().get().voters().stream()
                .map(QuorumInfo.ReplicaState::replicaId)
                .collect(Collectors.toSet());
        assertThat(brokers).hasSize(1);
        assertThat(voters)
            .as("the controller is a node of its own")
            .doesNotContainAnyElementsOf(brokers);
      }
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(
              Map.of("bootstrap.servers", bootstrap, "acks", "all"),
              new StringSerializer(),
              new StringSerializer())) {
        producer.send(new ProducerRecord<>("kept", "k", "before the outage")).get();
      }

      broker.stop();
      assertThat(broker.isRunning()).isFalse();
      broker.restart();

      assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
      assertThat(readAll(bootstrap, new TopicPartition("kept", 0)))
          .containsExactly("before the outage");
    }
  }

  private static List<String> readAll(String bootstrap, TopicPartition tp) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp), Duration.ofMinutes(1)).get(tp);
      List<String> values = new ArrayList<>();
      while (consumer.position(tp, Duration.ofMinutes(1)) < end) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
          values.add(r.value());
        }
      }
      return values;
    }
  }
}
