package dev.smallfirst.topology.kafka;

import dev.smallfirst.runtime.http.StatusServer.Probe;
import dev.smallfirst.runtime.kafka.BrokerWatch;
import dev.smallfirst.runtime.kafka.KafkaThreads;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * What the topology's {@code /health} and {@code /ready} answer, from the Streams client: dead (503
 * on {@code /health}) when the client failed or stopped, when no stream thread lives, or when a
 * stream thread's producer lost its I/O thread (the silent stall of issue 16: sends accepted,
 * nothing written); ready only when {@code RUNNING} with active tasks assigned and the broker
 * answering. Stateless.
 */
public final class StreamsProbes {
  private static final Set<KafkaStreams.State> DEAD =
      EnumSet.of(
          KafkaStreams.State.ERROR,
          KafkaStreams.State.PENDING_ERROR,
          KafkaStreams.State.NOT_RUNNING,
          KafkaStreams.State.PENDING_SHUTDOWN);

  private StreamsProbes() {}

  /** Liveness: 503 tells the supervisor to restart the process. */
  public static Probe health(KafkaStreams streams) {
    KafkaStreams.State state = streams.state();
    if (DEAD.contains(state)) {
      return new Probe(false, "dead: streams " + state);
    }
    if (state == KafkaStreams.State.CREATED) {
      return new Probe(true, "ok: starting");
    }
    Set<ThreadMetadata> threads = streams.metadataForLocalThreads();
    if (threads.isEmpty()) {
      return new Probe(false, "dead: no stream thread lives");
    }
    List<String> producers = new ArrayList<>();
    threads.forEach(t -> producers.addAll(t.producerClientIds()));
    return KafkaThreads.health(false, state.name(), producers);
  }

  /**
   * Readiness: {@code RUNNING} with partitions to work on, and no broker or registry outage now.
   */
  public static Probe readiness(
      KafkaStreams streams, ReplaceThenShutdownHandler threads, BrokerWatch broker) {
    KafkaStreams.State state = streams.state();
    Optional<String> brokerOutage = broker.outage();
    if (brokerOutage.isPresent()) {
      return new Probe(false, state.name() + ", " + brokerOutage.get());
    }
    if (threads.inOutage()) {
      return new Probe(false, state.name() + ", schema registry unavailable: retrying");
    }
    if (state != KafkaStreams.State.RUNNING) {
      return new Probe(false, state.name());
    }
    boolean assigned =
        streams.metadataForLocalThreads().stream().anyMatch(t -> !t.activeTasks().isEmpty());
    return assigned
        ? new Probe(true, "RUNNING")
        : new Probe(false, "RUNNING, no partitions assigned");
  }
}
