package dev.smallfirst.loadtest.cli;

import dev.smallfirst.loadtest.ArrivalSchedule;
import dev.smallfirst.loadtest.StepLoad;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated command line of {@code ./smallfirst loadtest}, as {@link LoadTestCommand#options()}
 * makes it: every value in range and fitting the mode. Immutable.
 *
 * @param bootstrapServers Kafka, {@code HOST:PORT[,HOST:PORT...]}
 * @param registryUrl the schema registry's base URL
 * @param topics topic names with the cluster's prefix
 * @param messages messages to send (single run)
 * @param rate offered messages per second (single run)
 * @param arrivals fixed or Poisson inter-arrival times
 * @param seed seed of the ticket generator and the Poisson arrivals
 * @param tenant the tenant every message belongs to
 * @param drainTimeout how long to wait for the last replies after the last send
 * @param step step mode's rates, or empty for a single run
 * @param stepSeconds how long each step sends for
 * @param sloP99Millis step mode's SLO on the small-only route's p99
 * @param reportJson where to write the JSON report
 * @param reportDir where to write the HTML report (and a copy of the JSON)
 * @param registryConfig properties file with further registry client settings (authentication, TLS,
 *     timeouts)
 */
public record LoadTestOptions(
    String bootstrapServers,
    String registryUrl,
    TopicNames topics,
    int messages,
    double rate,
    Arrivals arrivals,
    long seed,
    String tenant,
    Duration drainTimeout,
    Optional<Steps> step,
    int stepSeconds,
    double sloP99Millis,
    Optional<Path> reportJson,
    Optional<Path> reportDir,
    Optional<Path> registryConfig) {

  /** How messages arrive. */
  public enum Arrivals {
    FIXED,
    POISSON
  }

  /**
   * Step mode's rates: {@code start}, times {@code factor} each step, up to {@code max}.
   *
   * @param start first rate, messages per second
   * @param factor growth per step, above 1
   * @param max highest rate
   */
  public record Steps(double start, double factor, double max) {
    /** The rates, in order. */
    public List<Double> rates() {
      return StepLoad.geometric(start, factor, max);
    }
  }

  /** The arrival schedule of a run at {@code ratePerSecond}. */
  public ArrivalSchedule schedule(double ratePerSecond) {
    return arrivals == Arrivals.FIXED
        ? ArrivalSchedule.fixed(ratePerSecond)
        : ArrivalSchedule.poisson(ratePerSecond, seed);
  }

  /**
   * The registry client's settings: {@code --registry-config} and {@code SMALLFIRST_*} variables of
   * {@code env} (e.g. {@code SMALLFIRST_BASIC_AUTH_USER_INFO}), with {@code --registry-url} on top.
   *
   * @throws ConfigException naming the bad setting
   */
  public RegistrySettings registrySettings(Map<String, String> env) {
    ConfigSource config =
        ConfigSource.load(registryConfig, env)
            .with(Map.of(RegistrySettings.URL_CONFIG, registryUrl));
    try {
      return RegistrySettings.fromConfig(new HashMap<>(config.asMap()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          registryConfig.isPresent() ? LoadTestCommand.REGISTRY_CONFIG : "registry settings",
          e.getMessage());
    }
  }
}
