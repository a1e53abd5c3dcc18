package dev.smallfirst.runtime.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Kafka cluster answers now, for readiness. A consumer or producer cut off from its
 * broker keeps retrying without telling anyone (polls return nothing, sends wait), so during an
 * outage a deployable's {@code /ready} would stay 200 while it does no work. This asks the cluster
 * for its id every {@link #INTERVAL} on its own admin client and daemon thread; once no answer has
 * come for {@link #OUTAGE_AFTER}, {@link #outage()} says so, and the deployable's readiness turns
 * red until the broker answers again. It never stops or restarts anything: the clients reconnect by
 * themselves. Exports {@code smallfirst_broker_reachable} (1 or 0). Thread-safe.
 *
 * <pre>{@code
 * BrokerWatch broker = BrokerWatch.start("worker", adminConfig, registry);
 * status.readiness(() -> broker.outage().map(why -> new Probe(false, why)).orElse(ready()));
 * }</pre>
 */
public final class BrokerWatch implements AutoCloseable {
  /** How often the cluster is asked. */
  public static final Duration INTERVAL = Duration.ofSeconds(2);

  /** How long without an answer makes an outage. */
  public static final Duration OUTAGE_AFTER = Duration.ofSeconds(6);

  private static final Logger log = LoggerFactory.getLogger(BrokerWatch.class);

  /** One question to the cluster; true when it answered. */
  @FunctionalInterface
  public interface Check {
    boolean answers() throws InterruptedException;
  }

  private final String name;
  private final Check check;
  private final LongSupplier nanos;
  private final Runnable onClose;
  private volatile long lastAnswer;
  private volatile boolean down;

  /**
   * A watch that asks {@code check} each time {@link #tick()} runs; for tests and for {@link
   * #start}. The cluster counts as having answered at construction (the deployable's start check
   * has just reached it).
   */
  BrokerWatch(String name, Check check, LongSupplier nanos, Runnable onClose) {
    this.name = name;
    this.check = check;
    this.nanos = nanos;
    this.onClose = onClose;
    this.lastAnswer = nanos.getAsLong();
  }

  /**
   * Starts watching the cluster at {@code clientConfig}'s {@code bootstrap.servers} and registers
   * the gauge in {@code meters}.
   *
   * @param name names the deployable in log lines
   * @param clientConfig {@code bootstrap.servers} and whatever security settings an admin client
   *     needs
   */
  public static BrokerWatch start(String name, Map<String, ?> clientConfig, MeterRegistry meters) {
    int timeoutMs = (int) INTERVAL.toMillis();
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, name + "-broker-watch");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    Admin admin = Admin.create(config);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name + "-broker-watch");
              t.setDaemon(true);
              return t;
            });
    Check ask =
        () -> {
          try {
            admin
                .describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
                .clusterId()
                .get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
            return true;
          } catch (ExecutionException | TimeoutException e) {
            return false;
          }
        };
    BrokerWatch watch =
        new BrokerWatch(
            name,
            ask,
            System::nanoTime,
            () -> {
              timer.shutdownNow();
              admin.close(Duration.ZERO);
            });
    Gauge.builder("smallfirst_broker_reachable", watch, w -> w.outage().isEmpty() ? 1 : 0)
        .description("1 while the Kafka cluster answers, 0 during an outage")
        .register(meters);
    timer.scheduleWithFixedDelay(
        watch::tickLogging, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return watch;
  }

  private void tickLogging() {
    try {
      tick();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("{}: asking the Kafka cluster failed: {}", name, e.toString());
    }
  }

  /** Asks the cluster once; logs when an outage begins and ends. */
  void tick() throws InterruptedException {
    if (check.answers()) {
      lastAnswer = nanos.getAsLong();
      if (down) {
        down = false;
        log.info("{}: the Kafka cluster answers again", name);
      }
    } else if (!down && silence().compareTo(OUTAGE_AFTER) >= 0) {
      down = true;
      log.warn(
          "{}: the Kafka cluster has not answered for {} s; not ready until it does (the clients"
              + " keep reconnecting)",
          name,
          silence().toSeconds());
    }
  }

  private Duration silence() {
    return Duration.ofNanos(nanos.getAsLong() - lastAnswer);
  }

  /** Why the deployable cannot be ready now, when the cluster has not answered for long enough. */
  public Optional<String> outage() {
    Duration silent = silence();
    return silent.compareTo(OUTAGE_AFTER) >= 0
        ? Optional.of("Kafka broker unreachable for " + silent.toSeconds() + " s: reconnecting")
        : Optional.empty();
  }

  @Override
  public void close() {
    onClose.run();
  }
}
