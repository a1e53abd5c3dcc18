package dev.smallfirst.frontier;

import dev.smallfirst.frontier.budget.BudgetGuard;
import dev.smallfirst.frontier.budget.Money;
import dev.smallfirst.frontier.budget.SpendLedger;
import dev.smallfirst.frontier.budget.SpendWindow;
import dev.smallfirst.frontier.kafka.EscalationLoop;
import dev.smallfirst.frontier.kafka.FrontierSerdes;
import dev.smallfirst.frontier.llm.LlmClient;
import dev.smallfirst.frontier.llm.providers.LlmClients;
import dev.smallfirst.frontier.polish.FrontierPolisher;
import dev.smallfirst.frontier.polish.Polisher;
import dev.smallfirst.frontier.polish.StandInPolisher;
import dev.smallfirst.frontier.prompt.OutputValidator;
import dev.smallfirst.frontier.prompt.PromptTemplate;
import dev.smallfirst.frontier.resilience.FrontierGuards;
import dev.smallfirst.frontier.resilience.ResilientCaller;
import dev.smallfirst.frontier.status.FrontierMetrics;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.runtime.Resources;
import dev.smallfirst.runtime.config.KafkaCheck;
import dev.smallfirst.runtime.config.RegistryCheck;
import dev.smallfirst.runtime.http.StatusServer;
import dev.smallfirst.runtime.http.StatusServer.Probe;
import dev.smallfirst.runtime.kafka.BrokerWatch;
import dev.smallfirst.runtime.kafka.KafkaThreads;
import dev.smallfirst.runtime.kafka.LoopState;
import dev.smallfirst.runtime.kafka.TopicSetup;
import dev.smallfirst.runtime.metrics.JvmMetrics;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running frontier worker: creates its topics, fences any previous incarnation ({@code
 * initTransactions}), restores the spend ledger, then polls escalations and serves metrics. Start
 * it, and close it to stop (in-flight calls get a grace period).
 *
 * <pre>{@code
 * try (FrontierApp app = FrontierApp.start(settings, Clock.systemUTC())) { app.awaitTermination(); }
 * }</pre>
 */
