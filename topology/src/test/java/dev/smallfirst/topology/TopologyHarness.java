package dev.smallfirst.topology;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.FakeRegistryServer;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import dev.smallfirst.topology.kafka.TopologySerdes;
import dev.smallfirst.topology.routing.PolicyDocument;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** The real topology in a {@link TopologyTestDriver}, with typed topics and a clock in step. */
final class TopologyHarness implements AutoCloseable {
  final FakeRegistryServer registryServer = FakeRegistryServer.start();
  final SchemaRegistryClient registry =
      SchemaRegistryClient.create(RegistrySettings.of(registryServer.url()));
  final TopologySerdes serdes = TopologySerdes.of(registry);
  final MutableClock clock = new MutableClock(Fixtures.T0);
  final TopologyMetrics metrics = new TopologyMetrics(new SimpleMeterRegistry());
  final TopologySettings settings;
  final Topology topology;
  final TopologyTestDriver driver;
  final TopicNames topics;

  final TestInputTopic<String, SupportMessage> messages;
  final TestInputTopic<String, byte[]> rawMessages;
  final TestInputTopic<String, StageResult> results;
  final TestInputTopic<String, EscalationResult> escalationResults;
  final TestInputTopic<String, String> policy;
  final Map<Stage, TestOutputTopic<String, StageRequest>> requests = new EnumMap<>(Stage.class);
  final TestOutputTopic<String, EscalationRequest> escalations;
  final TestOutputTopic<String, DraftedReply> replies;
  final TestOutputTopic<String, DeadLetter> deadLetters;

  TopologyHarness() {
    this(Map.of(), PolicyDocument.BUILT_IN);
  }

  TopologyHarness(Map<String, String> extraSettings, PolicyDocument initialPolicy) {
    Map<String, String> config =
        new HashMap<>(
            Map.of(
                "bootstrap.servers", "unused:9092", "schema.registry.url", registryServer.url()));
    config.putAll(extraSettings);
    settings = TopologySettings.from(ConfigSource.of(config));
    topics = settings.topics();
    topology = SupportTopology.build(settings, serdes, metrics, initialPolicy, clock);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // a state directory of its own: the default (/tmp/kafka-streams/topology-test) is shared by
    // every build on the machine, and concurrent builds corrupted each other's stores
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
    driver = new TopologyTestDriver(topology, props, Fixtures.T0);

    messages =
        driver.createInputTopic(
            topics.messages(), Serdes.String().serializer(), serdes.supportMessage().serializer());
    rawMessages =
        driver.createInputTopic(
            topics.messages(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
    results =
        driver.createInputTopic(
            topics.stageResults(Stage.CLASSIFY),
            Serdes.String().serializer(),
            serdes.stageResult().serializer());
    escalationResults =
        driver.createInputTopic(
            topics.escalationResults(),
            Serdes.String().serializer(),
            serdes.escalationResult().serializer());
    policy =
        driver.createInputTopic(
            topics.policy(), Serdes.String().serializer(), Serdes.String().serializer());
    for (Stage stage : TopicNames.WORKER_STAGES) {
      requests.put(
          stage,
          driver.createOutputTopic(
              topics.stageRequests(stage),
              Serdes.String().deserializer(),
              serdes.stageRequest().deserializer()));
    }
    escalations =
        driver.createOutputTopic(
            topics.escalations(),
            Serdes.String().deserializer(),
            serdes.escalationRequest().deserializer());
    replies =
        driver.createOutputTopic(
            topics.replies(), Serdes.String().deserializer(), serdes.draftedReply().deserializer());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetters(),
            Serdes.String().deserializer(),
            serdes.deadLetter().deserializer());
  }

  private static String stateDir() {
    try {
      return Files.createTempDirectory("topology-test").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a stage result on the stage's own result topic. */
  void result(StageResult result) {
    driver
        .createInputTopic(
            topics.stageResults(result.getStage()),
            Serdes.String().serializer(),
            serdes.stageResult().serializer())
        .pipeInput(result.getTicketId(), result);
  }

  /** Answers every outstanding request of {@code stage} with a good outcome. */
  void answerAll(Stage stage) {
    for (StageRequest r : requests.get(stage).readValuesToList()) {
      result(Fixtures.result(r, Fixtures.goodOutcome(stage)));
    }
  }

  /** Moves both the processors' clock and the driver's wall clock (firing punctuators). */
  void advance(Duration d) {
    clock.advance(d);
    driver.advanceWallClockTime(d);
  }

  @Override
  public void close() {
    driver.close();
    registry.close();
    registryServer.close();
  }
}
