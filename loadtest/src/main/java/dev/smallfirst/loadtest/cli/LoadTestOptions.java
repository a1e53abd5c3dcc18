package dev.smallfirst.loadtest.cli;

import dev.smallfirst.loadtest.run.StepLoad;
import dev.smallfirst.loadtest.schedule.ArrivalSchedule;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.topics.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated command line of {@code ./smallfirst loadtest}. {@link #parse} fails with a {@link
 * ConfigException} whose key is the offending option (unknown option, missing or repeated value,
 * not a number, out of range, option that does not fit the mode).
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

  static final String BOOTSTRAP = "--bootstrap-servers";
  static final String REGISTRY = "--registry-url";
  static final String PREFIX = "--topic-prefix";
  static final String MESSAGES = "--messages";
  static final String RATE = "--rate";
  static final String ARRIVALS = "--arrivals";
  static final String SEED = "--seed";
  static final String TENANT = "--tenant";
  static final String DRAIN = "--drain-timeout-s";
  static final String STEP = "--step";
  static final String STEP_SECONDS = "--step-seconds";
  static final String SLO = "--slo-p99-ms";
  static final String REPORT_JSON = "--report-json";
  static final String REPORT_DIR = "--report-dir";
  static final String REGISTRY_CONFIG = "--registry-config";

  private static final Set<String> OPTIONS =
      Set.of(
          BOOTSTRAP,
          REGISTRY,
          PREFIX,
          MESSAGES,
          RATE,
          ARRIVALS,
          SEED,
          TENANT,
          DRAIN,
          STEP,
          STEP_SECONDS,
          SLO,
          REPORT_JSON,
          REPORT_DIR,
          REGISTRY_CONFIG);

  /** The usage text. */
  public static final String USAGE =
      """
      usage: smallfirst loadtest --bootstrap-servers HOST:PORT --registry-url URL [options]
        --topic-prefix P        prefix of the cluster's topic names (default none)
        --messages N            messages to send (default 2000)
        --rate R                offered messages per second (default 50)
        --arrivals fixed|poisson  inter-arrival times (default poisson)
        --seed S                ticket generator and Poisson seed (default 42)
        --tenant ID             tenant of every message (default demo)
        --drain-timeout-s S     wait for the last replies after the last send (default 120)
        --step START,FACTOR,MAX step mode: rates START, START*FACTOR, ... up to MAX, until the
                                small-only p99 misses the SLO (replaces --messages and --rate)
        --step-seconds S        step mode: each step sends rate x S messages (default 20)
        --slo-p99-ms MS         step mode: small-only p99 a step must meet (default 1000)
        --report-json FILE      write the JSON report
        --report-dir DIR        write an HTML report with charts (index.html, report.json)
        --registry-config FILE  registry client settings (basic.auth.user.info, bearer.auth.token,
                                schema.registry.ssl.truststore.*, ...); also SMALLFIRST_* variables
      exit: 0 every message answered exactly once or dead-lettered (step mode: a step held),
            1 otherwise, 2 bad arguments
      """;

  /** Parses and validates {@code args}; every error names the option. */
  public static LoadTestOptions parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      String value = null;
      int eq = option.indexOf('=');
      if (option.startsWith("--") && eq > 0) {
        value = option.substring(eq + 1);
        option = option.substring(0, eq);
      }
      if (!OPTIONS.contains(option)) {
        throw new ConfigException(option, "unknown option (see --help)");
      }
      if (value == null) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new ConfigException(option, "needs a value");
        }
        value = args[++i];
      }
      if (given.putIfAbsent(option, value) != null) {
        throw new ConfigException(option, "given more than once");
      }
    }
    OptionReader r = new OptionReader(given);
    Optional<Steps> step = r.optional(STEP).map(LoadTestOptions::steps);
    if (step.isPresent()) {
      r.notWith(MESSAGES, STEP, "each step sends rate x " + STEP_SECONDS + " messages");
      r.notWith(RATE, STEP, "the steps set the rates");
    } else {
      r.onlyWith(STEP_SECONDS, STEP);
      r.onlyWith(SLO, STEP);
    }
    return new LoadTestOptions(
        bootstrapServers(r.required(BOOTSTRAP)),
        registryUrl(r.required(REGISTRY)),
        topics(r.optional(PREFIX).orElse("")),
        r.integer(MESSAGES, 2000, 1, 100_000_000),
        r.decimal(RATE, 50, 0.001, 1_000_000),
        arrivals(r.optional(ARRIVALS).orElse("poisson")),
        r.longValue(SEED, 42),
        tenant(r.optional(TENANT).orElse("demo")),
        Duration.ofSeconds(r.integer(DRAIN, 120, 1, 86_400)),
        step,
        r.integer(STEP_SECONDS, 20, 1, 3_600),
        r.decimal(SLO, 1000, 0.001, 86_400_000),
        r.path(REPORT_JSON),
        r.path(REPORT_DIR),
        r.path(REGISTRY_CONFIG).map(LoadTestOptions::existingFile));
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
          registryConfig.isPresent() ? REGISTRY_CONFIG : "registry settings", e.getMessage());
    }
  }

  private static String bootstrapServers(String value) {
    for (String server : value.split(",", -1)) {
      String s = server.strip();
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || colon == s.length() - 1) {
        throw new ConfigException(
            BOOTSTRAP, "expected HOST:PORT[,HOST:PORT...], got '" + value + "'");
      }
      int port;
      try {
        port = Integer.parseInt(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new ConfigException(BOOTSTRAP, "port is not a number in '" + s + "'");
      }
      if (port < 1 || port > 65_535) {
        throw new ConfigException(BOOTSTRAP, "port must be within [1, 65535] in '" + s + "'");
      }
    }
    return value.strip();
  }

  private static String registryUrl(String value) {
    try {
      return RegistrySettings.of(value).url().toString();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(REGISTRY, withoutKey(e.getMessage()));
    }
  }

  private static TopicNames topics(String prefix) {
    try {
      return TopicNames.withPrefix(prefix);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(PREFIX, withoutKey(e.getMessage()));
    }
  }

  private static Arrivals arrivals(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "fixed" -> Arrivals.FIXED;
      case "poisson" -> Arrivals.POISSON;
      default ->
          throw new ConfigException(ARRIVALS, "must be fixed or poisson, got '" + value + "'");
    };
  }

  private static String tenant(String value) {
    if (value.isBlank()) {
      throw new ConfigException(TENANT, "must not be blank");
    }
    return value.strip();
  }

  private static Steps steps(String value) {
    String[] parts = value.split(",", -1);
    if (parts.length != 3) {
      throw new ConfigException(
          STEP, "expected START,FACTOR,MAX (e.g. 25,2,400), got '" + value + "'");
    }
    double[] v = new double[3];
    for (int i = 0; i < 3; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new ConfigException(
            STEP, "not a number: '" + parts[i].strip() + "' in '" + value + "'");
      }
    }
    if (!(v[0] > 0 && v[0] <= 1_000_000)) {
      throw new ConfigException(STEP, "START must be within (0, 1000000], got " + parts[0].strip());
    }
    if (!(v[1] > 1 && v[1] <= 100)) {
      throw new ConfigException(STEP, "FACTOR must be within (1, 100], got " + parts[1].strip());
    }
    if (!(v[2] >= v[0] && v[2] <= 1_000_000)) {
      throw new ConfigException(
          STEP, "MAX must be within [START, 1000000], got " + parts[2].strip());
    }
    return new Steps(v[0], v[1], v[2]);
  }

  private static Path existingFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(REGISTRY_CONFIG, "file not found: " + file);
    }
    return file;
  }

  /** "key: problem" → "problem". */
  private static String withoutKey(String message) {
    int colon = message.indexOf(": ");
    return colon < 0 ? message : message.substring(colon + 2);
  }
}
