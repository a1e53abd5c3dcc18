package dev.smallfirst.worker;

import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.LoadOptions.DevicePreference;
import dev.smallfirst.models.LoadOptions.OverlongPolicy;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.records.Stage;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.config.KafkaCheck;
import dev.smallfirst.runtime.config.RegistryConfig;
import dev.smallfirst.runtime.kafka.TopicSetup;
import dev.smallfirst.schemas.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Everything a model worker needs, parsed and validated once at start from a {@link ConfigSource};
 * a bad value fails here with a message naming its key. Immutable. The keys are listed in {@code
 * model-workers/WORKER.md}.
 *
 * @param stage the stage this worker serves (CLASSIFY, EXTRACT, SENTIMENT or DRAFT)
 * @param modelDir the model directory
 * @param bootstrapServers Kafka bootstrap servers
 * @param brokerCheckTimeout how long the start waits for a broker to answer ({@code
 *     broker.check.timeout.ms})
 * @param registryConfig settings for the schema-registry client ({@code schema.registry.*})
 * @param topics topic names
 * @param partitions partitions of topics the worker creates
 * @param replicationFactor replication factor of topics the worker creates
 * @param groupId consumer group ({@code workers.<stage>}, after the topic prefix)
 * @param workerId this instance's id: in results, and in the transactional id
 * @param maxBatch most requests per forward batch
 * @param maxDelay longest a request waits for its batch to fill
 * @param maxBuffered records held before the consumer pauses
 * @param inferenceThreads inference threads, one DJL predictor each
 * @param torchThreads PyTorch intra-op threads per inference
 * @param torchInteropThreads PyTorch inter-op threads
 * @param load how the model is served (device, over-long inputs, buckets, top-k, draft length)
 * @param skipExpired answer requests past their deadline with DEADLINE_EXCEEDED, without the model
 * @param httpHost host the status endpoint binds
 * @param httpPort port of the status endpoint, 0 for a free one, -1 for none
 * @param shutdownTimeout how long in-flight batches may take to finish at shutdown
 * @param delivery how results and offsets are written: one transaction per batch, or results
 *     acknowledged first and offsets after (the topology drops the repeats a crash can cause)
 * @param kafkaOverrides further Kafka client settings ({@code kafka.*}; {@code kafka.consumer.*}
 *     and {@code kafka.producer.*} for one client only)
 */
