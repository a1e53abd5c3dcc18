package dev.smallfirst.topology.validate;

import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.fanout.FanOut;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.internal.EffectApplier;
import dev.smallfirst.topology.internal.Inbound;
import dev.smallfirst.topology.internal.InboundProcessor;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Entry of every support message: decodes it (undecodable → dead letter), validates it (no ids →
 * dead letter; unusable body → REJECTED reply), drops re-sent copies of a message already in flight
 * or answered, and has the {@link FanOut} request the analyses of a valid one.
 */
public final class ValidateProcessor extends InboundProcessor<SupportMessage> {
  private final MessageValidator validator;
  private final FanOut fanOut;
  private final ReplyFactory replies;

  public ValidateProcessor(
      Inbound<SupportMessage> inbound,
      MessageValidator validator,
      FanOut fanOut,
      ReplyFactory replies) {
    super(inbound, "topology.validate");
    this.validator = validator;
    this.fanOut = fanOut;
    this.replies = replies;
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
        stores().markAnswered(message.getMessageId(), now);
      }
      case Validation.Valid v -> {
        if (duplicate(message)) {
          return;
        }
        apply(
            fanOut.start(message, v.text(), now),
            message.getMessageId(),
            message.getTicketId(),
            now);
      }
    }
  }

  private boolean duplicate(SupportMessage message) {
    if (stores().known(message.getMessageId())) {
      metrics.ignored("duplicate_message");
      return true;
    }
    return false;
  }
}
