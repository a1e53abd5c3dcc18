package dev.smallfirst.runtime.kafka;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * A deployable's side of a {@link TransactionalLoop}: what it does with polled records, when it
 * writes its transactions (through a {@link TransactionalWriter}) and what it does on rebalance and
 * stop. Every method runs on the loop thread.
 */
public interface LoopProcessor {

  /** How long the next poll may block. */
  Duration pollTimeout();

  /** Whether the consumer should stop fetching (too much in flight, or backing off). */
  boolean full();

  /**
   * Takes the records of one poll (possibly none: the poll timed out or was woken) and commits
   * whatever is due.
   */
  void process(ConsumerRecords<byte[], byte[]> records);

  /** Stop was asked: finish or abandon what is in flight and commit what is finished. */
  void drain();

  /** Before partitions go to another member: commit what is finished, drop the rest of theirs. */
  void onRevoked(Collection<TopicPartition> revoked, boolean failed);

  /** Partitions were lost without revocation: drop what is buffered for them. */
  void onLost(Collection<TopicPartition> lost);

  /** Called once when the loop ends, before the clients close; releases threads and buffers. */
  default void release() {}
}
