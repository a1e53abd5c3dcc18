package dev.smallfirst.runtime.kafka;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.Stage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Builds {@link DeadLetter}s: the original bytes and their coordinates, and what went wrong (the
 * message cut to 2,000 characters). Stateless.
 *
 * <pre>{@code
 * DeadLetter letter = DeadLetterBuilder.of(record, "frontier.decode", null, null, e, clock.instant());
 * }</pre>
 */
public final class DeadLetterBuilder {
  private static final int MAX_MESSAGE_CHARS = 2_000;

  private DeadLetterBuilder() {}

  /**
   * Where the failed record came from and its bytes.
   *
   * @param topic null when unknown
   * @param headers null when none
   */
  public record Source(
      String topic, int partition, long offset, byte[] key, byte[] value, Headers headers) {

    /** The coordinates and bytes of {@code record}. */
    public static Source of(ConsumerRecord<byte[], byte[]> record) {
      return new Source(
          record.topic(),
          record.partition(),
          record.offset(),
          record.key(),
          record.value(),
          record.headers());
    }
  }

  /**
   * A dead letter for {@code record} failed by {@code error}.
   *
   * @param component who gives up on it, e.g. {@code frontier.decode}
   * @param stage the stage it was meant for, or null
   * @param messageId the message's id when it could be read, else null
   */
  public static DeadLetter of(
      ConsumerRecord<byte[], byte[]> record,
      String component,
      Stage stage,
      String messageId,
      Throwable error,
      Instant now) {
    return of(
        Source.of(record),
        component,
        stage,
        messageId,
        error.getClass().getName(),
        String.valueOf(error.getMessage()),
        now);
  }

  /** A dead letter for {@code source} with the error's class name and message given as text. */
  public static DeadLetter of(
      Source source,
      String component,
      Stage stage,
      String messageId,
      String errorClass,
      String message,
      Instant now) {
    Map<String, ByteBuffer> headerMap = new HashMap<>();
    if (source.headers() != null) {
      for (Header h : source.headers()) {
        headerMap.put(h.key(), ByteBuffer.wrap(h.value() == null ? new byte[0] : h.value()));
      }
    }
    return DeadLetter.newBuilder()
        .setSourceTopic(source.topic() == null ? "unknown" : source.topic())
        .setPartition(source.partition())
        .setOffset(source.offset())
        .setKey(source.key() == null ? null : ByteBuffer.wrap(source.key()))
        .setValue(source.value() == null ? null : ByteBuffer.wrap(source.value()))
        .setHeaders(headerMap)
        .setErrorClass(errorClass)
        .setErrorMessage(
            message.length() > MAX_MESSAGE_CHARS
                ? message.substring(0, MAX_MESSAGE_CHARS)
                : message)
        .setComponent(component)
        .setStage(stage)
        .setMessageId(messageId)
        .setFailedAt(now)
        .build();
  }
}
