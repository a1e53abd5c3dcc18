package dev.smallfirst.topology;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.KafkaCheck;
import dev.smallfirst.runtime.config.RegistryCheck;
import dev.smallfirst.runtime.http.StatusServer;
import dev.smallfirst.runtime.kafka.BrokerWatch;
import dev.smallfirst.runtime.kafka.TopicSetup;
import dev.smallfirst.runtime.metrics.JvmMetrics;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.topology.kafka.ExactlyOnceStreams;
import dev.smallfirst.topology.kafka.Names;
import dev.smallfirst.topology.kafka.ReplaceThenShutdownHandler;
import dev.smallfirst.topology.kafka.StreamsProbes;
import dev.smallfirst.topology.kafka.TopicLayout;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import dev.smallfirst.topology.kafka.TopologySerdes;
import dev.smallfirst.topology.routing.InvalidPolicyException;
import dev.smallfirst.topology.routing.ModelPolicy;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.PolicyParser;
import dev.smallfirst.topology.status.MessageRoute;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running topology deployable: checks and creates topics, starts Kafka Streams with
 * exactly-once processing and all four error handlers, and serves status and metrics.
 *
 * <pre>{@code
 * try (TopologyApp app = TopologyApp.start(TopologySettings.from(config))) { app.awaitTermination(); }
 * }</pre>
 */
