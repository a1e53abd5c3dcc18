package dev.smallfirst.runtime.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Checks at start that a Kafka broker answers at {@code bootstrap.servers}, so a wrong address or a
 * broker that is down fails within {@value #TIMEOUT_KEY} (30 s by default), naming the key, instead
 * of hanging in the first admin call or poll. Stateless.
 *
 * <pre>{@code
 * KafkaCheck.requireReachable(Map.of("bootstrap.servers", s.bootstrapServers()), s.brokerCheck());
 * }</pre>
 */
public final class KafkaCheck {
  /** The setting that bounds the check. */
  public static final String TIMEOUT_KEY = "broker.check.timeout.ms";

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

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
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(ms))
          .clusterId()
          .get(ms + 5_000L, TimeUnit.MILLISECONDS);
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
