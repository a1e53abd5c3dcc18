package dev.smallfirst.topology.deadline;

import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.topology.internal.EffectApplier;
import dev.smallfirst.topology.internal.LocalStores;
import dev.smallfirst.topology.internal.Transition;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The wall-clock punctuator over the in-flight store: every message with a stage past its deadline
 * gets a {@code tick}, and the tick's transition is carried out. Not thread-safe: one per
 * processor.
 */
record DeadlinePunctuator(
    ProcessorContext<String, SpecificRecord> context,
    LocalStores stores,
    BiFunction<AggregateState, Instant, Transition> tick,
    Clock clock,
    TopologyMetrics metrics)
    implements Punctuator {

  @Override
  public void punctuate(long ignored) {
    Instant now = clock.instant();
    List<KeyValue<String, AggregateState>> due = new ArrayList<>();
    try (KeyValueIterator<String, AggregateState> all = stores.inflight().all()) {
      all.forEachRemaining(
          kv -> {
            if (DeadlineWatch.hasDue(kv.value, now)) {
              due.add(kv);
            }
          });
    }
    for (KeyValue<String, AggregateState> kv : due) {
      if (tick.apply(kv.value, now) instanceof Transition.Advanced t) {
        EffectApplier.apply(
            t,
            kv.key,
            kv.value.getMessage().getTicketId(),
            context,
            stores,
            metrics,
            now,
            new RecordHeaders()); // no cause: the reply carries no timing stamps
      }
    }
  }
}
