package dev.smallfirst.worker.kafka;

import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.StageRequest;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * One consumed record on its way to the output: a request for the model, a request already answered
 * without it, or a dead letter. Every item keeps its coordinates, because its offset is committed
 * in the transaction that writes its output. Immutable.
 */
sealed interface Work {
  TopicPartition partition();

  long offset();

  /** When the poll returned the record (nano clock). */
  long polledNanos();

  default boolean needsInference() {
    return this instanceof Infer;
  }

  /** A decoded request for the model. */
  record Infer(
      TopicPartition partition, long offset, long polledNanos, StageRequest request, Headers trace)
      implements Work {}

  /** A decoded request answered without the model (its deadline passed). */
  record Answered(
      TopicPartition partition,
      long offset,
      long polledNanos,
      StageRequest request,
      Headers trace,
      StageOutcome outcome)
      implements Work {}

  /** A record that cannot be a request: it goes to the dead-letter topic. */
  record Poison(TopicPartition partition, long offset, long polledNanos, DeadLetter letter)
      implements Work {}
}
