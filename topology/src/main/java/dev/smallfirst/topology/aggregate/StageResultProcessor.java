package dev.smallfirst.topology.aggregate;

import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.SlotStatus;
import dev.smallfirst.topology.kafka.EffectApplier;
import dev.smallfirst.topology.kafka.InboundProcessor;
import dev.smallfirst.topology.kafka.LocalStores;
import dev.smallfirst.topology.kafka.Names;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.PolicyHolder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Gathers the workers' results per message (requesting the draft when the first three are in,
 * routing the draft by policy), and runs the wall-clock deadline punctuator over the in-flight
 * store: late stages are re-requested once, then the message degrades.
 */
public final class StageResultProcessor extends InboundProcessor<StageResult> {
  private final Function<PolicyHolder, Aggregator> aggregators;
  private final PolicyDocument initialPolicy;
  private final Duration checkInterval;
  private LocalStores stores;
  private Aggregator aggregator;

  public StageResultProcessor(
      Deserializer<StageResult> deserializer,
      Function<PolicyHolder, Aggregator> aggregators,
      PolicyDocument initialPolicy,
      Duration checkInterval,
      Clock clock,
      TopologyMetrics metrics) {
    super(deserializer, "topology.aggregate", clock, metrics);
    this.aggregators = aggregators;
    this.initialPolicy = initialPolicy;
    this.checkInterval = checkInterval;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    super.init(context);
    stores = LocalStores.of(context);
    ReadOnlyKeyValueStore<String, String> policy = context.getStateStore(Names.POLICY_STORE);
    aggregator =
        aggregators.apply(
            new PolicyHolder(
                initialPolicy,
                () -> policy.get(PolicyHolder.KEY),
                metrics::policyInForce,
                metrics::policyRejected));
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, ignored -> checkDeadlines());
  }

  @Override
  protected void process(Record<String, byte[]> raw, StageResult result) {
    AggregateState state = stores.inflight().get(result.getMessageId());
    if (state == null) {
      metrics.ignored(stores.answered(result.getMessageId()) ? "late_result" : "unknown_message");
      return;
    }
    Instant now = clock.instant();
    switch (aggregator.onStageResult(state, result, now)) {
      case Transition.Advanced t ->
          EffectApplier.apply(
              t, result.getMessageId(), result.getTicketId(), context(), stores, metrics, now);
      case Transition.Ignored i -> metrics.ignored("duplicate_result");
    }
  }

  private void checkDeadlines() {
    Instant now = clock.instant();
    List<KeyValue<String, AggregateState>> due = new ArrayList<>();
    try (KeyValueIterator<String, AggregateState> all = stores.inflight().all()) {
      all.forEachRemaining(
          kv -> {
            if (hasDue(kv.value, now)) {
              due.add(kv);
            }
          });
    }
    for (KeyValue<String, AggregateState> kv : due) {
      if (aggregator.onTick(kv.value, now) instanceof Transition.Advanced t) {
        EffectApplier.apply(
            t, kv.key, kv.value.getMessage().getTicketId(), context(), stores, metrics, now);
      }
    }
  }

  private static boolean hasDue(AggregateState state, Instant now) {
    return state.getSlots().stream()
        .anyMatch(s -> s.getStatus() == SlotStatus.PENDING && !s.getDeadline().isAfter(now));
  }
}
