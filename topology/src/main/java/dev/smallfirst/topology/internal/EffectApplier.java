package dev.smallfirst.topology.internal;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Stage;
import dev.smallfirst.topology.kafka.Names;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Carries out a {@link Transition.Advanced}: forwards its requests, escalations and replies to the
 * right sinks (keyed by ticket id), then stores or retires the message's state. Stateless.
 */
public final class EffectApplier {
  private EffectApplier() {}

  public static void apply(
      Transition.Advanced t,
      String messageId,
      String ticketId,
      ProcessorContext<String, SpecificRecord> context,
      LocalStores stores,
      TopologyMetrics metrics,
      Instant now) {
    long timestamp = now.toEpochMilli();
    for (Effect effect : t.effects()) {
      switch (effect) {
        case Effect.Request r ->
            context.forward(
                new Record<>(ticketId, (SpecificRecord) r.request(), timestamp),
                Names.requestSink(r.request().getStage()));
        case Effect.Escalate e ->
            context.forward(
                new Record<>(ticketId, (SpecificRecord) e.request(), timestamp),
                Names.ESCALATIONS_SINK);
        case Effect.Reply r -> reply(r.reply(), context, metrics, timestamp);
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

  /** Publishes a reply. */
  public static void reply(
      DraftedReply reply,
      ProcessorContext<String, SpecificRecord> context,
      TopologyMetrics metrics,
      long timestamp) {
    context.forward(
        new Record<>(reply.getTicketId(), (SpecificRecord) reply, timestamp), Names.REPLIES_SINK);
    metrics.replied(reply.getRoute());
  }
}
