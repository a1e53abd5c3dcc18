package dev.smallfirst.worker.kafka;

import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.runtime.kafka.DeadLetterBuilder;
import dev.smallfirst.runtime.trace.HopStamps;
import dev.smallfirst.schemas.registry.SchemaNotFoundException;
import dev.smallfirst.schemas.serde.WireFormatException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a consumed record into {@link Work}: a request, or a dead letter when the bytes are not a
 * {@code StageRequest} (bad wire format, unknown schema id, empty value) or the request is not one
 * this worker may answer (another stage's, no message or ticket id). A registry outage is not the
 * record's fault: that exception propagates so the loop retries instead of dead-lettering good
 * records. Thread-safe.
 */
final class RequestDecoder {
  /**
   * Request headers copied onto the result (W3C trace context, baggage, B3), besides the timing
   * stamps ({@link HopStamps}), to which the decoder adds {@link HopStamps#WORKER_POLLED}.
   */
  static final Set<String> TRACE_HEADERS = Set.of("traceparent", "tracestate", "baggage", "b3");

  private final Deserializer<StageRequest> deserializer;
  private final Stage stage;
  private final String component;
  private final Clock clock;

  RequestDecoder(Deserializer<StageRequest> deserializer, Stage stage, Clock clock) {
    this.deserializer = deserializer;
    this.stage = stage;
    this.component = "worker." + stage.name().toLowerCase(Locale.ROOT);
    this.clock = clock;
  }

  Work decode(ConsumerRecord<byte[], byte[]> record, long polledNanos) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    if (record.value() == null) {
      return poison(record, tp, polledNanos, null, "null", "record has no value (tombstone)");
    }
    StageRequest request;
    try {
      request = deserializer.deserialize(record.topic(), record.headers(), record.value());
    } catch (WireFormatException | SchemaNotFoundException e) {
      return poison(
          record, tp, polledNanos, null, e.getClass().getName(), String.valueOf(e.getMessage()));
    }
    if (request.getStage() != stage) {
      return poison(
          record,
          tp,
          polledNanos,
          request.getMessageId(),
          "misrouted",
          "a " + request.getStage() + " request on the " + stage + " worker's topic");
    }
    if (request.getMessageId().isBlank() || request.getTicketId().isBlank()) {
      return poison(
          record,
          tp,
          polledNanos,
          request.getMessageId(),
          "invalid",
          "messageId and ticketId are required");
    }
    Headers trace = trace(record.headers());
    HopStamps.stamp(trace, HopStamps.WORKER_POLLED, HopStamps.micros(clock.instant()));
    return new Work.Infer(tp, record.offset(), polledNanos, request, trace);
  }

  private Work.Poison poison(
      ConsumerRecord<byte[], byte[]> record,
      TopicPartition tp,
      long polledNanos,
      String messageId,
      String errorClass,
      String message) {
    return new Work.Poison(
        tp,
        record.offset(),
        polledNanos,
        DeadLetterBuilder.of(
            DeadLetterBuilder.Source.of(record),
            component,
            stage,
            messageId,
            errorClass,
            message,
            clock.instant()));
  }

  private static Headers trace(Headers headers) {
    RecordHeaders out = new RecordHeaders();
    headers.forEach(
        h -> {
          if (TRACE_HEADERS.contains(h.key().toLowerCase(Locale.ROOT)) || HopStamps.isStamp(h)) {
            out.add(h);
          }
        });
    return out;
  }
}
