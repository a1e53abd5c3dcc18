package dev.smallfirst.demo;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.ModelRef;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageTrace;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.TopologyRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The design smallfirst is measured against: what a team would build first. One Kafka Streams
 * processor reads each support message and calls the same four small models, one after the other,
 * one message at a time (no batching, no fan-out), then writes the reply; exactly-once like ours.
 * Every reply takes the small-model route: the baseline never calls the frontier, so it does less
 * work per message than the pipeline it is compared with. Not thread-safe; one stream thread.
 */
public final class NaiveBaseline implements AutoCloseable {
  private final KafkaStreams streams;
  private final Map<Stage, StageModel> models;
  private final SchemaRegistryClient registry;

  private NaiveBaseline(
      KafkaStreams streams, Map<Stage, StageModel> models, SchemaRegistryClient registry) {
    this.streams = streams;
    this.models = models;
    this.registry = registry;
  }

  /**
   * Loads the four models and starts the processor on {@code topics}, creating the message, reply
   * and dead-letter topics when missing; returns once Streams runs.
   */
  public static NaiveBaseline start(
      String bootstrapServers,
      String registryUrl,
      TopicNames topics,
      int partitions,
      Path models,
      Path stateDir,
      Duration timeout)
      throws InterruptedException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(topics.messages(), partitions, (short) 1),
                  new NewTopic(topics.replies(), partitions, (short) 1),
                  new NewTopic(topics.deadLetters(), partitions, (short) 1)))
          .all()
          .get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("could not create the baseline's topics: " + e.getCause(), e);
    }
    Map<Stage, StageModel> loaded = new EnumMap<>(Stage.class);
    ModelLoaders loaders = ModelLoaders.standard();
    for (Stage stage : Pipeline.STAGES) {
      loaded.put(
          stage, loaders.load(Pipeline.modelDir(models, stage), stage, LoadOptions.defaults()));
    }
    SchemaRegistryClient registry = SchemaRegistryClient.create(RegistrySettings.of(registryUrl));
    SpecificAvroSerde<SupportMessage> in =
        SpecificAvroSerde.of(registry, SupportMessage.class, false, SerdeOptions.defaults());
    SpecificAvroSerde<DraftedReply> out =
        SpecificAvroSerde.of(registry, DraftedReply.class, false, SerdeOptions.defaults());
    Topology topology = new Topology();
    topology.addSource(
        "messages", Serdes.String().deserializer(), in.deserializer(), topics.messages());
    topology.addProcessor(
        "answer-synchronously", () -> new AnswerProcessor(loaded, Clock.systemUTC()), "messages");
    topology.addSink(
        "replies",
        topics.replies(),
        Serdes.String().serializer(),
        out.serializer(),
        "answer-synchronously");
    Properties p =
        TopologyRules.exactlyOnceStreams(
            topics.prefix() + "naive-baseline", bootstrapServers, stateDir, topics.deadLetters());
    p.put("schema.registry.url", registryUrl);
    KafkaStreams streams = new KafkaStreams(topology, p);
    CountDownLatch settled = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING || !now.isRunningOrRebalancing()) {
            settled.countDown();
          }
        });
    NaiveBaseline baseline = new NaiveBaseline(streams, loaded, registry);
    streams.start();
    if (!settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
        || !streams.state().isRunningOrRebalancing()) {
      KafkaStreams.State state = streams.state();
      baseline.close();
      throw new IllegalStateException(
          "the naive baseline did not reach RUNNING within " + timeout + ": " + state);
    }
    return baseline;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    models.values().forEach(StageModel::close);
    registry.close();
  }

  /** Answers one message at a time, calling each model in turn. */
  static final class AnswerProcessor
      implements Processor<String, SupportMessage, String, DraftedReply> {
    private final Map<Stage, StageModel> models;
    private final Map<Stage, InferenceSession> sessions = new EnumMap<>(Stage.class);
    private final TopologyRules rules = TopologyRules.defaults();
    private final Clock clock;
    private ProcessorContext<String, DraftedReply> context;

    AnswerProcessor(Map<Stage, StageModel> models, Clock clock) {
      this.models = models;
      this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, DraftedReply> context) {
      this.context = context;
      models.forEach((stage, model) -> sessions.put(stage, model.newSession()));
    }

    @Override
    public void process(Record<String, SupportMessage> record) {
      SupportMessage m = record.value();
      switch (rules.intake(m)) {
        case TopologyRules.Intake.Unusable u -> throw new IllegalArgumentException(u.reason());
        case TopologyRules.Intake.Rejected r ->
            forward(record, reply(m, "", Route.REJECTED).setNotes(List.of(r.reason())).build());
        case TopologyRules.Intake.Accepted a -> forward(record, answer(m, a.text()));
      }
    }

    private DraftedReply answer(SupportMessage m, String text) {
      List<StageTrace> traces = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      StageInput input = StageInput.of(text);
      StageOutcome.Classified intent =
          call(Stage.CLASSIFY, input, traces, notes, StageOutcome.Classified.class);
      StageOutcome.Extracted entities =
          call(Stage.EXTRACT, input, traces, notes, StageOutcome.Extracted.class);
      StageOutcome.SentimentScored sentiment =
          call(Stage.SENTIMENT, input, traces, notes, StageOutcome.SentimentScored.class);
      List<Entity> found =
          entities == null
              ? List.of()
              : entities.entities().stream()
                  .map(e -> new Entity(e.type(), e.value(), e.start(), e.end(), e.confidence()))
                  .toList();
      DraftContext draftContext =
          DraftContext.newBuilder()
              .setIntent(intent == null ? null : intent.label())
              .setIntentConfidence(intent == null ? null : intent.confidence())
              .setEntities(found)
              .setSentiment(sentiment == null ? null : sentiment.label())
              .setChannel(m.getChannel().name())
              .build();
      StageOutcome.Drafted draft =
          call(
              Stage.DRAFT,
              new StageInput(text, Optional.of(draftContext)),
              traces,
              notes,
              StageOutcome.Drafted.class);
      Route route = notes.isEmpty() && draft != null ? Route.SMALL_ONLY : Route.DEGRADED;
      DraftedReply.Builder b =
          reply(m, draft == null ? "" : draft.text(), route)
              .setNotes(notes)
              .setStages(traces)
              .setEntities(found)
              .setIntent(draftContext.getIntent())
              .setIntentConfidence(draftContext.getIntentConfidence())
              .setSentiment(sentiment == null ? null : sentiment.label())
              .setSentimentConfidence(sentiment == null ? null : sentiment.confidence())
              .setDraftConfidence(draft == null ? null : draft.confidence())
              .setFlaggedForHuman(route != Route.SMALL_ONLY)
              .setCostMicros(rules.smallCallsMicros(traces.size()))
              .setAllFrontierCostMicros(rules.allFrontierMicros(text.length()));
      return b.build();
    }

    private <T extends StageOutcome> T call(
        Stage stage, StageInput input, List<StageTrace> traces, List<String> notes, Class<T> type) {
      StageModel model = models.get(stage);
      long start = System.nanoTime();
      StageOutcome outcome;
      try {
        outcome = sessions.get(stage).predict(List.of(input)).get(0);
      } catch (InferenceException e) {
        outcome = new StageOutcome.Failed(FailureCode.MODEL_ERROR, e.getMessage(), true);
      }
      traces.add(
          StageTrace.newBuilder()
              .setStage(stage)
              .setModel(
                  ModelRef.newBuilder()
                      .setName(model.identity().name())
                      .setVersion(model.identity().version())
                      .setSha256(model.identity().sha256())
                      .build())
              .setLatencyMicros((System.nanoTime() - start) / 1_000)
              .build());
      if (type.isInstance(outcome)) {
        return type.cast(outcome);
      }
      notes.add(stage + " failed: " + outcome);
      return null;
    }

    private DraftedReply.Builder reply(SupportMessage m, String text, Route route) {
      return rules.reply(m, text, route, clock.instant());
    }

    private void forward(Record<String, SupportMessage> in, DraftedReply reply) {
      context.forward(in.withValue(reply));
    }

    @Override
    public void close() {
      sessions.values().forEach(InferenceSession::close);
      sessions.clear();
    }
  }
}
