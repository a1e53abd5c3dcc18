package dev.smallfirst.stack;

import dev.smallfirst.stack.internal.FreePorts;
import dev.smallfirst.stack.internal.KafkaBroker;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka cluster of its own (KRaft, in this JVM, 127.0.0.1): one broker that can be stopped and
 * started again on the same port and log folder, for tests of a broker outage, and a controller of
 * its own that keeps running through it, as the dedicated controllers of a production cluster do.
 * Clients configured with {@link #bootstrapServers()} before the outage reach the broker again
 * after {@link #restart()}. The controller fences the stopped broker after 3 s, so a broker down
 * longer than that comes back as a new registration and takes its partitions' leadership only then
 * (a restarted combined node did not: see {@code KafkaBroker.startController}). Not thread-safe;
 * {@link #close()} is idempotent.
 *
 * <pre>{@code
 * try (OutageBroker broker = OutageBroker.start(dir)) {
 *   broker.stop();    // the outage
 *   broker.restart(); // same port, same data
 * }
 * }</pre>
 */
public final class OutageBroker implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final String clusterId = Uuid.randomUuid().toString();
  private KafkaBroker controller;
  private KafkaBroker running;

  private OutageBroker(Path dataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Formats {@code dataDir} and starts the controller and the broker on two free ports. */
  public static OutageBroker start(Path dataDir) throws IOException {
    OutageBroker broker = new OutageBroker(dataDir, FreePorts.orFree(0), FreePorts.orFree(0));
    try {
      broker.controller =
          KafkaBroker.startController(
              dataDir.resolve("controller"), broker.controllerPort, broker.clusterId);
      broker.restart();
    } catch (IOException | RuntimeException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /** {@code 127.0.0.1:port}, the same across restarts. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Whether the broker runs now. */
  public boolean isRunning() {
    return running != null;
  }

  /** Shuts the broker down (not a controlled shutdown: see {@code KafkaBroker}); its data stays. */
  public void stop() {
    if (running != null) {
      running.close();
      running = null;
    }
  }

  /** Starts the broker again on the same ports and data, once it answers an admin request. */
  public void restart() throws IOException {
    if (running == null) {
      running =
          KafkaBroker.startBroker(
              dataDir.resolve("broker"), port, controllerPort, clusterId, START_TIMEOUT);
    }
  }

  /** How many records {@code topic} holds (its end offsets summed, committed or not). */
  public long records(String topic) throws ExecutionException, InterruptedException {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      Map<TopicPartition, OffsetSpec> latest =
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get()
              .get(topic)
              .partitions()
              .stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
          .sum();
    }
  }

  @Override
  public void close() {
    stop();
    if (controller != null) {
      controller.close();
      controller = null;
    }
  }
}
