package dev.smallfirst.topology;

import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.config.KafkaCheck;
import dev.smallfirst.runtime.config.KafkaConfigNames;
import dev.smallfirst.runtime.config.RegistryConfig;
import dev.smallfirst.runtime.kafka.TopicSetup;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.topology.cost.CostModel;
import dev.smallfirst.topology.deadline.StageDeadlines;
import dev.smallfirst.topology.kafka.ExactlyOnceStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the topology deployable needs, parsed and validated once at start from a {@link
 * ConfigSource}; a bad value fails here with a message naming its key. Immutable.
 *
 * @param applicationId Kafka Streams application id (consumer group, state and internal topics)
 * @param bootstrapServers Kafka bootstrap servers
 * @param brokerCheckTimeout how long the start waits for a broker to answer ({@code
 *     broker.check.timeout.ms})
 * @param registryConfig settings for the schema-registry client ({@code schema.registry.*})
 * @param topics topic names
 * @param partitions partitions of the topics the topology creates
 * @param replicationFactor replication factor of the topics the topology creates
 * @param policyFile routing policy used until the policy topic holds a valid one
 * @param policyModels the deployed models' directory: without {@code policyFile}, the start-up
 *     policy is generated from their manifests' thresholds ({@code ModelPolicy})
 * @param deadlines per-stage deadlines
 * @param deadlineCheckInterval how often the wall-clock punctuator looks for late stages
 * @param maxBodyChars longer bodies are rejected
 * @param maxTextChars the normalized text sent to the models is cut to this length
 * @param dedupeWindow how long an answered message id is remembered to drop re-sent copies
 * @param holdingReply text of a degraded reply that has no draft at all
 * @param costs prices for the replies' cost accounting
 * @param httpHost host the status and metrics endpoint binds
 * @param advertisedHost host other instances and clients reach this one at (Streams' {@code
 *     application.server}, the interactive-query redirects), e.g. the pod's DNS name
 * @param httpPort port of the status and metrics endpoint, 0 for a free one, -1 for none
 * @param stateDir Kafka Streams state directory
 * @param streamThreads Kafka Streams threads
 * @param commitInterval how often Kafka Streams commits its exactly-once transaction: each of the
 *     small path's three topology hops waits half of it on average
 * @param kafkaOverrides any further Kafka Streams/client settings
 */
