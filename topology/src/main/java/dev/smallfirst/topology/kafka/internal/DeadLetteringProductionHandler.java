package dev.smallfirst.topology.kafka.internal;

import dev.smallfirst.runtime.kafka.Transient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output that cannot be serialized, or is too large for the broker, is replaced by a dead letter
 * of its input; any other send failure (authorization, a missing topic) stops the application,
 * since resuming would lose every record after it. A dead letter that cannot be sent is never
 * dead-lettered again (that recursion once ended in a {@link StackOverflowError} that killed the
 * producer): it stops the application, which {@code /health} then reports.
 */
public final class DeadLetteringProductionHandler extends DeadLettering
    implements ProductionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(DeadLetteringProductionHandler.class);

  @Override
  public Response handleError(
      ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (isDeadLetterTopic(record.topic())) {
      log.error(
          "cannot send the dead letter of input {}: {}; stopping rather than dead-lettering a dead letter",
          DeadLetterHandlers.describe(context),
          exception.toString());
      return Response.fail();
    }
    if (exception instanceof RecordTooLargeException) {
      return Response.resume(
          deadLetter(context, "topology.production:" + record.topic(), exception));
    }
    log.error(
        "cannot produce to {} for input {}: {}; stopping",
        record.topic(),
        DeadLetterHandlers.describe(context),
        exception.toString());
    return Response.fail();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(
      ErrorHandlerContext context,
      ProducerRecord record,
      Exception exception,
      SerializationExceptionOrigin origin) {
    if (Transient.isRegistryOutage(exception)) {
      log.warn(
          "schema registry unavailable serializing for {} (input {}); retrying after a pause",
          record.topic(),
          DeadLetterHandlers.describe(context));
      return Response.fail();
    }
    if (isDeadLetterTopic(record.topic())) {
      log.error(
          "cannot serialize the dead letter of input {}: {}; stopping",
          DeadLetterHandlers.describe(context),
          exception.toString());
      return Response.fail();
    }
    return Response.resume(
        deadLetter(context, "topology.serialization:" + record.topic(), exception));
  }
}
