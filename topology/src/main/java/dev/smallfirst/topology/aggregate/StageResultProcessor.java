package dev.smallfirst.topology.aggregate;

import dev.smallfirst.records.StageResult;
import dev.smallfirst.topology.deadline.DeadlineWatch;
import dev.smallfirst.topology.deadline.StageDeadlines;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.internal.Inbound;
import dev.smallfirst.topology.internal.InboundProcessor;
import dev.smallfirst.topology.kafka.Names;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.PolicyHolder;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Gathers the workers' results per message through the {@link Aggregator}, with the routing policy
 * read from the global policy store, and schedules the wall-clock deadline punctuator ({@link
 * DeadlineWatch#punctuator}) over the in-flight store.
 */
public final class StageResultProcessor extends InboundProcessor<StageResult> {
  private final Function<Supplier<PolicyDocument>, Aggregator> newAggregator;
  private final PolicyDocument initialPolicy;
  private final Duration checkInterval;
  private Aggregator aggregator;

  public StageResultProcessor(
      Inbound<StageResult> inbound,
      StageDeadlines deadlines,
      ReplyFactory replies,
      PolicyDocument initialPolicy,
      Duration checkInterval) {
    super(inbound, "topology.aggregate");
    // The policy in force is read from the global store, which opens only in init.
    this.newAggregator = policy -> new Aggregator(deadlines, policy, replies);
    this.initialPolicy = initialPolicy;
    this.checkInterval = checkInterval;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    super.init(context);
    ReadOnlyKeyValueStore<String, String> policy = context.getStateStore(Names.POLICY_STORE);
    aggregator =
        newAggregator.apply(
            new PolicyHolder(
                initialPolicy,
                () -> policy.get(PolicyHolder.KEY),
                metrics::policyInForce,
                metrics::policyRejected));
    context.schedule(
        checkInterval,
        PunctuationType.WALL_CLOCK_TIME,
        DeadlineWatch.punctuator(context, stores(), aggregator::onTick, clock, metrics));
  }

  @Override
  protected void process(Record<String, byte[]> raw, StageResult result) {
    advance(result.getMessageId(), result.getTicketId(), aggregator.stepOn(result));
  }
}
