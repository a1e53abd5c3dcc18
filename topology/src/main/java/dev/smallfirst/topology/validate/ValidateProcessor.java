package dev.smallfirst.topology.validate;

import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.fanout.FanOut;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.internal.EffectApplier;
import dev.smallfirst.topology.internal.Inbound;
import dev.smallfirst.topology.internal.InboundProcessor;
import dev.smallfirst.topology.kafka.Names;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Entry of every support message: decodes it (undecodable → dead letter), validates it (no ids →
 * dead letter; unusable body → REJECTED reply), drops re-sent copies of a message already in flight
 * or answered, and has the {@link FanOut} request the analyses of a valid one.
 *
 * <p>A message whose record key is missing or differs from its {@code ticketId} is re-keyed before
 * any state is touched: it is written back to the messages topic keyed by its ticket id (header
 * {@value #REKEYED_FROM} holds the old key, empty when there was none), in the same transaction,
 * and processed again on the partition where its stage results will arrive. Otherwise its results,
 * keyed by ticket id, would land in another task and the message would always degrade.
 */
public final class ValidateProcessor extends InboundProcessor<SupportMessage> {
  /** Header of a re-keyed message: the key it arrived with. */
  public static final String REKEYED_FROM = "smallfirst.rekeyed-from";

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
    Validation validation = validator.validate(message);
    if (!(validation instanceof Validation.Unusable) && !message.getTicketId().equals(raw.key())) {
      rekey(raw, message);
      return;
    }
    switch (validation) {
      case Validation.Unusable u -> deadLetter(raw, null, message.getMessageId(), null, u.reason());
      case Validation.Rejected r -> {
        if (duplicate(message)) {
          return;
        }
        EffectApplier.reply(
            replies.rejected(message, r.reason(), now),
            context(),
            metrics,
            now.toEpochMilli(),
            trace());
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

  private void rekey(Record<String, byte[]> raw, SupportMessage message) {
    Headers headers = new RecordHeaders(raw.headers().toArray());
    headers.remove(REKEYED_FROM);
    headers.add(
        REKEYED_FROM, raw.key() == null ? new byte[0] : raw.key().getBytes(StandardCharsets.UTF_8));
    context()
        .forward(
            new Record<String, SpecificRecord>(
                message.getTicketId(), message, raw.timestamp(), headers),
            Names.REKEY_SINK);
    metrics.ignored(raw.key() == null ? "rekeyed_no_key" : "rekeyed_wrong_key");
  }

  private boolean duplicate(SupportMessage message) {
    if (stores().known(message.getMessageId())) {
      metrics.ignored("duplicate_message");
      return true;
    }
    return false;
  }
}
