package dev.smallfirst.stack.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka node in KRaft mode, running in this JVM and bound to 127.0.0.1 only: either a
 * combined node (broker and controller in one, {@link #start}: the dev stack), or a broker and a
 * controller of their own ({@link #startController}, {@link #startBroker}: outage tests, where only
 * the broker stops, as with the dedicated controllers of a production cluster). Internal topics use
 * replication factor 1, so it suits a single-broker dev stack and tests, not production. {@link
 * #close()} is idempotent.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
  private static final int CONTROLLER_ID = 2;
  private static final int BROKER_SESSION_TIMEOUT_MS = 3000;
  private static final int BROKER_HEARTBEAT_MS = 1000;

  private final KafkaRaftServer server;
  private final int port;
  private boolean closed;

  private KafkaBroker(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Formats {@code dataDir} unless it holds a formatted log already (a restart keeps its cluster id
   * and its data), starts the broker and waits until it answers an admin request.
   */
  public static KafkaBroker start(Path dataDir, int port, int controllerPort, Duration timeout)
      throws IOException {
    Properties props = brokerProperties(dataDir, port, controllerPort);
    format(dataDir, props, Uuid.randomUuid().toString(), true);
    return started(props, port, timeout);
  }

  private static KafkaBroker started(Properties props, int port, Duration timeout)
      throws IOException {
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    KafkaBroker broker = new KafkaBroker(server, port);
    try {
      server.startup();
      broker.awaitReady(timeout);
    } catch (RuntimeException | IOException e) {
      broker.close();
      throw e;
    }
    log.info("Kafka broker ready on {}", broker.bootstrapServers());
    return broker;
  }

  /**
   * Starts a controller-only node (node id {@value #CONTROLLER_ID}) of a cluster whose only broker
   * {@link #startBroker} starts, formatting {@code dataDir} with {@code clusterId} unless it is
   * formatted already. It fences the broker {@value #BROKER_SESSION_TIMEOUT_MS} ms after its last
   * heartbeat: a broker that was down longer registers again at once when it restarts, and becomes
   * leader of its partitions only then. (A combined node restarted replays its own registration as
   * still live, runs its group and transaction coordinators on that stale leadership until the old
   * registration expires, 9 s by default, and then drops every leadership while they still hold
   * state: the member sessions expire unseen, and a commit in flight can lose its markers.)
   */
  public static KafkaBroker startController(Path dataDir, int controllerPort, String clusterId)
      throws IOException {
    Properties props = new Properties();
    props.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "controller"),
            Map.entry("node.id", String.valueOf(CONTROLLER_ID)),
            Map.entry("listeners", "CONTROLLER://127.0.0.1:" + controllerPort),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("controller.quorum.voters", voters(controllerPort)),
            Map.entry("log.dirs", dataDir.resolve("logs").toString()),
            Map.entry("broker.session.timeout.ms", String.valueOf(BROKER_SESSION_TIMEOUT_MS)),
            // validated against the session timeout here, used by the broker
            Map.entry("broker.heartbeat.interval.ms", String.valueOf(BROKER_HEARTBEAT_MS)),
            Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024))));
    format(dataDir, props, clusterId, false);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    KafkaBroker controller = new KafkaBroker(server, controllerPort);
    try {
      server.startup();
    } catch (RuntimeException e) {
      controller.close();
      throw e;
    }
    log.info("Kafka controller running on 127.0.0.1:{}", controllerPort);
    return controller;
  }

  /**
   * Starts a broker-only node of the cluster whose controller {@link #startController} runs on
   * {@code controllerPort}, with the same settings as the combined node otherwise, and waits until
   * it answers an admin request. Formats {@code dataDir} with {@code clusterId} unless it is
   * formatted already (a restart keeps its data).
   */
  public static KafkaBroker startBroker(
      Path dataDir, int port, int controllerPort, String clusterId, Duration timeout)
      throws IOException {
    Properties props = brokerProperties(dataDir, port, controllerPort);
    props.remove("controller.quorum.bootstrap.servers");
    props.setProperty("process.roles", "broker");
    props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port);
    props.setProperty("controller.quorum.voters", voters(controllerPort));
    props.setProperty("broker.heartbeat.interval.ms", String.valueOf(BROKER_HEARTBEAT_MS));
    format(dataDir, props, clusterId, false);
    return started(props, port, timeout);
  }

  private static String voters(int controllerPort) {
    return CONTROLLER_ID + "@127.0.0.1:" + controllerPort;
  }

  static Properties brokerProperties(Path dataDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort),
            Map.entry("log.dirs", dataDir.resolve("logs").toString()),
            // Applications create their topics; a typo must fail, not create a topic.
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "4"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "4"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // No controlled shutdown: on one broker it leaves every partition without a leader
            // while the transaction coordinator still runs, and Kafka 4.3.1's coordinator then
            // takes the partitions of a commit in flight for deleted, skips their markers and logs
            // the commit complete ("Couldn't find leader endpoint ... likely deleted"). The
            // records of that transaction hang open and a later transaction's marker decides
            // them, apart from its offsets: 4 of 12 FrontierBrokerOutageIT runs committed results
            // twice. A plain shutdown leaves the commit prepared, and the restarted coordinator
            // writes the markers. deploy/images/test/kafka/start runs the same broker in a
            // container (KafkaBrokerTest keeps the two alike).
            Map.entry("controlled.shutdown.enable", "false"),
            Map.entry("num.network.threads", "2"),
            Map.entry("num.io.threads", "4"),
            Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024))));
    return p;
  }

  private static void format(Path dataDir, Properties props, String clusterId, boolean standalone)
      throws IOException {
    Files.createDirectories(dataDir);
    if (Files.isRegularFile(dataDir.resolve("logs").resolve("meta.properties"))) {
      log.info("Kafka storage in {} is formatted already; keeping its data", dataDir);
      return;
    }
    Path config = dataDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      props.store(out, "smallfirst local stack: single-node KRaft broker");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int exit;
    try (PrintStream printer = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      exit =
          StorageTool.execute(
              standalone
                  ? new String[] {
                    "format",
                    "--config",
                    config.toString(),
                    "--cluster-id",
                    clusterId,
                    "--standalone",
                    "--ignore-formatted"
                  }
                  : new String[] {
                    "format",
                    "--config",
                    config.toString(),
                    "--cluster-id",
                    clusterId,
                    "--ignore-formatted"
                  },
              printer);
    }
    if (exit != 0) {
      throw new IOException(
          "formatting Kafka storage in " + dataDir + " failed (" + exit + "): " + output);
    }
  }

  private void awaitReady(Duration timeout) throws IOException {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) timeout.toMillis());
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(
          "Kafka broker not ready at " + bootstrapServers() + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the Kafka broker", e);
    }
  }

  /** {@code 127.0.0.1:port}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
  }
}
