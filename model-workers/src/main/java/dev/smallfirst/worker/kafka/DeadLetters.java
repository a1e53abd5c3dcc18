package dev.smallfirst.worker.kafka;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.Stage;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Builds {@link DeadLetter}s: the original bytes, their coordinates, and what went wrong. */
final class DeadLetters {
  private static final int MAX_MESSAGE_CHARS = 2_000;

  private DeadLetters() {}

  static DeadLetter of(
      ConsumerRecord<byte[], byte[]> record,
      String component,
      Stage stage,
      String messageId,
      String errorClass,
      String message,
      Instant now) {
    Map<String, ByteBuffer> headers = new HashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), ByteBuffer.wrap(h.value() == null ? new byte[0] : h.value()));
    }
    return DeadLetter.newBuilder()
        .setSourceTopic(record.topic())
        .setPartition(record.partition())
        .setOffset(record.offset())
        .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
        .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
        .setHeaders(headers)
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
