package dev.smallfirst.topology;

import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.aggregate.Aggregator;
import dev.smallfirst.topology.aggregate.EscalationResultProcessor;
import dev.smallfirst.topology.aggregate.ReplyFactory;
import dev.smallfirst.topology.aggregate.StageResultProcessor;
import dev.smallfirst.topology.kafka.Names;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import dev.smallfirst.topology.kafka.TopologySerdes;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.PolicyStoreUpdater;
import dev.smallfirst.topology.validate.MessageValidator;
import dev.smallfirst.topology.validate.TextNormalizer;
import dev.smallfirst.topology.validate.ValidateProcessor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the smallfirst topology. A pure function: no I/O, everything it needs is passed in, so
 * {@code TopologyTestDriver} can run it.
 *
 * <pre>{@code
 * Topology topology = SupportTopology.build(settings, TopologySerdes.of(registry), metrics, policy, Clock.systemUTC());
 * }</pre>
 */
public final class SupportTopology {
  private SupportTopology() {}

  public static Topology build(
      TopologySettings settings,
      TopologySerdes serdes,
      TopologyMetrics metrics,
      PolicyDocument initialPolicy,
      Clock clock) {
    TopicNames topics = settings.topics();
    ReplyFactory replies = new ReplyFactory(settings.costs(), settings.holdingReply());
    Aggregator noRouting = new Aggregator(settings.deadlines(), () -> initialPolicy, replies);
    MessageValidator validator =
        new MessageValidator(settings.maxBodyChars(), new TextNormalizer(settings.maxTextChars()));
    String[] resultTopics =
        TopicNames.WORKER_STAGES.stream().map(topics::stageResults).toArray(String[]::new);

    Topology t = new Topology();
    t.addSource(
        Names.MESSAGES_SOURCE,
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        topics.messages());
    t.addProcessor(
        Names.VALIDATE,
        () ->
            new ValidateProcessor(
                serdes.supportMessage().deserializer(),
                validator,
                noRouting,
                replies,
                clock,
                metrics),
        Names.MESSAGES_SOURCE);
    t.addSource(
        Names.RESULTS_SOURCE,
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        resultTopics);
    t.addProcessor(
        Names.AGGREGATE,
        () ->
            new StageResultProcessor(
                serdes.stageResult().deserializer(),
                policy -> new Aggregator(settings.deadlines(), policy, replies),
                initialPolicy,
                settings.deadlineCheckInterval(),
                clock,
                metrics),
        Names.RESULTS_SOURCE);
    t.addSource(
        Names.ESCALATION_RESULTS_SOURCE,
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        topics.escalationResults());
    t.addProcessor(
        Names.FINALIZE,
        () ->
            new EscalationResultProcessor(
                serdes.escalationResult().deserializer(), noRouting, clock, metrics),
        Names.ESCALATION_RESULTS_SOURCE);

    t.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(Names.INFLIGHT_STORE),
            serdes.key(),
            serdes.aggregateState()),
        Names.VALIDATE,
        Names.AGGREGATE,
        Names.FINALIZE);
    t.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                Names.ANSWERED_STORE, settings.dedupeWindow(), Duration.ofMillis(1), false),
            serdes.key(),
            Serdes.Long()),
        Names.VALIDATE,
        Names.AGGREGATE,
        Names.FINALIZE);
    t.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.POLICY_STORE), Serdes.String(), Serdes.String())
            .withLoggingDisabled(),
        Names.POLICY_SOURCE,
        Serdes.String().deserializer(),
        Serdes.String().deserializer(),
        topics.policy(),
        Names.POLICY_UPDATER,
        PolicyStoreUpdater::new);

    for (Stage stage : TopicNames.WORKER_STAGES) {
      t.addSink(
          Names.requestSink(stage),
          topics.stageRequests(stage),
          serdes.key().serializer(),
          serdes.stageRequest().serializer(),
          Names.VALIDATE,
          Names.AGGREGATE);
    }
    t.addSink(
        Names.ESCALATIONS_SINK,
        topics.escalations(),
        serdes.key().serializer(),
        serdes.escalationRequest().serializer(),
        Names.AGGREGATE);
    t.addSink(
        Names.REPLIES_SINK,
        topics.replies(),
        serdes.key().serializer(),
        serdes.draftedReply().serializer(),
        Names.VALIDATE,
        Names.AGGREGATE,
        Names.FINALIZE);
    t.addSink(
        Names.DLQ_SINK,
        topics.deadLetters(),
        serdes.key().serializer(),
        serdes.deadLetter().serializer(),
        Names.VALIDATE,
        Names.AGGREGATE,
        Names.FINALIZE);
    return t;
  }

  /** Topics whose partitions must line up because they meet in the in-flight store. */
  public static List<String> coPartitionedTopics(TopicNames topics) {
    List<String> all = new java.util.ArrayList<>();
    all.add(topics.messages());
    TopicNames.WORKER_STAGES.forEach(s -> all.add(topics.stageResults(s)));
    all.add(topics.escalationResults());
    return List.copyOf(all);
  }
}
