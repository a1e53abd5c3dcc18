package dev.smallfirst.topology.dlq;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.Stage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Builds {@link DeadLetter}s: the original bytes and their coordinates, and what went wrong. */
public final class DeadLetters {
  private static final int MAX_MESSAGE_CHARS = 2_000;

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
    Map<String, ByteBuffer> headerMap = new HashMap<>();
    if (headers != null) {
      for (Header h : headers) {
        headerMap.put(h.key(), ByteBuffer.wrap(h.value() == null ? new byte[0] : h.value()));
      }
    }
    String message = reason != null ? reason : String.valueOf(error.getMessage());
    return DeadLetter.newBuilder()
        .setSourceTopic(topic == null ? "unknown" : topic)
        .setPartition(partition)
        .setOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setHeaders(headerMap)
        .setErrorClass(error == null ? "validation" : error.getClass().getName())
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
