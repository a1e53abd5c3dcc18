package dev.smallfirst.topology.dlq;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.kafka.DeadLetterBuilder;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/**
 * Builds the topology's {@link DeadLetter}s through the runtime's {@link DeadLetterBuilder}: an
 * exception, or a validation {@code reason} without one.
 */
public final class DeadLetters {
  private DeadLetters() {}

  /**
   * A dead letter for the record at {@code topic}/{@code partition}/{@code offset}.
   *
   * @param component who gives up on it, e.g. {@code topology.validate}
   * @param error the exception, or null when {@code reason} says it all
   */
  public static DeadLetter of(
      String topic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      Headers headers,
      String component,
      Stage stage,
      String messageId,
      Throwable error,
      String reason,
      Instant now) {
    return DeadLetterBuilder.of(
        new DeadLetterBuilder.Source(topic, partition, offset, key, value, headers),
        component,
        stage,
        messageId,
        error == null ? "validation" : error.getClass().getName(),
        reason != null ? reason : String.valueOf(error.getMessage()),
        now);
  }
}
