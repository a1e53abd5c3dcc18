package dev.smallfirst.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.FrontierApp;
import dev.smallfirst.loadtest.TicketMessages;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.Audience;
import dev.smallfirst.records.Customer;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.FakeRegistryServer;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.SupportTopology;
import dev.smallfirst.topology.TopologyRules;
import dev.smallfirst.topology.TopologySettings;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import dev.smallfirst.topology.kafka.TopologySerdes;
import dev.smallfirst.topology.routing.PolicyParser;
import dev.smallfirst.worker.InlineWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The naive baseline routes as the pipeline does: for the same messages and the same stage
 * outcomes, the baseline's {@link InlineAnswerer} and the real topology (in a {@code
 * TopologyTestDriver}, fed the outcomes as the workers would send them, with the policy the demo
 * generates from the committed models) give the same route, escalation reasons, flag and cost.
 */
class BaselineRoutingAgreementTest {
  private static final Path MODELS = Path.of("../model-workers/models");
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  private static final int CASES = 400;

  @TempDir Path tmp;

  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final Map<String, Map<Stage, StageOutcome>> script = new HashMap<>();
  private FakeRegistryServer registryServer;
  private SchemaRegistryClient registry;
  private TopologySettings settings;
  private Function<EscalationRequest, EscalationResult> polisher;
  private double intentThreshold;
  private double draftThreshold;
  private double sentimentThreshold;

  @BeforeEach
  void setUp() throws Exception {
    registryServer = FakeRegistryServer.start();
    registry = SchemaRegistryClient.create(RegistrySettings.of(registryServer.url()));
    Path policy = Demo.writePolicy(tmp.resolve("policy.yaml"), MODELS);
    Map<String, String> common = new HashMap<>();
    common.put("bootstrap.servers", "unused:9092");
    common.put("schema.registry.url", registryServer.url());
    common.put("topic.prefix", "agree.");
    common.put("frontier.standin.latency.ms", "0");
    settings =
        TopologySettings.from(
            ConfigSource.of(Pipeline.topologyConfig(common, tmp.resolve("state"), policy)));
    polisher = FrontierApp.standIn(Pipeline.frontierSettings(common), clock);
    var rules = PolicyParser.parse(Files.readString(policy)).rulesFor("demo", "any");
    intentThreshold = rules.minIntentConfidence();
    draftThreshold = rules.minDraftConfidence();
    sentimentThreshold = rules.minSentimentConfidence();
  }

  @AfterEach
  void tearDown() {
    registry.close();
    registryServer.close();
  }

  @Test
  void shouldRouteEveryMessageAsThePipelineDoes() throws Exception {
    // Given messages of every audience and tier, and stage outcomes around the thresholds
    List<SupportMessage> messages = messages();
    TopologyRules rules = TopologyRules.of(settings);

    // When the baseline answers them, and the real topology answers them too
    List<Decision> baseline = new ArrayList<>();
    try (InlineAnswerer answerer = new InlineAnswerer(rules, scriptedModels(), polisher, clock)) {
      for (SupportMessage m : messages) {
        baseline.add(Decision.of(answerer.answer(m)));
      }
    }
    List<Decision> pipeline = pipeline(messages);

    // Then every decision agrees, and the cases cover both routes and many reasons
    assertThat(baseline).containsExactlyElementsOf(pipeline);
    Set<Route> routes = new HashSet<>();
    Set<EscalationReason> reasons = new HashSet<>();
    baseline.forEach(
        d -> {
          routes.add(d.route());
          reasons.addAll(d.reasons());
        });
    assertThat(routes).contains(Route.SMALL_ONLY, Route.ESCALATED, Route.DEGRADED);
    assertThat(reasons)
        .contains(
            EscalationReason.CUSTOMER_FACING,
            EscalationReason.LOW_INTENT_CONFIDENCE,
            EscalationReason.LOW_DRAFT_CONFIDENCE,
            EscalationReason.STAGE_MISSING);
  }

  /** What is compared: the route and everything the routing decided. */
  record Decision(
      String messageId,
      Route route,
      List<EscalationReason> reasons,
      boolean flagged,
      long costMicros,
      String text) {
    static Decision of(DraftedReply r) {
      return new Decision(
          r.getMessageId(),
          r.getRoute(),
          List.copyOf(r.getEscalationReasons()),
          r.getFlaggedForHuman(),
          r.getCostMicros(),
          r.getText());
    }
  }