public record WorkerSettings(
    Stage stage,
    Path modelDir,
    String bootstrapServers,
    Duration brokerCheckTimeout,
    Map<String, String> registryConfig,
    TopicNames topics,
    int partitions,
    short replicationFactor,
    String groupId,
    String workerId,
    int maxBatch,
    Duration maxDelay,
    int maxBuffered,
    int inferenceThreads,
    int torchThreads,
    int torchInteropThreads,
    LoadOptions load,
    boolean skipExpired,
    String httpHost,
    int httpPort,
    Duration shutdownTimeout,
    Delivery delivery,
    Map<String, String> kafkaOverrides) {

  /** How a worker writes its results and commits the requests they answer. */
  public enum Delivery {
    /** Results and offsets in one Kafka transaction per batch: no result is ever written twice. */
    EXACTLY_ONCE,
    /**
     * Results with an idempotent producer, offsets committed once every result is acknowledged: no
     * transaction round trips; a crash between the two writes that batch's results again, and the
     * topology ignores a result for a stage that is no longer pending. Replies stay exactly once
     * either way.
     */
    AT_LEAST_ONCE;

    static Delivery parse(String raw) {
      return valueOf(raw.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

  /**
   * The status endpoint's default port: distinct from the topology's 8070 and the frontier's 8072.
   */
  public static final int DEFAULT_HTTP_PORT = 8071;

  public WorkerSettings {
    registryConfig = Map.copyOf(registryConfig);
    kafkaOverrides = Map.copyOf(kafkaOverrides);
    if (!TopicNames.WORKER_STAGES.contains(stage)) {
      throw new ConfigException(
          "stage", "must be one of classify, extract, sentiment, draft; got " + stage);
    }
    if (!ID.matcher(workerId).matches()) {
      throw new ConfigException(
          "worker.id", "must be 1-200 characters of A-Z a-z 0-9 . _ -, got '" + workerId + "'");
    }
    if (maxBuffered < maxBatch) {
      throw new ConfigException(
          "batch.buffer.records",
          "must be at least batch.max.size (" + maxBatch + "), got " + maxBuffered);
    }
    if (!registryConfig.containsKey("schema.registry.url")) {
      throw new ConfigException("schema.registry.url", "required but not set");
    }
  }

  /**
   * {@link #from}, then refuses any key that no setting read (a typo such as {@code
   * batch.max.sise}), naming the nearest known key: what the deployable's command runs.
   */
  public static WorkerSettings strict(ConfigSource c) {
    WorkerSettings settings = from(c);
    c.requireNoUnknownKeys();
    return settings;
  }

  /** Parses and validates every setting. */
  public static WorkerSettings from(ConfigSource c) {
    Stage stage = stage(c.required("stage"));
    TopicNames topics = topics(c);
    int maxBatch = c.integer("batch.max.size", 32, 1, 4096);
    LoadOptions load =
        new LoadOptions(
            parse(c, "inference.device", "auto", DevicePreference::parse),
            parse(c, "input.overlong", "reject", OverlongPolicy::parse),
            buckets(c),
            optionalInt(c, "classify.top.k", 1, 1000),
            optionalInt(c, "draft.max.new.tokens", 1, 4096),
            replyKit(c));
    return new WorkerSettings(
        stage,
        Path.of(c.required("model.dir")),
        c.required("bootstrap.servers"),
        KafkaCheck.timeout(c),
        RegistryConfig.read(c),
        topics,
        c.integer("topic.partitions", 6, 1, 10_000),
        TopicSetup.replicationFactor(c),
        c.string("group.id", topics.prefix() + "workers." + stage.name().toLowerCase(Locale.ROOT)),
        c.string("worker.id", defaultWorkerId(stage)),
        maxBatch,
        c.millis("batch.max.delay.ms", Duration.ofMillis(5), Duration.ZERO, Duration.ofSeconds(10)),
        c.integer("batch.buffer.records", Math.max(2_000, 4 * maxBatch), 1, 1_000_000),
        c.integer("inference.threads", 1, 1, 256),
        c.integer("torch.threads", 1, 1, 256),
        c.integer("torch.interop.threads", 1, 1, 256),
        load,
        c.bool("deadline.skip", true),
        c.string("http.host", "127.0.0.1"),
        c.integer("http.port", DEFAULT_HTTP_PORT, -1, 65535),
        c.millis(
            "shutdown.timeout.ms",
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMinutes(10)),
        parse(c, "results.delivery", "at-least-once", Delivery::parse),
        c.kafkaOverrides());
  }

  /**
   * The Kafka transactional id: stable per {@link #workerId}, so a restart fences its past self.
   */
  public String transactionalId() {
    return groupId + "." + workerId;
  }

  /** Kafka settings for one client: {@code kafka.*} plus {@code kafka.<client>.*}. */
  public Map<String, String> kafkaFor(String client) {
    Map<String, String> out = new HashMap<>();
    kafkaOverrides.forEach(
        (k, v) -> {
          if (k.startsWith(client + ".")) {
            out.put(k.substring(client.length() + 1), v);
          } else if (!k.startsWith("consumer.") && !k.startsWith("producer.")) {
            out.put(k, v);
          }
        });
    return out;
  }

  private static Stage stage(String raw) {
    try {
      Stage s = Stage.valueOf(raw.trim().toUpperCase(Locale.ROOT));
      if (TopicNames.WORKER_STAGES.contains(s)) {
        return s;
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message naming the key
    }
    throw new ConfigException(
        "stage", "must be one of classify, extract, sentiment, draft; got '" + raw + "'");
  }

  private static TopicNames topics(ConfigSource c) {
    try {
      return TopicNames.withPrefix(c.string(TopicNames.PREFIX_KEY, ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(TopicNames.PREFIX_KEY, e.getMessage());
    }
  }

  private static <T> T parse(
      ConfigSource c, String key, String fallback, java.util.function.Function<String, T> parser) {
    String raw = c.string(key, fallback);
    try {
      return parser.apply(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "unknown value '" + raw + "'");
    }
  }

  private static List<Integer> buckets(ConfigSource c) {
    String key = "input.length.buckets";
    String raw = c.string(key, "16,32,64,128,256,512");
    List<Integer> out = new ArrayList<>();
    try {
      for (String part : raw.split(",")) {
        out.add(Integer.parseInt(part.trim()));
      }
      return new LoadOptions(
              DevicePreference.AUTO,
              OverlongPolicy.REJECT,
              out,
              OptionalInt.empty(),
              OptionalInt.empty())
          .lengthBuckets();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          key, "must be ascending positive whole numbers separated by commas, got '" + raw + "'");
    }
  }

  /** The tenants' company facts for drafts ({@code draft.reply.kit}, a file), read and checked. */
  private static ReplyKit replyKit(ConfigSource c) {
    String key = "draft.reply.kit";
    return c.optional(key)
        .map(
            path -> {
              try {
                return ReplyKit.read(Path.of(path));
              } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
              }
            })
        .orElse(ReplyKit.EMPTY);
  }

  private static OptionalInt optionalInt(ConfigSource c, String key, int min, int max) {
    return c.optional(key).isEmpty()
        ? OptionalInt.empty()
        : OptionalInt.of(c.integer(key, min, min, max));
  }

  private static String defaultWorkerId(Stage stage) {
    String host =
        System.getenv().getOrDefault("HOSTNAME", "worker").replaceAll("[^A-Za-z0-9._-]", "-");
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return host
        + "-"
        + stage.name().toLowerCase(Locale.ROOT)
        + "-"
        + HexFormat.of().formatHex(random);
  }
}
