package dev.smallfirst.runtime.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes outputs and the consumed offsets in one Kafka transaction (KIP-447: the offsets carry the
 * consumer's group metadata). A transaction Kafka gives up on is aborted and reported as {@link
 * Outcome#ABORTED}; the caller drops what it buffered and {@linkplain #rewind rewinds}. A fenced or
 * unauthorised producer cannot continue: {@link #write} throws {@link IllegalStateException}. A
 * commit or abort that times out (the broker is unreachable) is made again until it completes, so a
 * broker outage pauses the loop rather than ending it. Every call of the write path that timed out
 * is counted in {@link #timeouts()}: sending the offsets (then the transaction is aborted),
 * committing, aborting, and reading the committed offsets to {@linkplain #rewind rewind}. Loop
 * thread only.
 *
 * <pre>{@code
 * if (writer.write(records, offsets) == Outcome.ABORTED) {
 *   writer.rewind();
 * }
 * }</pre>
 */
public final class TransactionalWriter implements OutputWriter {
  private static final Logger log = LoggerFactory.getLogger(TransactionalWriter.class);

  private final Producer<byte[], byte[]> producer;
  private final Consumer<?, ?> consumer;
  private final String fencedHint;
  private final LongAdder timeouts = new LongAdder();

  /**
   * @param producer transactional, {@code initTransactions()} already called
   * @param consumer whose group metadata fences zombies
   * @param fencedHint appended to the fatal error, e.g. what may have fenced this producer
   */
  public TransactionalWriter(
      Producer<byte[], byte[]> producer, Consumer<?, ?> consumer, String fencedHint) {
    this.producer = producer;
    this.consumer = consumer;
    this.fencedHint = fencedHint;
  }

  /**
   * Sends {@code records} and commits {@code offsets} (may be empty) atomically.
   *
   * @throws IllegalStateException when the producer was fenced or cannot abort
   */
  @Override
  public Outcome write(
      List<ProducerRecord<byte[], byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> offsets) {
    try {
      producer.beginTransaction();
      records.forEach(producer::send);
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
      }
      // A commit that timed out must be retried, not aborted: the producer refuses any other call.
      retryingTimeouts("commit the transaction", producer::commitTransaction, timeouts::increment);
      return Outcome.COMMITTED;
    } catch (ProducerFencedException
        | InvalidProducerEpochException
        | OutOfOrderSequenceException
        | AuthorizationException
        | UnsupportedVersionException
        | FencedInstanceIdException e) {
      throw cannotContinue(e);
    } catch (KafkaException e) {
      if (e instanceof TimeoutException) {
        // sendOffsetsToTransaction gave up (max.block.ms): the outage met this transaction too
        timeouts.increment();
      }
      log.warn("transaction failed, aborting it: {}", e.toString());
      try {
        retryingTimeouts("abort the transaction", producer::abortTransaction, timeouts::increment);
      } catch (ProducerFencedException | InvalidProducerEpochException fenced) {
        throw cannotContinue(fenced);
      } catch (KafkaException abortFailed) {
        throw new IllegalStateException("cannot abort a failed transaction: " + abortFailed, e);
      }
      return Outcome.ABORTED;
    }
  }

  /**
   * How many calls of the write path timed out (sending offsets, commit, abort, reading the
   * committed offsets); thread-safe.
   */
  public long timeouts() {
    return timeouts.sum();
  }

  private IllegalStateException cannotContinue(KafkaException e) {
    return new IllegalStateException(
        "the transactional producer cannot continue (" + e + "); " + fencedHint, e);
  }

  /**
   * Runs {@code call} again for as long as it times out: a broker outage pauses the loop (each try
   * waits {@code max.block.ms}) instead of failing it, and the call resumes where it stopped once
   * the broker is back. Gives up only when the thread is interrupted.
   */
  private static void retryingTimeouts(String what, Runnable call, Runnable onTimeout) {
    for (int attempt = 1; ; attempt++) {
      try {
        call.run();
        return;
      } catch (TimeoutException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e;
        }
        onTimeout.run();
        log.warn(
            "could not {} (try {}; is the broker reachable?), trying again: {}",
            what,
            attempt,
            e.getMessage());
      }
    }
  }

  /**
   * Seeks every assigned partition of this writer's consumer back to its committed offset (its
   * beginning when none), so uncommitted records are consumed again. Reading the committed offsets
   * is made again for as long as it times out, each time counted in {@link #timeouts()} (during an
   * outage the rewind waits for the broker like a commit does).
   */
  public void rewind() {
    Set<TopicPartition> assigned = consumer.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    retryingTimeouts(
        "read the committed offsets",
        () -> committed.putAll(consumer.committed(assigned)),
        timeouts::increment);
    for (TopicPartition tp : assigned) {
      OffsetAndMetadata at = committed.get(tp);
      if (at == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, at);
      }
    }
  }
}
