package dev.smallfirst.runtime.config;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start that a Kafka broker answers at {@code bootstrap.servers}, so a wrong address or a
 * broker that is down fails within {@value #TIMEOUT_KEY} (30 s by default), naming the key, instead
 * of hanging in the first admin call or poll. On a one-broker cluster it also reads the broker's
 * {@value #CONTROLLED_SHUTDOWN} and warns when it is on (see {@link #oneBrokerAdvice}). Stateless.
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
   * Asks the cluster for its id ({@code describeCluster}) within {@code timeout}.
   *
   * @param clientConfig {@code bootstrap.servers} and any security settings an admin client needs
   * @throws ConfigException naming {@code bootstrap.servers} when no broker answers in time
   */
  public static void requireReachable(Map<String, ?> clientConfig, Duration timeout) {
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
      cluster.clusterId().get(ms + 5_000L, TimeUnit.MILLISECONDS);
      advise(admin, cluster, ms);
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

  /** Logs {@link #oneBrokerAdvice} when it applies; a broker that will not say is let be. */
  private static void advise(Admin admin, DescribeClusterResult cluster, int ms)
      throws InterruptedException {
    try {
      Collection<Node> nodes = cluster.nodes().get(ms + 5_000L, TimeUnit.MILLISECONDS);
      if (nodes.size() != 1) {
        return;
      }
      ConfigResource broker =
          new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
      Config config =
          admin
              .describeConfigs(List.of(broker), new DescribeConfigsOptions().timeoutMs(ms))
              .all()
              .get(ms + 5_000L, TimeUnit.MILLISECONDS)
              .get(broker);
      ConfigEntry entry = config == null ? null : config.get(CONTROLLED_SHUTDOWN);
      oneBrokerAdvice(nodes.size(), entry == null ? null : entry.value()).ifPresent(log::warn);
    } catch (ExecutionException | TimeoutException e) {
      // advice only: e.g. not authorised to describe the broker's configuration
      log.debug("could not read the broker's {}: {}", CONTROLLED_SHUTDOWN, e.toString());
    }
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
