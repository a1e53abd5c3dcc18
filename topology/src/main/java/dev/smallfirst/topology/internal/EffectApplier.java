package dev.smallfirst.topology.internal;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Stage;
import dev.smallfirst.topology.kafka.Names;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Carries out a {@link Transition.Advanced}: forwards its requests, escalations and replies to the
 * right sinks (keyed by ticket id), then stores or retires the message's state. Every record
 * forwarded carries its own copy of the cause's timing stamps ({@code HopStamps}). Stateless.
 */
public final class EffectApplier {
  private EffectApplier() {}

  /**
   * @param trace the timing stamps the outputs carry (the cause's, then the topology's own; empty
   *     for a punctuation)
   */
  public static void apply(
      Transition.Advanced t,
      String messageId,
      String ticketId,
      ProcessorContext<String, SpecificRecord> context,
      LocalStores stores,
      TopologyMetrics metrics,
      Instant now,
      Headers trace) {
    long timestamp = now.toEpochMilli();
    for (Effect effect : t.effects()) {
      switch (effect) {
        case Effect.Request r ->
            context.forward(
                new Record<>(ticketId, (SpecificRecord) r.request(), timestamp, copy(trace)),
                Names.requestSink(r.request().getStage()));
        case Effect.Escalate e ->
            context.forward(
                new Record<>(ticketId, (SpecificRecord) e.request(), timestamp, copy(trace)),
                Names.ESCALATIONS_SINK);
        case Effect.Reply r -> reply(r.reply(), context, metrics, timestamp, trace);
      }
    }
    for (Stage stage : t.expired()) {
      metrics.deadlineExpired(stage);
    }
    if (t.finished()) {
      stores.markAnswered(messageId, now);
    } else {
      stores.inflight().put(messageId, t.state());
    }
  }

  /** Publishes a reply carrying the timing stamps {@code trace}. */
  public static void reply(
      DraftedReply reply,
      ProcessorContext<String, SpecificRecord> context,
      TopologyMetrics metrics,
      long timestamp,
      Headers trace) {
    context.forward(
        new Record<>(reply.getTicketId(), (SpecificRecord) reply, timestamp, copy(trace)),
        Names.REPLIES_SINK);
    metrics.replied(reply.getRoute());
  }

  private static Headers copy(Headers trace) {
    return new RecordHeaders(trace.toArray());
  }
}
