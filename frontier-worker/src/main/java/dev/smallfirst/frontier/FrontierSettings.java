package dev.smallfirst.frontier;

import dev.smallfirst.frontier.budget.BudgetSettings;
import dev.smallfirst.frontier.llm.ProviderSettings;
import dev.smallfirst.frontier.prompt.PromptSettings;
import dev.smallfirst.frontier.resilience.ResilienceSettings;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.config.KafkaCheck;
import dev.smallfirst.runtime.config.RegistryConfig;
import dev.smallfirst.runtime.kafka.TopicSetup;
import dev.smallfirst.schemas.topics.TopicNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything the frontier worker needs, parsed and validated once at start from a {@link
 * ConfigSource} and the environment (for the API key); a bad value fails here naming its key.
 * Immutable; {@link #toString()} never shows the API key.
 *
 * <pre>{@code
 * FrontierSettings s = FrontierSettings.from(ConfigSource.load(file, System.getenv()), System.getenv());
 * }</pre>
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param brokerCheckTimeout how long the start waits for a broker to answer ({@code
 *     broker.check.timeout.ms})
 * @param registryConfig settings for the schema-registry client ({@code schema.registry.*})
 * @param topics topic names (one prefix)
 * @param partitions partitions of topics the worker creates when absent
 * @param replicationFactor replication of topics the worker creates
 * @param groupId consumer group of all replicas
 * @param instanceId this replica's id: unique per replica, stable across its restarts; names its
 *     transactional id and its spend-ledger entries
 * @param maxInflight escalations polled but not committed, at most (the consumer pauses beyond)
 * @param commitInterval how often finished escalations are committed
 * @param shutdownGrace how long a stopping worker lets in-flight calls finish
 * @param httpHost host of the status endpoint
 * @param httpPort port of the status endpoint, 0 for a free one, -1 for none
 * @param standInLatency simulated latency of the offline stand-in
 * @param provider the frontier API
 * @param resilience retry, breaker, rate limits, concurrency
 * @param budget caps, prices, ledger
 * @param prompt brand, policy, PII masking, output bounds
 * @param kafkaOverrides further Kafka client settings ({@code kafka.*})
 */
public record FrontierSettings(
    String bootstrapServers,
    Duration brokerCheckTimeout,
    Map<String, String> registryConfig,
    TopicNames topics,
    int partitions,
    short replicationFactor,
    String groupId,
    String instanceId,
    int maxInflight,
    Duration commitInterval,
    Duration shutdownGrace,
    String httpHost,
    int httpPort,
    Duration standInLatency,
    ProviderSettings provider,
    ResilienceSettings resilience,
    BudgetSettings budget,
    PromptSettings prompt,
    Map<String, String> kafkaOverrides) {

  public static final String INSTANCE_ID = "frontier.instance.id";

  /** The status endpoint's default port: distinct from the topology's 8070 and a worker's 8071. */
  public static final int DEFAULT_HTTP_PORT = 8072;

  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  public FrontierSettings {
    registryConfig = Map.copyOf(registryConfig);
    kafkaOverrides = Map.copyOf(kafkaOverrides);
    if (!SAFE_ID.matcher(instanceId).matches()) {
      throw new ConfigException(
          INSTANCE_ID, "'" + instanceId + "' must be 1-200 characters of A-Z a-z 0-9 . _ -");
    }
  }

  /**
   * {@link #from}, then refuses any key that no setting read (a typo such as {@code
   * batch.max.sise}), naming the nearest known key: what the deployable's command runs.
   */
  public static FrontierSettings strict(ConfigSource c, Map<String, String> env) {
    FrontierSettings settings = from(c, env);
    c.requireNoUnknownKeys();
    return settings;
  }

  /** Parses and validates every setting; the API key is read from a file or {@code env}. */
  public static FrontierSettings from(ConfigSource c, Map<String, String> env) {
    ProviderSettings provider = ProviderSettings.from(c, env);
    ResilienceSettings resilience = ResilienceSettings.from(c);
    TopicNames topics;
    try {
      topics = TopicNames.withPrefix(c.string(TopicNames.PREFIX_KEY, ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TopicNames.PREFIX_KEY, e.getMessage());
    }
    return new FrontierSettings(
        c.required("bootstrap.servers"),
        KafkaCheck.timeout(c),
        RegistryConfig.read(c),
        topics,
        c.integer("topic.partitions", 6, 1, 10_000),
        TopicSetup.replicationFactor(c),
        c.string("frontier.group.id", topics.prefix() + "frontier"),
        c.string(INSTANCE_ID, defaultInstanceId(env)),
        c.integer("frontier.max.inflight", resilience.concurrency() * 4, 1, 100_000),
        c.millis(
            "frontier.commit.interval.ms",
            Duration.ofMillis(100),
            Duration.ofMillis(1),
            Duration.ofSeconds(30)),
        c.millis(
            "frontier.shutdown.grace.ms",
            Duration.ofSeconds(10),
            Duration.ZERO,
            Duration.ofMinutes(10)),
        c.string("http.host", "127.0.0.1"),
        c.integer("http.port", DEFAULT_HTTP_PORT, -1, 65535),
        c.millis(
            "frontier.standin.latency.ms",
            Duration.ofMillis(300),
            Duration.ZERO,
            Duration.ofMinutes(1)),
        provider,
        resilience,
        BudgetSettings.from(c, provider, topics.prefix()),
        PromptSettings.from(c),
        c.kafkaOverrides());
  }

  /** Like the record's own, but with registry credentials hidden (the API key hides itself). */
  @Override
  public String toString() {
    Map<String, String> registry = new HashMap<>();
    registryConfig.forEach(
        (k, v) -> registry.put(k, k.contains("auth") || k.contains("password") ? "****" : v));
    return "FrontierSettings[bootstrapServers=%s, registry=%s, topics=%s, groupId=%s, instanceId=%s, provider=%s, resilience=%s, budget=%s, maxInflight=%d]"
        .formatted(
            bootstrapServers,
            registry,
            topics,
            groupId,
            instanceId,
            provider,
            resilience,
            budget,
            maxInflight);
  }

  /** The transactional id of this replica's producer. */
  public String transactionalId() {
    return groupId + "-" + instanceId;
  }

  /** The host name (a pod name on Kubernetes), cleaned to the allowed characters. */
  private static String defaultInstanceId(Map<String, String> env) {
    String host = env.get("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "frontier-0";
      }
    }
    String cleaned = host.replaceAll("[^A-Za-z0-9._-]", "-");
    return cleaned.isEmpty() ? "frontier-0" : cleaned.substring(0, Math.min(cleaned.length(), 200));
  }
}
