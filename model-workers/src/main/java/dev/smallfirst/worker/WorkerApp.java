package dev.smallfirst.worker;

import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.encoder.EmbeddingMemo;
import dev.smallfirst.models.encoder.SharedEncoders;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.SentimentLabel;
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
import dev.smallfirst.worker.batching.InferencePool;
import dev.smallfirst.worker.kafka.WorkerLoop;
import dev.smallfirst.worker.kafka.WorkerMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running model worker: loads and verifies the model (refusing to start on a hash mismatch),
 * warms it up on every inference thread, creates missing topics, and runs the exactly-once poll
 * loop on its own thread; serves {@code /health}, {@code /ready} and {@code /metrics}.
 *
 * <pre>{@code
 * try (WorkerApp app = WorkerApp.start(WorkerSettings.from(config))) { app.awaitTermination(); }
 * }</pre>
 */
public final class WorkerApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerApp.class);
  private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(5);

  private final WorkerSettings settings;
  private final List<AutoCloseable> resources;
  private final WorkerLoop loop;
  private final StatusServer status;
  private final WorkerMetrics metrics;
  private final Phase phase;
  private final Supplier<Probe> health;
  private boolean closed;

  private WorkerApp(
      WorkerSettings settings,
      List<AutoCloseable> resources,
      WorkerLoop loop,
      StatusServer status,
      WorkerMetrics metrics,
      Phase phase,
      Supplier<Probe> health) {
    this.settings = settings;
    this.resources = resources;
    this.loop = loop;
    this.status = status;
    this.metrics = metrics;
    this.phase = phase;
    this.health = health;
  }

  /**
   * What {@code /ready} answers for this stage: loading, warming up, then whether the model is warm
   * and the loop runs with partitions.
   */
  private static final class Phase {
    private volatile Supplier<Probe> current = () -> WorkerApp.probe(Optional.of("loading"));

    void set(String notReadyBecause) {
      current = () -> WorkerApp.probe(Optional.of(notReadyBecause));
    }

    void running(Supplier<Probe> live) {
      current = live;
    }

    Probe probe() {
      return current.get();
    }
  }

  /** {@code /ready} of this stage. */
  public Probe readiness() {
    return phase.probe();
  }

  /** {@code /health} of this stage: its loop has not failed and its producer's thread lives. */
  public Probe health() {
    return health.get();
  }

  /** Starts a worker on the system clock with the model loaders on the class path. */
  public static WorkerApp start(WorkerSettings s) throws IOException, InterruptedException {
    return start(s, Clock.systemUTC(), System::nanoTime, ModelLoaders.standard());
  }

  /**
   * Starts a worker; returns once the model is warm and the poll loop runs.
   *
   * @throws dev.smallfirst.models.ModelLoadException when the model cannot be served
   */
  public static WorkerApp start(
      WorkerSettings s, Clock clock, LongSupplier nanos, ModelLoaders loaders)
      throws IOException, InterruptedException {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    prometheus.config().commonTags("stage", s.stage().name().toLowerCase(Locale.ROOT));
    List<AutoCloseable> own = new ArrayList<>();
    own.add(prometheus::close);
    own.add(JvmMetrics.bindTo(prometheus));
    StatusServer status = null;
    if (s.httpPort() >= 0) {
      try {
        status = StatusServer.start(s.httpHost(), s.httpPort(), prometheus, Map.of());
      } catch (IOException | RuntimeException e) {
        Resources.closeInReverse(own);
        throw e;
      }
      own.add(status);
    }
    return launch(s, clock, nanos, loaders, prometheus, status, own, true); // closes own on failure
  }

  /**
   * Starts a worker inside a process that serves several stages ({@link WorkerProcess}): its meters
   * go to {@code meters} (which tags them with the stage), the process owns the status endpoint and
   * asks {@link #readiness()} and {@link #health()}, and the JVM and encoder meters are the
   * process's.
   */
  static WorkerApp startHosted(
      WorkerSettings s, Clock clock, LongSupplier nanos, ModelLoaders loaders, MeterRegistry meters)
      throws IOException, InterruptedException {
    return launch(s, clock, nanos, loaders, meters, null, new ArrayList<>(), false);
  }

  private static WorkerApp launch(
      WorkerSettings s,
      Clock clock,
      LongSupplier nanos,
      ModelLoaders loaders,
      MeterRegistry prometheus,
      StatusServer status,
      List<AutoCloseable> resources, // closed in reverse order
      boolean ownProcessMeters)
      throws IOException, InterruptedException {
    DjlSetup.apply(s);
    Phase phase = new Phase();
    phase.set("loading the model");
    try {
      if (status != null) {
        status.readiness(phase::probe);
      }
      KafkaCheck.requireReachable(adminConfig(s), s.brokerCheckTimeout());
      RegistryCheck.requireReachable(RegistrySettings.fromConfig(s.registryConfig()));
      BrokerWatch broker = BrokerWatch.start(s.workerId(), adminConfig(s), prometheus);
      resources.add(broker);
      StageModel model = loaders.load(s.modelDir(), s.stage(), s.load());
      resources.add(model);
      Gauge.builder("smallfirst_worker_model", () -> 1)
          .description("the model this worker serves")
          .tags(
              "model", model.identity().name(),
              "version", model.identity().version(),
              "sha256", model.identity().sha256())
          .register(prometheus);
      if (ownProcessMeters) {
        SharedEncoders.memos().forEach((encoder, memo) -> bindMemo(prometheus, encoder, memo));
      }
      try (Admin admin = Admin.create(adminConfig(s))) {
        TopicSetup.create(
            admin,
            TopicSetup.withDeadLetters(
                List.of(
                    s.topics().stageRequests(s.stage()),
                    s.topics().stageResults(s.stage()),
                    s.topics().deadLetters()),
                s.topics().deadLetters(),
                s.partitions(),
                s.replicationFactor()));
      }
      SchemaRegistryClient registry =
          SchemaRegistryClient.create(RegistrySettings.fromConfig(s.registryConfig()));
      resources.add(registry);
      phase.set("warming up the model");
      InferencePool pool = new InferencePool(model, s.inferenceThreads(), warmUpInputs(), nanos);
      resources.add(pool);
      if (!pool.awaitWarm(WARM_UP_TIMEOUT)) {
        throw new IllegalStateException("model warm-up took longer than " + WARM_UP_TIMEOUT);
      }
      WorkerMetrics metrics = new WorkerMetrics(prometheus);
      KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(
              consumerConfig(s), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(
              producerConfig(s), new ByteArraySerializer(), new ByteArraySerializer());
      KafkaClientMetrics consumerMetrics = new KafkaClientMetrics(consumer);
      KafkaClientMetrics producerMetrics = new KafkaClientMetrics(producer);
      consumerMetrics.bindTo(prometheus);
      producerMetrics.bindTo(prometheus);
      resources.add(consumerMetrics);
      resources.add(producerMetrics);
      WorkerLoop loop =
          WorkerLoop.create(
              loopSettings(s),
              consumer,
              producer,
              registry,
              s.stage(),
              model.identity(),
              s.workerId(),
              pool,
              metrics,
              clock,
              nanos);
      loop.start("worker-loop-" + s.stage().name().toLowerCase(Locale.ROOT));
      String producerId = s.workerId() + "-producer";
      Supplier<Probe> health =
          () ->
              KafkaThreads.health(
                  loop.state() == LoopState.FAILED, loop.state().name(), List.of(producerId));
      phase.running(() -> probe(notReady(pool, loop, broker)));
      if (status != null) {
        status.health(health);
      }
      Gauge.builder("smallfirst_worker_ready", () -> notReady(pool, loop, broker).isEmpty() ? 1 : 0)
          .register(prometheus);
      log.info(
          "worker {} serving {} with {} ({} inference threads, batches up to {} within {} ms)",
          s.workerId(),
          s.stage(),
          model.identity(),
          s.inferenceThreads(),
          s.maxBatch(),
          s.maxDelay().toMillis());
      return new WorkerApp(s, resources, loop, status, metrics, phase, health);
    } catch (InterruptedException | RuntimeException e) {
      Resources.closeInReverse(resources);
      throw e;
    }
  }

  /**
   * How the texts this process's models read were answered: from memory, another pass, encoded, or
   * skipped (a model's exit before the encoder).
   */
  static void bindMemo(MeterRegistry prometheus, String encoder, EmbeddingMemo m) {
    String name = "smallfirst_encoder_texts";
    String doc = "texts embedded by the shared encoder, by how they were answered";
    FunctionCounter.builder(name, m, EmbeddingMemo::hits)
        .description(doc)
        .tags("encoder", encoder, "answer", "memo")
        .register(prometheus);
    FunctionCounter.builder(name, m, EmbeddingMemo::joined)
        .description(doc)
        .tags("encoder", encoder, "answer", "joined")
        .register(prometheus);
    FunctionCounter.builder(name, m, EmbeddingMemo::encoded)
        .description(doc)
        .tags("encoder", encoder, "answer", "encoded")
        .register(prometheus);
    FunctionCounter.builder(name, m, EmbeddingMemo::skipped)
        .description(doc)
        .tags("encoder", encoder, "answer", "skipped")
        .register(prometheus);
  }

  private static Probe probe(Optional<String> notReadyBecause) {
    return notReadyBecause
        .map(why -> new Probe(false, "not ready: " + why))
        .orElse(new Probe(true, "ready"));
  }

  private static Optional<String> notReady(
      InferencePool pool, WorkerLoop loop, BrokerWatch broker) {
    if (!pool.isWarm()) {
      return Optional.of("the model is not warm");
    }
    return switch (loop.state()) {
      case STARTING -> Optional.of("starting the consumer");
      case RUNNING ->
          broker
              .outage()
              .or(
                  () ->
                      loop.assignedPartitions() > 0
                          ? Optional.empty()
                          : Optional.of(
                              loop.hasPolled() ? "no partitions assigned" : "joining the group"));
      case STOPPING, STOPPED, FAILED -> Optional.of("stopped");
    };
  }

  /** A few inputs of different lengths, so that the first real batch pays no warm-up. */
  static List<StageInput> warmUpInputs() {
    DraftContext context =
        DraftContext.newBuilder()
            .setIntent("shipping")
            .setSentiment(SentimentLabel.NEUTRAL)
            .build();
    return List.of(
        StageInput.of("hello"),
        new StageInput(
            "Hi, where is my order ORD-1234567? It was due on 2024-03-15. Thanks, anna@example.com",
            Optional.of(context)));
  }

  static WorkerLoop.Settings loopSettings(WorkerSettings s) {
    return new WorkerLoop.Settings(
        s.topics().stageRequests(s.stage()),
        s.topics().stageResults(s.stage()),
        s.topics().deadLetters(),
        s.maxBatch(),
        s.maxDelay(),
        s.maxBuffered(),
        s.skipExpired(),
        s.shutdownTimeout(),
        s.delivery() == WorkerSettings.Delivery.EXACTLY_ONCE);
  }

  static Map<String, Object> consumerConfig(WorkerSettings s) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    c.put(ConsumerConfig.GROUP_ID_CONFIG, s.groupId());
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, s.workerId() + "-consumer");
    // Static membership: a restarted replica gets its partitions back without a rebalance.
    c.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, s.workerId());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(500, 2 * s.maxBatch()));
    c.putAll(s.kafkaFor("consumer"));
    return c;
  }

  static Map<String, Object> producerConfig(WorkerSettings s) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, s.workerId() + "-producer");
    if (s.delivery() == WorkerSettings.Delivery.EXACTLY_ONCE) {
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, s.transactionalId());
      p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 30_000);
    }
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    // One produce request in flight: a transaction is a few requests anyway, and it rules out a
    // retried first batch landing behind later ones (OUT_OF_ORDER_SEQUENCE, fatal) when a broker
    // answers NOT_LEADER for a just-created result partition.
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    p.putAll(s.kafkaFor("producer"));
    return p;
  }

  private static Map<String, Object> adminConfig(WorkerSettings s) {
    Map<String, Object> a = new HashMap<>();
    s.kafkaFor("admin")
        .forEach(
            (k, v) -> {
              if (AdminClientConfig.configNames().contains(k)) {
                a.put(k, v);
              }
            });
    a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    return a;
  }

  /** Blocks until the poll loop has ended (after {@link #close()}, or a fatal error). */
  public LoopState awaitTermination() throws InterruptedException {
    loop.join();
    return loop.state();
  }

  /** Waits up to {@code timeout} for the poll loop to end; true when it has. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return loop.awaitStopped(timeout);
  }

  public LoopState state() {
    return loop.state();
  }

  public WorkerSettings settings() {
    return settings;
  }

  public WorkerMetrics metrics() {
    return metrics;
  }

  /** The status endpoint's port, or -1 when it is off. */
  public int statusPort() {
    return status == null ? -1 : status.port();
  }

  /**
   * Graceful stop: the loop finishes and commits its in-flight batches (or abandons them after
   * {@code shutdown.timeout.ms}), leaves the group, and the model is released. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    loop.stop();
    try {
      if (!loop.awaitStopped(settings.shutdownTimeout().plusSeconds(30))) {
        log.warn("the poll loop did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Resources.closeInReverse(resources);
    log.info("worker {} stopped", settings.workerId());
  }
}
