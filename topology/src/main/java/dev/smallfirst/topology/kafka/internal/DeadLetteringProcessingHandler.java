package dev.smallfirst.topology.kafka.internal;

import dev.smallfirst.runtime.kafka.Transient;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An exception thrown while processing a record (a bug, or bad data that slipped past validation)
 * sends that record to the dead-letter topic instead of stopping the partition. A schema registry
 * outage is not bad data: it fails the task, so that the record is retried once the thread is
 * replaced, and never reaches the dead-letter topic.
 */
public final class DeadLetteringProcessingHandler extends DeadLettering
    implements ProcessingExceptionHandler {
  @Override
  public Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (Transient.isRegistryOutage(exception)) {
      return Response.fail();
    }
    return Response.resume(
        deadLetter(context, "topology.processing:" + context.processorNodeId(), exception));
  }
}
