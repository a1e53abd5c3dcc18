package dev.smallfirst.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class KafkaThreadsTest {

  @Test
  void shouldReportAProducerDeadOnceItsIoThreadIsGone() {
    // Given a producer (it needs no broker to have its I/O thread)
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.CLIENT_ID_CONFIG, "liveness-probe-test"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    assertThat(KafkaThreads.deadProducers(List.of("liveness-probe-test"))).isEmpty();

    // When its thread stops
    producer.close(Duration.ZERO);

    // Then it is reported dead, as is a producer that never ran
    assertThat(KafkaThreads.deadProducers(List.of("liveness-probe-test", "never-started")))
        .containsExactly("liveness-probe-test", "never-started");
  }
}
