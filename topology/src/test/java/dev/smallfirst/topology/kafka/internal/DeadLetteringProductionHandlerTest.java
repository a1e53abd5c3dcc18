package dev.smallfirst.topology.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetteringProductionHandlerTest {

  @Test
  void shouldStopInsteadOfDeadLetteringADeadLetter() {
    // Given the handler, configured for support.dlq
    DeadLetteringProductionHandler handler = new DeadLetteringProductionHandler();
    handler.configure(
        Map.of(
            DeadLettering.DLQ_TOPIC_CONFIG,
            "support.dlq",
            "schema.registry.url",
            "http://127.0.0.1:1"));

    // When the dead letter itself is too large to send
    var response =
        handler.handleError(
            new Context(),
            new ProducerRecord<>("support.dlq", new byte[0], new byte[0]),
            new RecordTooLargeException("too large"));

    // Then it fails at once (no recursion, no retry)
    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  /** The context of input support.messages/0@7. */
  private static final class Context implements ErrorHandlerContext {
    @Override
    public String topic() {
      return "support.messages";
    }

    @Override
    public int partition() {
      return 0;
    }

    @Override
    public long offset() {
      return 7;
    }

    @Override
    public Headers headers() {
      return new RecordHeaders();
    }

    @Override
    public String processorNodeId() {
      return "validate";
    }

    @Override
    public TaskId taskId() {
      return new TaskId(0, 0);
    }

    @Override
    public long timestamp() {
      return 0;
    }

    @Override
    public byte[] sourceRawKey() {
      return new byte[0];
    }

    @Override
    public byte[] sourceRawValue() {
      return new byte[0];
    }
  }
}
