package dev.smallfirst.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offsets are committed only once every output is acknowledged; any doubt rewinds. */
class AcknowledgedWriterTest {
  private static final TopicPartition P0 = new TopicPartition("in", 0);

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

  @BeforeEach
  void setUp() {
    consumer.assign(List.of(P0));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
  }

  private static List<ProducerRecord<byte[], byte[]>> records(int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> new ProducerRecord<byte[], byte[]>("out", new byte[] {(byte) i}))
        .toList();
  }

  @Test
  void shouldCommitTheOffsetsAfterEveryOutputIsAcknowledged() {
    OutputWriter writer = new AcknowledgedWriter(producer, consumer);

    OutputWriter.Outcome outcome = writer.write(records(3), Map.of(P0, new OffsetAndMetadata(3)));

    assertThat(outcome).isEqualTo(OutputWriter.Outcome.COMMITTED);
    assertThat(producer.history()).hasSize(3);
    assertThat(consumer.committed(java.util.Set.of(P0)))
        .containsEntry(P0, new OffsetAndMetadata(3));
  }

  @Test
  void shouldCommitNoOffsetWhenAnOutputIsRefused() {
    MockProducer<byte[], byte[]> failing =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            errorNext(new NotEnoughReplicasException("1 of 2 in sync"));
            while (completeNext()) {
              // acknowledge the rest
            }
          }
        };
    OutputWriter writer = new AcknowledgedWriter(failing, consumer);

    OutputWriter.Outcome outcome = writer.write(records(2), Map.of(P0, new OffsetAndMetadata(2)));

    assertThat(outcome).isEqualTo(OutputWriter.Outcome.ABORTED);
    assertThat(consumer.committed(java.util.Set.of(P0)).get(P0)).isNull();
  }

  @Test
  void shouldReportAFailedOffsetCommitAsAbortedSoTheBatchIsRedone() {
    MockConsumer<byte[], byte[]> rebalanced =
        new MockConsumer<>("earliest") {
          @Override
          public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            throw new CommitFailedException("the group rebalanced");
          }
        };
    OutputWriter writer = new AcknowledgedWriter(producer, rebalanced);

    OutputWriter.Outcome outcome = writer.write(records(1), Map.of(P0, new OffsetAndMetadata(1)));

    assertThat(outcome).isEqualTo(OutputWriter.Outcome.ABORTED);
    assertThat(producer.history()).hasSize(1); // written: the redo repeats it, the reader drops it
  }

  @Test
  void shouldCommitAgainWhenAWakeUpMeantForThePollLandsOnTheCommit() {
    // As the real consumer does: a pending wake-up throws out of the next blocking call, once.
    int[] commits = {0};
    MockConsumer<byte[], byte[]> woken =
        new MockConsumer<>("earliest") {
          private boolean pending = true; // a batch finished and woke the loop

          @Override
          public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (pending) {
              pending = false;
              throw new org.apache.kafka.common.errors.WakeupException();
            }
            commits[0]++;
            super.commitSync(offsets);
          }
        };
    woken.assign(List.of(P0));

    OutputWriter.Outcome outcome =
        new AcknowledgedWriter(producer, woken)
            .write(records(1), Map.of(P0, new OffsetAndMetadata(1)));

    assertThat(outcome).isEqualTo(OutputWriter.Outcome.COMMITTED);
    assertThat(commits[0]).isEqualTo(1);
    assertThat(woken.committed(java.util.Set.of(P0))).containsEntry(P0, new OffsetAndMetadata(1));
  }

  @Test
  void shouldStopOnAnAuthorizationFailure() {
    MockProducer<byte[], byte[]> unauthorised =
        new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
          @Override
          public synchronized void flush() {
            errorNext(new TopicAuthorizationException("no write on out"));
          }
        };
    OutputWriter writer = new AcknowledgedWriter(unauthorised, consumer);

    assertThatThrownBy(() -> writer.write(records(1), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot continue");
  }
}
