package dev.smallfirst.topology.kafka.internal;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** A record Streams cannot even deserialize goes to the dead-letter topic; processing resumes. */
public final class DeadLetteringDeserializationHandler extends DeadLettering
    implements DeserializationExceptionHandler {
  @Override
  public Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    return Response.resume(deadLetter(context, "topology.deserialization", exception));
  }
}