public record TopologySettings(
    String applicationId,
    String bootstrapServers,
    Duration brokerCheckTimeout,
    Map<String, String> registryConfig,
    TopicNames topics,
    int partitions,
    short replicationFactor,
    Optional<Path> policyFile,
    Optional<Path> policyModels,
    StageDeadlines deadlines,
    Duration deadlineCheckInterval,
    int maxBodyChars,
    int maxTextChars,
    Duration dedupeWindow,
    String holdingReply,
    CostModel costs,
    String httpHost,
    String advertisedHost,
    int httpPort,
    Path stateDir,
    int streamThreads,
    Duration commitInterval,
    Map<String, String> kafkaOverrides) {

  public TopologySettings {
    registryConfig = Map.copyOf(registryConfig);
    kafkaOverrides = Map.copyOf(kafkaOverrides);
    policyFile.ifPresent(
        f -> {
          if (!Files.isReadable(f)) {
            throw new ConfigException("policy.file", "cannot read " + f);
          }
        });
    policyModels.ifPresent(
        d -> {
          if (!Files.isDirectory(d)) {
            throw new ConfigException("policy.models", "no such directory " + d);
          }
        });
    if (!registryConfig.containsKey("schema.registry.url")) {
      throw new ConfigException("schema.registry.url", "required but not set");
    }
  }

  /** Kafka settings the topology passes through: client and Kafka Streams config names. */
  static final KafkaConfigNames STREAMS_CONFIG_NAMES =
      KafkaConfigNames.CLIENTS.and(
          StreamsConfig.configDef().names(),
          Set.of("main.consumer.", "restore.consumer.", "global.consumer.", "admin."));

  /** The text of a degraded reply without a draft, unless {@code reply.holding.text} says. */
  public static final String DEFAULT_HOLDING_REPLY =
      "Thanks for your message. A member of our team will get back to you shortly.";

  /** The status endpoint's default port: distinct from a worker's 8071 and the frontier's 8072. */
  public static final int DEFAULT_HTTP_PORT = 8070;

  /**
   * {@link #from}, then refuses any key that no setting read (a typo such as {@code
   * batch.max.sise}), naming the nearest known key: what the deployable's command runs.
   */
  public static TopologySettings strict(ConfigSource c) {
    TopologySettings settings = from(c);
    c.requireNoUnknownKeys();
    return settings;
  }

  /** Parses and validates every setting. */
  public static TopologySettings from(ConfigSource c) {
    TopicNames topics;
    try {
      topics = TopicNames.withPrefix(c.string(TopicNames.PREFIX_KEY, ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TopicNames.PREFIX_KEY, e.getMessage());
    }
    String httpHost = c.string("http.host", "127.0.0.1");
    Map<Stage, Duration> deadlines = new EnumMap<>(Stage.class);
    StageDeadlines.defaults()
        .byStage()
        .forEach(
            (stage, fallback) ->
                deadlines.put(
                    stage,
                    c.millis(
                        "deadline." + stage.name().toLowerCase(Locale.ROOT) + ".ms",
                        fallback,
                        Duration.ofMillis(1),
                        Duration.ofHours(1))));
    CostModel d = CostModel.defaults();
    CostModel costs =
        new CostModel(
            c.longValue("cost.small.call.micros", d.smallCallMicros(), 0, 1_000_000_000L),
            c.longValue(
                "cost.frontier.input.micros.per.mtok",
                d.frontierInputMicrosPerMillionTokens(),
                0,
                1_000_000_000_000L),
            c.longValue(
                "cost.frontier.output.micros.per.mtok",
                d.frontierOutputMicrosPerMillionTokens(),
                0,
                1_000_000_000_000L),
            c.integer("cost.prompt.overhead.tokens", d.promptOverheadTokens(), 0, 1_000_000),
            c.decimal("cost.chars.per.token", d.charsPerToken(), 0.5, 100),
            d.outputTokens());
    return new TopologySettings(
        c.string("application.id", topics.prefix() + "topology"),
        c.required("bootstrap.servers"),
        KafkaCheck.timeout(c),
        RegistryConfig.read(c),
        topics,
        c.integer("topic.partitions", 6, 1, 10_000),
        TopicSetup.replicationFactor(c),
        c.optional("policy.file").map(Path::of),
        c.optional("policy.models").map(Path::of),
        new StageDeadlines(
            deadlines,
            c.integer(
                StageDeadlines.RETRY_FACTOR_KEY, StageDeadlines.DEFAULT_RETRY_FACTOR, 1, 100)),
        c.millis(
            "deadline.check.interval.ms",
            Duration.ofMillis(250),
            Duration.ofMillis(10),
            Duration.ofMinutes(1)),
        c.integer("body.max.chars", 20_000, 1, 10_000_000),
        c.integer("text.max.chars", 2_000, 16, 1_000_000),
        c.millis(
            "dedupe.window.ms", Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(30)),
        c.string("reply.holding.text", DEFAULT_HOLDING_REPLY),
        costs,
        httpHost,
        c.string("advertised.host", defaultAdvertisedHost(httpHost)),
        c.integer("http.port", DEFAULT_HTTP_PORT, -1, 65535),
        Path.of(
            c.string(
                "state.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "smallfirst-streams").toString())),
        c.integer("num.stream.threads", 1, 1, 64),
        c.millis(
            "commit.interval.ms",
            Duration.ofMillis(ExactlyOnceStreams.COMMIT_INTERVAL_MS),
            Duration.ofMillis(1),
            Duration.ofMinutes(10)),
        c.kafkaOverrides(STREAMS_CONFIG_NAMES));
  }

  /**
   * The bind host when it names one host; for a wildcard bind ({@code 0.0.0.0}, {@code ::}) this
   * machine's name, since a wildcard address cannot be reached.
   */
  static String defaultAdvertisedHost(String httpHost) {
    if (!httpHost.equals("0.0.0.0") && !httpHost.equals("::") && !httpHost.equals("[::]")) {
      return httpHost;
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      throw new ConfigException(
          "advertised.host", "http.host is a wildcard and this host has no name; set it");
    }
  }
}