  private List<Decision> pipeline(List<SupportMessage> messages) throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "agreement-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, tmp.resolve("driver").toString());
    TopologySerdes serdes = TopologySerdes.of(registry);
    TopicNames topics = settings.topics();
    // the workers' side of the pipeline: the same scripted outcomes as the workers' records
    Map<Stage, InlineWorker> workers = new EnumMap<>(Stage.class);
    scriptedModels().forEach((s, m) -> workers.put(s, new InlineWorker(m, "w", clock)));
    List<Decision> out = new ArrayList<>();
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            SupportTopology.build(
                settings,
                serdes,
                new TopologyMetrics(new SimpleMeterRegistry()),
                // read as the topology reads policy.file, not through the baseline's rules
                PolicyParser.parse(Files.readString(settings.policyFile().orElseThrow())),
                clock),
            props,
            T0)) {
      TestInputTopic<String, SupportMessage> in =
          driver.createInputTopic(
              topics.messages(),
              Serdes.String().serializer(),
              serdes.supportMessage().serializer());
      Map<Stage, TestOutputTopic<String, StageRequest>> requests = new EnumMap<>(Stage.class);
      for (Stage stage : TopicNames.WORKER_STAGES) {
        requests.put(
            stage,
            driver.createOutputTopic(
                topics.stageRequests(stage),
                Serdes.String().deserializer(),
                serdes.stageRequest().deserializer()));
      }
      TestOutputTopic<String, EscalationRequest> escalations =
          driver.createOutputTopic(
              topics.escalations(),
              Serdes.String().deserializer(),
              serdes.escalationRequest().deserializer());
      TestOutputTopic<String, DraftedReply> replies =
          driver.createOutputTopic(
              topics.replies(),
              Serdes.String().deserializer(),
              serdes.draftedReply().deserializer());
      for (SupportMessage m : messages) {
        in.pipeInput(m.getTicketId(), m);
        boolean answered = true;
        while (answered && replies.isEmpty()) {
          answered = false;
          for (Stage stage : TopicNames.WORKER_STAGES) {
            while (!requests.get(stage).isEmpty()) {
              StageRequest r = requests.get(stage).readValue();
              driver
                  .createInputTopic(
                      topics.stageResults(stage),
                      Serdes.String().serializer(),
                      serdes.stageResult().serializer())
                  .pipeInput(r.getTicketId(), workers.get(stage).answer(r));
              answered = true;
            }
          }
          while (!escalations.isEmpty()) {
            EscalationRequest e = escalations.readValue();
            driver
                .createInputTopic(
                    topics.escalationResults(),
                    Serdes.String().serializer(),
                    serdes.escalationResult().serializer())
                .pipeInput(e.getTicketId(), polisher.apply(e));
            answered = true;
          }
        }
        assertThat(replies.isEmpty()).as("the topology answered %s", m.getMessageId()).isFalse();
        out.add(Decision.of(replies.readValue()));
      }
    } finally {
      workers.values().forEach(InlineWorker::close);
    }
    return out;
  }

  /** Generated tickets, each with a random audience and tier and scripted stage outcomes. */
  private List<SupportMessage> messages() throws Exception {
    Random random = new Random(7);
    TicketMessages tickets = new TicketMessages(11, "agree", "demo", clock);
    TopologyRules intake = TopologyRules.of(settings);
    List<SupportMessage> out = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      SupportMessage t = tickets.apply(i);
      SupportMessage m =
          SupportMessage.newBuilder(t)
              .setBody(t.getBody() + " (case " + i + ")")
              .setAudience(pick(random, Audience.CUSTOMER, Audience.AGENT))
              .setCustomer(
                  Customer.newBuilder(t.getCustomer())
                      .setTier(pick(random, CustomerTier.values()))
                      .build())
              .setReceivedAt(T0)
              .build();
      String text = ((TopologyRules.Intake.Accepted) intake.intake(m)).text();
      script.put(text, outcomes(random, text));
      out.add(m);
    }
    return out;
  }

  private Map<Stage, StageOutcome> outcomes(Random random, String text) {
    Map<Stage, StageOutcome> o = new EnumMap<>(Stage.class);
    o.put(
        Stage.CLASSIFY,
        failedOr(
            random,
            new StageOutcome.Classified(
                pick(random, "complaint", "track_order", "get_refund", "cancel_order"),
                around(random, intentThreshold),
                List.of())));
    o.put(
        Stage.EXTRACT,
        failedOr(
            random,
            new StageOutcome.Extracted(
                List.of(new StageOutcome.EntitySpan("order_id", "A-1", 0, 3, 0.9)))));
    o.put(
        Stage.SENTIMENT,
        failedOr(
            random,
            new StageOutcome.SentimentScored(
                pick(random, SentimentLabel.NEGATIVE, SentimentLabel.NEUTRAL),
                0,
                around(random, sentimentThreshold))));
    o.put(
        Stage.DRAFT,
        failedOr(
            random,
            new StageOutcome.Drafted(
                "thanks, we are on it: " + text.length(),
                around(random, draftThreshold),
                9,
                true)));
    return o;
  }

  /** A confidence just below, just above or far from {@code threshold}. */
  private static double around(Random random, double threshold) {
    return switch (random.nextInt(4)) {
      case 0 -> Math.max(0, threshold - 0.01);
      case 1 -> Math.min(1, threshold + 0.01);
      case 2 -> 0.2;
      default -> 0.999;
    };
  }

  /** {@code ok} mostly; sometimes a retriable or a final failure. */
  private static StageOutcome failedOr(Random random, StageOutcome ok) {
    return switch (random.nextInt(20)) {
      case 0 -> new StageOutcome.Failed(FailureCode.MODEL_ERROR, "boom", true);
      case 1 -> new StageOutcome.Failed(FailureCode.INPUT_TOO_LONG, "too long", false);
      default -> ok;
    };
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** One scripted model per stage: answers each text with its scripted outcome. */
  private Map<Stage, StageModel> scriptedModels() {
    Map<Stage, StageModel> models = new EnumMap<>(Stage.class);
    for (Stage stage : Pipeline.STAGES) {
      models.put(stage, new ScriptedModel(stage, script));
    }
    return models;
  }

  private record ScriptedModel(Stage stage, Map<String, Map<Stage, StageOutcome>> script)
      implements StageModel {
    @Override
    public ModelIdentity identity() {
      return new ModelIdentity("scripted-" + stage, "1", "0".repeat(64));
    }

    @Override
    public InferenceSession newSession() {
      return new InferenceSession() {
        @Override
        public List<StageOutcome> predict(List<StageInput> batch) {
          return batch.stream().map(i -> script.get(i.text()).get(stage)).toList();
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void close() {}
  }
}
