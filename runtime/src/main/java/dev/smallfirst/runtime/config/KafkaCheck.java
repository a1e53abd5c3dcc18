package dev.smallfirst.runtime.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that a Kafka broker answers at {@code bootstrap.servers}, so a wrong address or a
 * broker that is down fails within {@value #TIMEOUT_KEY} (30 s by default), naming the key, instead
 * of hanging in the first admin call or poll. It then warns of two cluster layouts that can lose a
 * transaction's markers when a broker restarts: a one-broker cluster whose broker shuts down
 * controlled ({@link #oneBrokerAdvice}), and a cluster whose only KRaft controller is also a broker
 * ({@link #soleControllerAdvice}). Stateless.
 *
 * <pre>{@code
 * KafkaCheck.requireReachable(Map.of("bootstrap.servers", s.bootstrapServers()), s.brokerCheck());
 * }</pre>
 */
public final class KafkaCheck {
  /** The setting that bounds the check. */
  public static final String TIMEOUT_KEY = "broker.check.timeout.ms";

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The broker setting that, on by default, loses a commit's markers on a one-broker cluster. */
  static final String CONTROLLED_SHUTDOWN = "controlled.shutdown.enable";

  private static final Logger log = LoggerFactory.getLogger(KafkaCheck.class);

  private KafkaCheck() {}

  /** Reads {@value #TIMEOUT_KEY}: 30 s by default, 100 ms to 10 min. */
  public static Duration timeout(ConfigSource c) {
    return c.millis(TIMEOUT_KEY, DEFAULT_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(10));
  }

  /**
   * Asks the cluster for its id ({@code describeCluster}) within {@code timeout}, then logs the
   * warnings that apply to its layout.
   *
   * @param clientConfig {@code bootstrap.servers} and any security settings an admin client needs
   * @return the warnings logged, empty when none applies or the cluster would not say
   * @throws ConfigException naming {@code bootstrap.servers} when no broker answers in time
   */
  public static List<String> requireReachable(Map<String, ?> clientConfig, Duration timeout) {
    Object servers = clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
    Admin admin;
    try {
      admin = Admin.create(config);
    } catch (KafkaException e) {
      throw unreachable(servers, timeout, e); // e.g. no resolvable bootstrap address
    }
    try {
      DescribeClusterResult cluster =
          admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms));
      await(cluster.clusterId(), ms);
      List<String> advice = advise(admin, cluster, ms);
      advice.forEach(log::warn);
      return advice;
    } catch (ExecutionException e) {
      throw unreachable(servers, timeout, e.getCause());
    } catch (TimeoutException e) {
      throw unreachable(servers, timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(servers, timeout, e);
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  /** The warnings that apply; a cluster that will not say (e.g. no authorisation) is let be. */
  private static List<String> advise(Admin admin, DescribeClusterResult cluster, int ms)
      throws InterruptedException {
    List<String> advice = new ArrayList<>();
    Collection<Node> nodes;
    try {
      nodes = await(cluster.nodes(), ms);
    } catch (ExecutionException | TimeoutException e) {
      log.debug("could not list the brokers: {}", e.toString());
      return advice;
    }
    if (nodes.size() == 1) {
      controlledShutdown(admin, nodes.iterator().next(), ms)
          .flatMap(value -> oneBrokerAdvice(nodes.size(), value))
          .ifPresent(advice::add);
    }
    Set<Integer> brokers = nodes.stream().map(Node::id).collect(Collectors.toSet());
    voters(admin, ms)
        .flatMap(voters -> soleControllerAdvice(brokers, voters))
        .ifPresent(advice::add);
    return advice;
  }

  private static Optional<String> controlledShutdown(Admin admin, Node node, int ms)
      throws InterruptedException {
    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, node.idString());
    try {
      Config config =
          await(
                  admin
                      .describeConfigs(List.of(broker), new DescribeConfigsOptions().timeoutMs(ms))
                      .all(),
                  ms)
              .get(broker);
      ConfigEntry entry = config == null ? null : config.get(CONTROLLED_SHUTDOWN);
      return Optional.ofNullable(entry).map(ConfigEntry::value);
    } catch (ExecutionException | TimeoutException e) {
      log.debug("could not read the broker's {}: {}", CONTROLLED_SHUTDOWN, e.toString());
      return Optional.empty();
    }
  }

  /**
   * Waits for an admin call that carries its own {@code ms} timeout, with 5 s of slack so that the
   * call's own timeout, not this wait, ends it.
   */
  private static <T> T await(KafkaFuture<T> call, int ms)
      throws ExecutionException, TimeoutException, InterruptedException {
    return call.get(ms + 5_000L, TimeUnit.MILLISECONDS);
  }

  /** The node ids of the KRaft controller quorum's voters, when the cluster says. */
  private static Optional<Set<Integer>> voters(Admin admin, int ms) throws InterruptedException {
    try {
      QuorumInfo quorum =
          await(
              admin
                  .describeMetadataQuorum(new DescribeMetadataQuorumOptions().timeoutMs(ms))
                  .quorumInfo(),
              ms);
      return Optional.of(
          quorum.voters().stream()
              .map(QuorumInfo.ReplicaState::replicaId)
              .collect(Collectors.toSet()));
    } catch (ExecutionException | TimeoutException e) {
      log.debug("could not describe the controller quorum: {}", e.toString());
      return Optional.empty();
    }
  }

  /**
   * A warning when the controller quorum has one voter and that node is also a broker (KRaft
   * combined mode). When such a node restarts, its controller replays the node's own broker
   * registration as still live, so the group and transaction coordinators load on the leadership it
   * held before and run while no client is served; once the old registration expires ({@code
   * broker.session.timeout.ms}, 9 s by default) the node gives every leadership up while those
   * coordinators hold state. Consumer-group members expire unseen, and a commit in flight can lose
   * its markers (seen with Kafka 4.3.1: results written twice). A controller of its own fences the
   * stopped broker instead, and the restarted broker takes leadership once.
   */
  static Optional<String> soleControllerAdvice(Set<Integer> brokers, Set<Integer> voters) {
    if (voters.size() != 1 || !brokers.containsAll(voters)) {
      return Optional.empty();
    }
    return Optional.of(
        "the cluster's only KRaft controller, node "
            + voters.iterator().next()
            + ", is also a broker: when that node restarts, its coordinators run on its old"
            + " leadership until its old registration expires and then give every leadership up,"
            + " so group members expire unseen and a commit in flight can lose its transaction"
            + " markers (results written twice). Fine for a dev stack; in production run the"
            + " controllers as nodes of their own (README, \"Deploying on Kubernetes\", step 4)");
  }

  /**
   * A warning when {@code brokers} is 1 and its {@value #CONTROLLED_SHUTDOWN} is on (Kafka's
   * default). A controlled shutdown of the only broker leaves its partitions without a leader while
   * its transaction coordinator still runs, and Kafka (4.3.1) then skips the markers of a commit in
   * flight as if its partitions were deleted: the transaction's results and its consumed offsets
   * are later decided apart, so results come out twice or are lost.
   */
  static Optional<String> oneBrokerAdvice(int brokers, String controlledShutdown) {
    if (brokers != 1 || !"true".equalsIgnoreCase(controlledShutdown)) {
      return Optional.empty();
    }
    return Optional.of(
        "the cluster has one broker, and its "
            + CONTROLLED_SHUTDOWN
            + " is true: a restart of that broker during a commit can lose the commit's"
            + " transaction markers, so results come out twice or are lost. Set "
            + CONTROLLED_SHUTDOWN
            + "=false on a one-broker cluster, or run three brokers (README, \"Deploying on"
            + " Kubernetes\", step 4)");
  }

  private static ConfigException unreachable(Object servers, Duration timeout, Throwable cause) {
    return new ConfigException(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        "no Kafka broker answers at "
            + servers
            + " within "
            + timeout.toMillis()
            + " ms ("
            + cause
            + "); check the address and that the broker runs ("
            + TIMEOUT_KEY
            + " sets how long to wait)");
  }
}
