package dev.smallfirst.runtime.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once output: sends the records with an idempotent producer, waits until every one is
 * acknowledged by all in-sync replicas, and only then commits the consumed offsets. No transaction,
 * so no transaction round trips and markers per batch; the price is that a crash (or a rebalance)
 * between the acknowledgement and the offset commit makes the partition's next owner write those
 * outputs again. Use it only where the reader drops duplicates: the topology ignores a second
 * result for a stage slot that is no longer pending. A failed send or commit is {@link
 * Outcome#ABORTED}: the caller rewinds, and redoes the work. Loop thread only.
 */
public final class AcknowledgedWriter implements OutputWriter {
  private static final Logger log = LoggerFactory.getLogger(AcknowledgedWriter.class);

  private static final int MAX_WAKE_UPS = 16;

  private final Producer<byte[], byte[]> producer;
  private final Consumer<?, ?> consumer;

  /**
   * @param producer idempotent, {@code acks=all}, not transactional
   * @param consumer auto-commit off; commits the offsets
   */
  public AcknowledgedWriter(Producer<byte[], byte[]> producer, Consumer<?, ?> consumer) {
    this.producer = producer;
    this.consumer = consumer;
  }

  @Override
  public Outcome write(
      List<ProducerRecord<byte[], byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
      records.forEach(r -> acks.add(producer.send(r)));
      producer.flush();
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
      }
      if (!offsets.isEmpty()) {
        commit(offsets);
      }
      return Outcome.COMMITTED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("interrupted while waiting for acknowledgements; the batch will be redone");
      return Outcome.ABORTED;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AuthorizationException || cause instanceof UnsupportedVersionException) {
        throw new IllegalStateException("the producer cannot continue: " + cause, cause);
      }
      log.warn("an output was not acknowledged ({}); the batch will be redone", cause.toString());
      return Outcome.ABORTED;
    } catch (FencedInstanceIdException | AuthorizationException e) {
      throw new IllegalStateException(
          "the consumer cannot commit (" + e + "); another worker with the same worker.id may run",
          e);
    } catch (KafkaException e) {
      // CommitFailedException, RebalanceInProgressException, a timeout: the outputs are written,
      // the offsets are not; the next owner redoes the records and the reader drops the repeats.
      log.warn("outputs written but offsets not committed ({}); they will be redone", e.toString());
      return Outcome.ABORTED;
    }
  }

  /**
   * Commits, again when a wake-up meant for the poll (a batch finished, or a stop, which the loop
   * sees next) lands on the commit instead: committing the same offsets twice is harmless.
   */
  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    for (int wakeUps = 0; ; wakeUps++) {
      try {
        consumer.commitSync(offsets);
        return;
      } catch (WakeupException e) {
        if (wakeUps >= MAX_WAKE_UPS) {
          throw e;
        }
      }
    }
  }
}
