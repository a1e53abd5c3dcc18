package dev.smallfirst.topology.aggregate;

import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.state.AggregateState;
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
 * Finalizes escalated messages with the frontier worker's answer; late or duplicate answers are
 * ignored.
 */
public final class EscalationResultProcessor extends InboundProcessor<EscalationResult> {
  private final Aggregator aggregator;
  private LocalStores stores;

  public EscalationResultProcessor(
      Deserializer<EscalationResult> deserializer,
      Aggregator aggregator,
      Clock clock,
      TopologyMetrics metrics) {
    super(deserializer, "topology.finalize", clock, metrics);
    this.aggregator = aggregator;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    super.init(context);
    stores = LocalStores.of(context);
  }

  @Override
  protected void process(Record<String, byte[]> raw, EscalationResult result) {
    AggregateState state = stores.inflight().get(result.getMessageId());
    if (state == null) {
      metrics.ignored(stores.answered(result.getMessageId()) ? "late_result" : "unknown_message");
      return;
    }
    Instant now = clock.instant();
    switch (aggregator.onEscalationResult(state, result, now)) {
      case Transition.Advanced t ->
          EffectApplier.apply(
              t, result.getMessageId(), result.getTicketId(), context(), stores, metrics, now);
      case Transition.Ignored i -> metrics.ignored("duplicate_result");
    }
  }
}
