package dev.smallfirst.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionalWriterTest {
  private static final TopicPartition P0 = new TopicPartition("in", 0);

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final TransactionalWriter writer =
      new TransactionalWriter(producer, consumer, "another one may have started");

  @BeforeEach
  void setUp() {
    producer.initTransactions();
    consumer.assign(List.of(P0));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
  }

  private static List<ProducerRecord<byte[], byte[]>> oneRecord() {
    return List.of(new ProducerRecord<>("out", new byte[] {1}));
  }

  @Test
  void shouldCommitOutputsAndOffsetsInOneTransaction() {
    // When
    TransactionalWriter.Outcome outcome =
        writer.write(oneRecord(), Map.of(P0, new OffsetAndMetadata(3)));

    // Then
    assertThat(outcome).isEqualTo(TransactionalWriter.Outcome.COMMITTED);
    assertThat(producer.commitCount()).isEqualTo(1);
    assertThat(producer.history()).hasSize(1);
    assertThat(producer.consumerGroupOffsetsHistory().get(0).values().iterator().next())
        .containsEntry(P0, new OffsetAndMetadata(3));
  }

  @Test
  void shouldAbortWhenKafkaFailsTheTransaction() {
    // Given
    producer.commitTransactionException = new KafkaException("coordinator moved");

    // When
    TransactionalWriter.Outcome outcome = writer.write(oneRecord(), Map.of());

    // Then
    assertThat(outcome).isEqualTo(TransactionalWriter.Outcome.ABORTED);
    assertThat(producer.transactionAborted()).isTrue();
    assertThat(producer.transactionCommitted()).isFalse();
  }

  @Test
  void shouldFailWithTheHintWhenTheProducerIsFenced() {
    // Given
    producer.commitTransactionException = new ProducerFencedException("fenced");

    // When / Then
    assertThatThrownBy(() -> writer.write(oneRecord(), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot continue")
        .hasMessageContaining("another one may have started");
  }

  @Test
  void shouldRewindToTheCommittedOffsetOrTheBeginning() {
    // Given: records consumed past the committed offset
    consumer.seek(P0, 7);

    // When: nothing committed yet
    TransactionalWriter.rewindToCommitted(consumer);

    // Then
    assertThat(consumer.position(P0)).isZero();
  }
}
