package dev.smallfirst.frontier.kafka;

import dev.smallfirst.records.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Builds {@link DeadLetter}s from the input record's bytes and coordinates and the error. */
final class DeadLetterFactory {
  private static final int MAX_MESSAGE_CHARS = 2_000;

  private DeadLetterFactory() {}

  /**
   * @param component who gave up, e.g. {@code frontier.decode}
   * @param messageId the escalation's message id when it could be read, else null
   */
  static DeadLetter of(
      ConsumerRecord<byte[], byte[]> r,
      String component,
      String messageId,
      Throwable error,
      Instant now) {
    Map<String, ByteBuffer> headers = new HashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), ByteBuffer.wrap(h.value() == null ? new byte[0] : h.value()));
    }
    String message = String.valueOf(error.getMessage());
    return DeadLetter.newBuilder()
        .setSourceTopic(r.topic())
        .setPartition(r.partition())
        .setOffset(r.offset())
        .setKey(r.key() == null ? null : ByteBuffer.wrap(r.key()))
        .setValue(r.value() == null ? null : ByteBuffer.wrap(r.value()))
        .setHeaders(headers)
        .setErrorClass(error.getClass().getName())
        .setErrorMessage(
            message.length() > MAX_MESSAGE_CHARS
                ? message.substring(0, MAX_MESSAGE_CHARS)
                : message)
        .setComponent(component)
        .setStage(null)
        .setMessageId(messageId)
        .setFailedAt(now)
        .build();
  }
}
