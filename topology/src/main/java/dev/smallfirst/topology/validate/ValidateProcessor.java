package dev.smallfirst.topology.validate;

import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.aggregate.Aggregator;
import dev.smallfirst.topology.aggregate.ReplyFactory;
import dev.smallfirst.topology.kafka.EffectApplier;
import dev.smallfirst.topology.kafka.InboundProcessor;
import dev.smallfirst.topology.kafka.LocalStores;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import java.time.Clock;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Entry of every support message: decodes it (undecodable → dead letter), validates it (no ids →
 * dead letter; unusable body → REJECTED reply), drops re-sent copies of a message already in flight
 * or answered, and fans a valid one out to classify, extract and sentiment.
 */
public final class ValidateProcessor extends InboundProcessor<SupportMessage> {
  private final MessageValidator validator;
  private final Aggregator aggregator;
  private final ReplyFactory replies;
  private LocalStores stores;

  public ValidateProcessor(
      Deserializer<SupportMessage> deserializer,
      MessageValidator validator,
      Aggregator aggregator,
      ReplyFactory replies,
      Clock clock,
      TopologyMetrics metrics) {
    super(deserializer, "topology.validate", clock, metrics);
    this.validator = validator;
    this.aggregator = aggregator;
    this.replies = replies;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    super.init(context);
    stores = LocalStores.of(context);
  }

  @Override
  protected void process(Record<String, byte[]> raw, SupportMessage message) {
    Instant now = clock.instant();
    switch (validator.validate(message)) {
      case Validation.Unusable u -> deadLetter(raw, null, message.getMessageId(), null, u.reason());
      case Validation.Rejected r -> {
        if (duplicate(message)) {
          return;
        }
        EffectApplier.reply(
            replies.rejected(message, r.reason(), now), context(), metrics, now.toEpochMilli());
        stores.markAnswered(message.getMessageId(), now);
      }
      case Validation.Valid v -> {
        if (duplicate(message)) {
          return;
        }
        EffectApplier.apply(
            aggregator.start(message, v.text(), now),
            message.getMessageId(),
            message.getTicketId(),
            context(),
            stores,
            metrics,
            now);
      }
    }
  }

  private boolean duplicate(SupportMessage message) {
    if (stores.known(message.getMessageId())) {
      metrics.ignored("duplicate_message");
      return true;
    }
    return false;
  }
}
