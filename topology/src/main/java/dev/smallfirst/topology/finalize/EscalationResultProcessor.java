package dev.smallfirst.topology.finalize;

import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.topology.internal.InboundProcessor;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import java.time.Clock;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Finalizes escalated messages with the frontier worker's answer; late or duplicate answers are
 * ignored.
 */
public final class EscalationResultProcessor extends InboundProcessor<EscalationResult> {
  private final Finalizer finalizer;

  public EscalationResultProcessor(
      Deserializer<EscalationResult> deserializer,
      Finalizer finalizer,
      Clock clock,
      TopologyMetrics metrics) {
    super(deserializer, "topology.finalize", clock, metrics);
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