public final class TopologyApp implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopologyApp.class);

  private final KafkaStreams streams;
  private final SchemaRegistryClient registry;
  private final StatusServer status;
  private final CountDownLatch terminated;
  private final CountDownLatch running;
  private final ReplaceThenShutdownHandler threads;
  private final BrokerWatch broker;

  private TopologyApp(
      KafkaStreams streams,
      SchemaRegistryClient registry,
      StatusServer status,
      CountDownLatch terminated,
      CountDownLatch running,
      ReplaceThenShutdownHandler threads,
      BrokerWatch broker) {
    this.streams = streams;
    this.broker = broker;
    this.threads = threads;
    this.running = running;
    this.registry = registry;
    this.status = status;
    this.terminated = terminated;
  }

  /** Validates the layout, starts Streams and the status endpoint; fails fast on bad settings. */
  public static TopologyApp start(TopologySettings s) throws IOException {
    PolicyDocument policy = initialPolicy(s);
    Map<String, Object> adminConfig =
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    KafkaCheck.requireReachable(adminConfig, s.brokerCheckTimeout());
    RegistryCheck.requireReachable(RegistrySettings.fromConfig(s.registryConfig()));
    try (Admin admin = Admin.create(adminConfig)) {
      TopicLayout.ensureTopics(admin, s.topics(), s.partitions(), s.replicationFactor());
      TopicLayout.requireEqualPartitions(admin, SupportTopology.coPartitionedTopics(s.topics()));
    }
    SchemaRegistryClient registry =
        SchemaRegistryClient.create(RegistrySettings.fromConfig(s.registryConfig()));
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TopologyMetrics metrics = new TopologyMetrics(prometheus);
    MessageRoute messages = new MessageRoute();
    StatusServer status =
        s.httpPort() >= 0
            ? StatusServer.start(
                s.httpHost(), s.httpPort(), prometheus, Map.of(MessageRoute.PATH, messages))
            : null;
    KafkaStreams streams =
        new KafkaStreams(
            SupportTopology.build(
                s, TopologySerdes.of(registry), metrics, policy, Clock.systemUTC()),
            streamsProperties(s, status));
    ReplaceThenShutdownHandler threads = new ReplaceThenShutdownHandler(3, Duration.ofMinutes(1));
    streams.setUncaughtExceptionHandler(threads);
    new KafkaStreamsMetrics(streams).bindTo(prometheus);
    JvmMetrics.bindTo(prometheus);
    Gauge.builder("smallfirst_topology_inflight", streams, TopologyApp::inflight)
        .register(prometheus);
    BrokerWatch broker = BrokerWatch.start(s.applicationId(), adminConfig, prometheus);
    if (status != null) {
      status.health(() -> StreamsProbes.health(streams));
      status.readiness(() -> StreamsProbes.readiness(streams, threads, broker));
      messages.attach(streams, new HostInfo(s.advertisedHost(), status.port()));
    }
    CountDownLatch terminated = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener(
        (now, before) -> {
          log.info("streams state {} -> {}", before, now);
          if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
          }
          if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            terminated.countDown();
            running.countDown();
          }
        });
    streams.start();
    log.info(
        "topology {} started: policy version {}, {} partitions per topic",
        s.applicationId(),
        policy.version(),
        s.partitions());
    return new TopologyApp(streams, registry, status, terminated, running, threads, broker);
  }

  static Properties streamsProperties(TopologySettings s, StatusServer status) {
    Properties p =
        ExactlyOnceStreams.properties(
            s.applicationId(), s.bootstrapServers(), s.stateDir(), s.topics().deadLetters());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.streamThreads());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, s.commitInterval().toMillis());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) s.replicationFactor());
    p.put(
        StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
        TopicSetup.minInsyncReplicas(s.replicationFactor()));
    // The policy updater runs on the global thread: its failures are dead-lettered too.
    p.put("processing.exception.handler.global.enabled", true);
    p.putAll(s.registryConfig());
    if (status != null) {
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s.advertisedHost() + ":" + status.port());
    }
    p.putAll(s.kafkaOverrides());
    return p;
  }

  /**
   * {@code policy.file} when set, else the policy generated from the manifests in {@code
   * policy.models}; with neither the topology refuses to start: it has no confidence minimums of
   * its own.
   */
  static PolicyDocument initialPolicy(TopologySettings s) throws IOException {
    if (s.policyFile().isPresent()) {
      Path file = s.policyFile().get();
      try {
        return PolicyParser.parse(Files.readString(file));
      } catch (InvalidPolicyException e) {
        throw new ConfigException(
            "policy.file", file + " is not a valid policy: " + e.getMessage());
      }
    }
    Path models =
        s.policyModels()
            .orElseThrow(
                () ->
                    new ConfigException(
                        "policy.models",
                        "set policy.models (the deployed models' directory, whose manifests'"
                            + " thresholds become the routing policy) or policy.file"));
    try {
      return ModelPolicy.policy(models);
    } catch (InvalidPolicyException e) {
      throw new ConfigException("policy.models", e.getMessage());
    }
  }

  /**
   * Messages in flight on this instance, counted exactly: RocksDB's {@code approximateNumEntries}
   * once read 2,826 with nothing in flight. The store holds the messages being answered now (a few
   * thousand at most), so a scrape can afford to count them.
   */
  private static double inflight(KafkaStreams streams) {
    try (KeyValueIterator<Object, Object> all =
        streams
            .store(
                StoreQueryParameters.fromNameAndType(
                    Names.INFLIGHT_STORE, QueryableStoreTypes.keyValueStore()))
            .all()) {
      long n = 0;
      while (all.hasNext()) {
        all.next();
        n++;
      }
      return n;
    } catch (InvalidStateStoreException notQueryableNow) {
      return Double.NaN;
    }
  }

  /**
   * Waits until Streams first reaches {@code RUNNING} (its tasks assigned and restored).
   *
   * @return whether it ran and still does; false when it stopped or failed first, or {@code
   *     timeout} passed
   */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
        && streams.state().isRunningOrRebalancing();
  }

  /** Blocks until Streams has stopped (closed, or failed); returns its final state. */
  public KafkaStreams.State awaitTermination() throws InterruptedException {
    terminated.await();
    return streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  /** The status endpoint's port, or -1 when it is off. */
  public int statusPort() {
    return status == null ? -1 : status.port();
  }

  @Override
  public void close() {
    if (status != null) {
      status.close();
    }
    threads.stop();
    streams.close(Duration.ofSeconds(30));
    broker.close();
    registry.close();
  }
}
