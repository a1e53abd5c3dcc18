package dev.smallfirst.topology.finalize;

import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.topology.internal.Inbound;
import dev.smallfirst.topology.internal.InboundProcessor;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Finalizes escalated messages with the frontier worker's answer; late or duplicate answers are
 * ignored.
 */
public final class EscalationResultProcessor extends InboundProcessor<EscalationResult> {
  private final Finalizer finalizer;

  public EscalationResultProcessor(Inbound<EscalationResult> inbound, Finalizer finalizer) {
    super(inbound, "topology.finalize");
    this.finalizer = finalizer;
  }

  @Override
  protected void process(Record<String, byte[]> raw, EscalationResult result) {
    advance(
        result.getMessageId(),
        result.getTicketId(),
        (state, now) -> finalizer.onEscalationResult(state, result, now));
  }
}
