package dev.smallfirst.demo;

import dev.smallfirst.frontier.FrontierApp;
import dev.smallfirst.frontier.FrontierSettings;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.serde.SerdeOptions;
import dev.smallfirst.schemas.serde.SpecificAvroSerde;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.TopologyRules;
import dev.smallfirst.topology.TopologySettings;
import dev.smallfirst.worker.WorkerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The design smallfirst is measured against: what a team would build first. One Kafka Streams
 * processor reads each support message and does, inline and one message at a time, the work the
 * pipeline does with its hops: the same four models (loaded as the workers load them), the
 * topology's own aggregate and routing steps with the same policy ({@link TopologyRules#answer}),
 * and the frontier worker's offline stand-in for every escalation, called inline; exactly-once with
 * the topology's Streams settings and commit interval. Its replies carry the same routes, costs and
 * traces as the pipeline's. Not thread-safe; one stream thread.
 */
public final class NaiveBaseline implements Deployment {
  private final KafkaStreams streams;
  private final Map<Stage, StageModel> models;
  private final SchemaRegistryClient registry;
  private final Map<String, String> settings;

  private NaiveBaseline(
      KafkaStreams streams,
      Map<Stage, StageModel> models,
      SchemaRegistryClient registry,
      Map<String, String> settings) {
    this.streams = streams;
    this.models = models;
    this.registry = registry;
    this.settings = settings;
  }

  /**
   * Loads the four models and starts the processor on the topics of {@code common}'s {@code
   * topic.prefix}, creating the message, reply and dead-letter topics when missing; returns once
   * Streams runs. {@code common} are the settings the pipeline's parts get ({@link
   * Pipeline#start}), read by the same settings classes: its commit interval is the topology's
   * {@code commit.interval.ms}.
   */
  public static NaiveBaseline start(
      Map<String, String> common, Path models, Path stateDir, Path policyFile, Duration timeout)
      throws IOException, InterruptedException {
    TopologySettings ts =
        TopologySettings.from(
            ConfigSource.of(Pipeline.topologyConfig(common, stateDir, policyFile)));
    TopologyRules rules = TopologyRules.of(ts);
    createTopics(ts);
    FrontierSettings fs = Pipeline.frontierSettings(common);
    Map<Stage, StageModel> loaded = new EnumMap<>(Stage.class);
    try {
      ModelLoaders loaders = ModelLoaders.standard();
      for (Stage stage : Pipeline.STAGES) {
        WorkerSettings ws =
            WorkerSettings.from(ConfigSource.of(Pipeline.workerConfig(common, models, stage)));
        loaded.put(stage, loaders.load(ws.modelDir(), stage, ws.load()));
      }
    } catch (RuntimeException e) {
      loaded.values().forEach(StageModel::close);
      throw e;
    }
    TopicNames topics = ts.topics();
    SchemaRegistryClient registry =
        SchemaRegistryClient.create(RegistrySettings.fromConfig(ts.registryConfig()));
    SpecificAvroSerde<SupportMessage> in =
        SpecificAvroSerde.of(registry, SupportMessage.class, false, SerdeOptions.defaults());
    SpecificAvroSerde<DraftedReply> out =
        SpecificAvroSerde.of(registry, DraftedReply.class, false, SerdeOptions.defaults());
    Function<EscalationRequest, EscalationResult> polisher =
        FrontierApp.standIn(fs, Clock.systemUTC());
    Topology topology = new Topology();
    topology.addSource(
        "messages", Serdes.String().deserializer(), in.deserializer(), topics.messages());
    topology.addProcessor(
        "answer-inline",
        () -> new AnswerProcessor(rules, loaded, polisher, Clock.systemUTC()),
        "messages");
    topology.addSink(
        "replies",
        topics.replies(),
        Serdes.String().serializer(),
        out.serializer(),
        "answer-inline");
    Properties p =
        TopologyRules.streamsProperties(ts, topics.prefix() + "naive-baseline", stateDir);
    KafkaStreams streams = new KafkaStreams(topology, p);
    NaiveBaseline baseline =
        new NaiveBaseline(streams, loaded, registry, settings(p, rules, fs, Pipeline.polish(fs)));
    CountDownLatch settled = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          if (now == KafkaStreams.State.RUNNING || !now.isRunningOrRebalancing()) {
            settled.countDown();
          }
        });
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

  private static void createTopics(TopologySettings ts) throws InterruptedException {
    TopicNames topics = ts.topics();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ts.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(topics.messages(), topics.replies(), topics.deadLetters()).stream()
                  .map(t -> new NewTopic(t, ts.partitions(), ts.replicationFactor()))
                  .toList())
          .all()
          .get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not create the baseline's topics: " + e.getCause(), e);
    }
  }

  private static Map<String, String> settings(
      Properties streams, TopologyRules rules, FrontierSettings fs, String polish) {
    Map<String, String> s = new TreeMap<>();
    s.put(
        "commit.interval.ms", String.valueOf(streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)));
    s.put(
        "processing.guarantee",
        String.valueOf(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)));
    s.put("stream.threads", String.valueOf(streams.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG)));
    s.put("batching", "none: one message at a time, the models called in turn");
    s.put("policy.version", String.valueOf(rules.policy().version()));
    s.put("polish", polish + ", inline");
    return s;
  }

  /** The settings that shape its latency and throughput, for the report. */
  public Map<String, String> settings() {
    return settings;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    models.values().forEach(StageModel::close);
    registry.close();
  }

  /** Answers one message at a time through an {@link InlineAnswerer}. */
  static final class AnswerProcessor
      implements Processor<String, SupportMessage, String, DraftedReply> {
    private final TopologyRules rules;
    private final Map<Stage, StageModel> models;
    private final Function<EscalationRequest, EscalationResult> polisher;
    private final Clock clock;
    private InlineAnswerer answerer;
    private ProcessorContext<String, DraftedReply> context;

    AnswerProcessor(
        TopologyRules rules,
        Map<Stage, StageModel> models,
        Function<EscalationRequest, EscalationResult> polisher,
        Clock clock) {
      this.rules = rules;
      this.models = models;
      this.polisher = polisher;
      this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, DraftedReply> context) {
      this.context = context;
      this.answerer = new InlineAnswerer(rules, models, polisher, clock);
    }

    @Override
    public void process(Record<String, SupportMessage> record) {
      context.forward(record.withValue(answerer.answer(record.value())));
    }

    @Override
    public void close() {
      if (answerer != null) {
        answerer.close();
        answerer = null;
      }
    }
  }
}
