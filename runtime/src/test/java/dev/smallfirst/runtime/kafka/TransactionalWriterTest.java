package dev.smallfirst.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
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
    writer.rewind();

    // Then
    assertThat(consumer.position(P0)).isZero();
  }

  @Test
  void shouldRetryACommitThatTimedOutUntilTheBrokerAnswers() {
    // Given: a broker that does not answer the first two commits in time
    OutageProducer outage = new OutageProducer(2, 0);
    outage.initTransactions();
    TransactionalWriter writer = new TransactionalWriter(outage, consumer, "hint");

    // When
    TransactionalWriter.Outcome outcome =
        writer.write(oneRecord(), Map.of(P0, new OffsetAndMetadata(3)));

    // Then: the same commit went through on the third try, and nothing was aborted
    assertThat(outcome).isEqualTo(TransactionalWriter.Outcome.COMMITTED);
    assertThat(outage.commitTries).isEqualTo(3);
    assertThat(outage.commitCount()).isEqualTo(1);
    assertThat(outage.transactionAborted()).isFalse();
  }

  @Test
  void shouldRetryAnAbortThatTimedOutInsteadOfFailing() {
    // Given: offsets that cannot reach the coordinator, and an abort that times out once
    OutageProducer outage = new OutageProducer(0, 1);
    outage.initTransactions();
    outage.sendOffsetsToTransactionException = new TimeoutException("coordinator unreachable");
    TransactionalWriter writer = new TransactionalWriter(outage, consumer, "hint");

    // When
    TransactionalWriter.Outcome outcome =
        writer.write(oneRecord(), Map.of(P0, new OffsetAndMetadata(3)));

    // Then: aborted on the second try, for the caller to rewind and redo; the offsets that timed
    // out and the abort that did are both counted
    assertThat(outcome).isEqualTo(TransactionalWriter.Outcome.ABORTED);
    assertThat(outage.abortTries).isEqualTo(2);
    assertThat(outage.transactionAborted()).isTrue();
    assertThat(writer.timeouts()).isEqualTo(2);
  }

  @Test
  void shouldCountTheReadsOfCommittedOffsetsThatTimedOutWhileRewinding() {
    // Given: a consumer whose first two reads of the committed offsets time out
    Set<TopicPartition> asked = new HashSet<>();
    MockConsumer<byte[], byte[]> slow =
        new MockConsumer<>("earliest") {
          private int reads;

          @Override
          public synchronized Map<TopicPartition, OffsetAndMetadata> committed(
              Set<TopicPartition> partitions) {
            asked.addAll(partitions);
            if (++reads <= 2) {
              throw new TimeoutException("coordinator unreachable");
            }
            return Map.of(P0, new OffsetAndMetadata(4));
          }
        };
    slow.assign(List.of(P0));
    slow.updateBeginningOffsets(Map.of(P0, 0L));
    slow.seek(P0, 9);
    TransactionalWriter writer = new TransactionalWriter(producer, slow, "hint");

    // When
    writer.rewind();

    // Then: the third read answered, the consumer is back at the committed offset
    assertThat(slow.position(P0)).isEqualTo(4);
    assertThat(asked).containsExactly(P0);
    assertThat(writer.timeouts()).isEqualTo(2);
  }

  /** A mock producer whose first commits and aborts time out, as during a broker outage. */
  private static final class OutageProducer extends MockProducer<byte[], byte[]> {
    private final int commitTimeouts;
    private final int abortTimeouts;
    int commitTries;
    int abortTries;

    OutageProducer(int commitTimeouts, int abortTimeouts) {
      super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
      this.commitTimeouts = commitTimeouts;
      this.abortTimeouts = abortTimeouts;
    }

    @Override
    public void commitTransaction() {
      if (++commitTries <= commitTimeouts) {
        throw new TimeoutException("commit timed out");
      }
      super.commitTransaction();
    }

    @Override
    public void abortTransaction() {
      if (++abortTries <= abortTimeouts) {
        throw new TimeoutException("abort timed out");
      }
      super.abortTransaction();
    }
  }
}