public final class FrontierApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FrontierApp.class);
  private static final Duration LEDGER_RESTORE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration LEDGER_RETENTION = Duration.ofDays(3);

  private final List<AutoCloseable> resources; // in the order opened, the loop last
  private final EscalationLoop loop;
  private final StatusServer status;
  private final BudgetGuard budget;

  private FrontierApp(
      List<AutoCloseable> resources, EscalationLoop loop, StatusServer status, BudgetGuard budget) {
    this.resources = resources;
    this.loop = loop;
    this.status = status;
    this.budget = budget;
  }

  /** Starts the worker; fails fast when Kafka, the registry or the ledger cannot be reached. */
  public static FrontierApp start(FrontierSettings s, Clock clock) throws IOException {
    Map<String, Object> kafka = new HashMap<>();
    kafka.put("bootstrap.servers", s.bootstrapServers());
    kafka.putAll(s.kafkaOverrides());
    KafkaCheck.requireReachable(kafka, s.brokerCheckTimeout());
    RegistryCheck.requireReachable(RegistrySettings.fromConfig(s.registryConfig()));
    try (Admin admin = Admin.create(kafka)) {
      List<NewTopic> topics =
          new ArrayList<>(
              TopicSetup.withDeadLetters(
                  List.of(
                      s.topics().escalations(),
                      s.topics().escalationResults(),
                      s.topics().deadLetters()),
                  s.topics().deadLetters(),
                  s.partitions(),
                  s.replicationFactor()));
      topics.add(ledgerTopic(s.budget().ledgerTopic(), s.replicationFactor()));
      TopicSetup.create(admin, topics);
    }
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FrontierMetrics metrics = new FrontierMetrics(prometheus);
    JvmMetrics jvm = JvmMetrics.bindTo(prometheus);
    BudgetGuard budget = new BudgetGuard(s.budget(), clock, s.instanceId());
    metrics.bindBudget(budget);

    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(
            producerConfig(s, kafka), new ByteArraySerializer(), new ByteArraySerializer());
    producer.initTransactions(); // fences a previous incarnation and aborts its open transaction
    SpendLedger ledger = new SpendLedger(kafka, s.budget().ledgerTopic(), budget);
    long entries = ledger.restore(LEDGER_RESTORE_TIMEOUT);
    log.info(
        "spend restored from {} ({} entries): this hour {} of {}, today {} of {}",
        s.budget().ledgerTopic(),
        entries,
        Money.format(budget.spentNow(SpendWindow.HOUR)),
        Money.format(s.budget().hourCapMicros()),
        Money.format(budget.spentNow(SpendWindow.DAY)),
        Money.format(s.budget().dayCapMicros()));
    ledger.startFollowing();

    Polisher polisher = polisher(s, clock, budget, metrics, prometheus);
    SchemaRegistryClient registry =
        SchemaRegistryClient.create(RegistrySettings.fromConfig(s.registryConfig()));
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            consumerConfig(s, kafka), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
    KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
    consumerMetrics.bindTo(prometheus);
    producerMetrics.bindTo(prometheus);
    EscalationLoop loop =
        new EscalationLoop(
            consumer,
            producer,
            new EscalationLoop.Wiring(
                FrontierSerdes.of(registry), budget, ledger, metrics, s.topics()),
            polisher,
            new EscalationLoop.Tuning(s.maxInflight(), s.commitInterval(), s.shutdownGrace()),
            clock);
    StatusServer status =
        s.httpPort() >= 0
            ? StatusServer.start(s.httpHost(), s.httpPort(), prometheus, Map.of())
            : null;
    BrokerWatch broker = BrokerWatch.start(s.instanceId(), kafka, prometheus);
    if (status != null) {
      status.readiness(() -> readiness(loop, broker));
      String producerId = s.transactionalId();
      status.health(
          () ->
              KafkaThreads.health(
                  loop.state() == LoopState.FAILED, loop.state().name(), List.of(producerId)));
    }
    loop.start();
    log.info("frontier worker {} started: {}", s.instanceId(), s);
    List<AutoCloseable> resources =
        new ArrayList<>(
            List.of(jvm, broker, ledger, polisher, registry, consumerMetrics, producerMetrics));
    if (status != null) {
      resources.add(status);
    }
    resources.add(loop);
    return new FrontierApp(resources, loop, status, budget);
  }

  /**
   * The offline stand-in exactly as a frontier worker started with {@code s} and no provider runs
   * it: its brand, simulated latency, prompt template and prices. For a one-process rival that must
   * do the same polish work (the demo's naive baseline). Thread-safe.
   */
  public static Function<EscalationRequest, EscalationResult> standIn(
      FrontierSettings s, Clock clock) {
    return standInPolisher(s, clock)::polish;
  }

  private static StandInPolisher standInPolisher(FrontierSettings s, Clock clock) {
    return new StandInPolisher(
        s.prompt().brand(),
        s.standInLatency(),
        clock,
        new PromptTemplate(s.prompt()),
        s.budget().prices(),
        s.budget().charsPerToken());
  }

  private static Polisher polisher(
      FrontierSettings s,
      Clock clock,
      BudgetGuard budget,
      FrontierMetrics metrics,
      PrometheusMeterRegistry prometheus) {
    Optional<LlmClient> client = LlmClients.create(s.provider(), clock);
    if (client.isEmpty()) {
      log.warn(
          "\n*** NO FRONTIER PROVIDER CONFIGURED (frontier.provider=none): the OFFLINE STAND-IN"
              + " answers escalations.\n*** It returns the small draft lightly rewritten, spends"
              + " nothing, reports what a real call would have cost at {}, and marks every result"
              + " standIn=true, provider=offline-stand-in.\n*** Set frontier.provider=anthropic|openai"
              + " and an API key for real replies.",
          s.budget().prices());
      return standInPolisher(s, clock);
    }
    FrontierGuards guards = FrontierGuards.of(s.resilience());
    guards.bindTo(prometheus);
    PromptTemplate template = new PromptTemplate(s.prompt());
    log.info(
        "frontier provider {} model {} at {} (key from {}), PII masking {}",
        client.get().provider(),
        client.get().model(),
        s.provider().baseUrl().map(Object::toString).orElse("the SDK's default endpoint"),
        s.provider().apiKey().map(k -> k.source()).orElse("nowhere: none configured"),
        s.prompt().piiMasking() ? "on" : "OFF");
    return new FrontierPolisher(
        client.get(),
        new ResilientCaller(client.get(), guards, budget, s.provider().timeout(), clock, metrics),
        template,
        new OutputValidator(s.prompt().maxOutputChars(), template),
        s.prompt().piiMasking(),
        s.provider().maxTokens(),
        clock);
  }

  private static Map<String, Object> producerConfig(FrontierSettings s, Map<String, Object> kafka) {
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, s.transactionalId());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.CLIENT_ID_CONFIG, s.transactionalId());
    p.putAll(s.kafkaOverrides());
    return p;
  }

  private static Map<String, Object> consumerConfig(FrontierSettings s, Map<String, Object> kafka) {
    Map<String, Object> c = new HashMap<>(kafka);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(500, s.maxInflight()));
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, s.transactionalId());
    // Static membership: a restarted replica gets its partitions back without a rebalance.
    c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, s.instanceId());
    c.putAll(s.kafkaOverrides());
    return c;
  }

  /** The spend ledger: compacted on one partition, its old windows deleted after three days. */
  private static NewTopic ledgerTopic(String name, short replication) {
    return new NewTopic(name, 1, replication)
        .configs(
            Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG,
                String.valueOf(LEDGER_RETENTION.toMillis())));
  }

  /** Blocks until the worker stops; returns whether it failed. */
  public boolean awaitTermination() throws InterruptedException {
    return loop.awaitTermination();
  }

  /** {@code RUNNING} once the ledger is restored and escalations are polled. */
  public LoopState state() {
    return loop.state();
  }

  /** How many partitions of the escalations topic the worker holds now; thread-safe. */
  public int assignedPartitions() {
    return loop.assignedPartitions();
  }

  /** The status endpoint's port, or -1 when it is off. */
  public int statusPort() {
    return status == null ? -1 : status.port();
  }

  public BudgetGuard budget() {
    return budget;
  }

  @Override
  public void close() {
    Resources.closeInReverse(resources);
  }

  /** Ready while the loop runs with partitions and the broker answers. */
  private static Probe readiness(EscalationLoop loop, BrokerWatch broker) {
    if (loop.state() != LoopState.RUNNING) {
      return new Probe(false, loop.state().name());
    }
    return broker
        .outage()
        .map(why -> new Probe(false, "RUNNING, " + why))
        .orElseGet(
            () ->
                loop.assignedPartitions() == 0
                    ? new Probe(false, "RUNNING, no partitions assigned")
                    : new Probe(true, "RUNNING"));
  }
}
