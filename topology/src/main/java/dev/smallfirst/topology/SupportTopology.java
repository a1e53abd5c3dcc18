package dev.smallfirst.topology;

import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.aggregate.StageResultProcessor;
import dev.smallfirst.topology.fanout.FanOut;
import dev.smallfirst.topology.finalize.EscalationResultProcessor;
import dev.smallfirst.topology.finalize.Finalizer;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.internal.Inbound;
import dev.smallfirst.topology.kafka.Names;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import dev.smallfirst.topology.kafka.TopologySerdes;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.PolicyStoreUpdater;
import dev.smallfirst.topology.validate.MessageValidator;
import dev.smallfirst.topology.validate.ValidateProcessor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
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
  /** The three processors of the message life cycle: they share the local stores. */
  private static final String[] LIFE_CYCLE = {Names.VALIDATE, Names.AGGREGATE, Names.FINALIZE};

  private SupportTopology() {}

  public static Topology build(
      TopologySettings settings,
      TopologySerdes serdes,
      TopologyMetrics metrics,
      PolicyDocument initialPolicy,
      Clock clock) {
    TopicNames topics = settings.topics();
    ReplyFactory replies = new ReplyFactory(settings.costs(), settings.holdingReply());
    FanOut fanOut = new FanOut(settings.deadlines());
    Finalizer finalizer = new Finalizer(replies);
    MessageValidator validator =
        MessageValidator.of(settings.maxBodyChars(), settings.maxTextChars());

    Topology t = new Topology();
    addBytesSource(t, Names.MESSAGES_SOURCE, topics.messages());
    t.addProcessor(
        Names.VALIDATE,
        () ->
            new ValidateProcessor(
                new Inbound<>(serdes.supportMessage().deserializer(), clock, metrics),
                validator,
                fanOut,
                replies),
        Names.MESSAGES_SOURCE);
    addBytesSource(
        t,
        Names.RESULTS_SOURCE,
        TopicNames.WORKER_STAGES.stream().map(topics::stageResults).toArray(String[]::new));
    t.addProcessor(
        Names.AGGREGATE,
        () ->
            new StageResultProcessor(
                new Inbound<>(serdes.stageResult().deserializer(), clock, metrics),
                settings.deadlines(),
                replies,
                initialPolicy,
                settings.deadlineCheckInterval()),
        Names.RESULTS_SOURCE);
    addBytesSource(t, Names.ESCALATION_RESULTS_SOURCE, topics.escalationResults());
    t.addProcessor(
        Names.FINALIZE,
        () ->
            new EscalationResultProcessor(
                new Inbound<>(serdes.escalationResult().deserializer(), clock, metrics), finalizer),
        Names.ESCALATION_RESULTS_SOURCE);
    addStores(t, settings, serdes);
    addSinks(t, topics, serdes);
    return t;
  }

  /** Topics whose partitions must line up because they meet in the in-flight store. */
  public static List<String> coPartitionedTopics(TopicNames topics) {
    List<String> all = new ArrayList<>();
    all.add(topics.messages());
    TopicNames.WORKER_STAGES.forEach(s -> all.add(topics.stageResults(s)));
    all.add(topics.escalationResults());
    return List.copyOf(all);
  }

  /** A source of raw values: the processors decode them, so a poison record never stalls. */
  private static void addBytesSource(Topology t, String name, String... topics) {
    t.addSource(name, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topics);
  }

  private static void addStores(Topology t, TopologySettings settings, TopologySerdes serdes) {
    t.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(Names.INFLIGHT_STORE),
            serdes.key(),
            serdes.aggregateState()),
        LIFE_CYCLE);
    t.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                Names.ANSWERED_STORE, settings.dedupeWindow(), Duration.ofMillis(1), false),
            serdes.key(),
            Serdes.Long()),
        LIFE_CYCLE);
    t.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(Names.POLICY_STORE), Serdes.String(), Serdes.String())
            .withLoggingDisabled(),
        Names.POLICY_SOURCE,
        Serdes.String().deserializer(),
        Serdes.String().deserializer(),
        settings.topics().policy(),
        Names.POLICY_UPDATER,
        PolicyStoreUpdater::new);
  }

  private static void addSinks(Topology t, TopicNames topics, TopologySerdes serdes) {
    for (Stage stage : TopicNames.WORKER_STAGES) {
      addSink(
          t,
          Names.requestSink(stage),
          topics.stageRequests(stage),
          serdes,
          serdes.stageRequest().serializer(),
          Names.VALIDATE,
          Names.AGGREGATE);
    }
    addSink(
        t,
        Names.ESCALATIONS_SINK,
        topics.escalations(),
        serdes,
        serdes.escalationRequest().serializer(),
        Names.AGGREGATE);
    addSink(
        t,
        Names.REPLIES_SINK,
        topics.replies(),
        serdes,
        serdes.draftedReply().serializer(),
        LIFE_CYCLE);
    addSink(
        t,
        Names.REKEY_SINK,
        topics.messages(),
        serdes,
        serdes.supportMessage().serializer(),
        Names.VALIDATE);
    addSink(
        t,
        Names.DLQ_SINK,
        topics.deadLetters(),
        serdes,
        serdes.deadLetter().serializer(),
        LIFE_CYCLE);
  }

  private static <V> void addSink(
      Topology t,
      String name,
      String topic,
      TopologySerdes serdes,
      Serializer<V> value,
      String... parents) {
    t.addSink(name, topic, serdes.key().serializer(), value, parents);
  }
}
