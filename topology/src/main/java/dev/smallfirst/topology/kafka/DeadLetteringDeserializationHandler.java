package dev.smallfirst.topology.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** A record Streams cannot even deserialize goes to the dead-letter topic; processing resumes. */
public final class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {
  private DeadLetterHandlers dlq;

  @Override
  public void configure(Map<String, ?> configs) {
    dlq = DeadLetterHandlers.configure(configs);
  }

  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    return Response.resume(dlq.deadLetter(context, "topology.deserialization", exception));
  }
}
