package dev.smallfirst.loadtest.cli;

import static dev.smallfirst.loadtest.cli.CommandLines.notWith;
import static dev.smallfirst.loadtest.cli.CommandLines.onlyWith;
import static dev.smallfirst.loadtest.cli.CommandLines.within;

import dev.smallfirst.loadtest.cli.LoadTestOptions.Arrivals;
import dev.smallfirst.loadtest.cli.LoadTestOptions.Steps;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.topics.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code ./smallfirst loadtest} (picocli): the options as given, and {@link
 * #options()}, which validates them into {@link LoadTestOptions} with errors that name the option.
 * One instance per parse; not thread-safe.
 *
 * <pre>{@code
 * LoadTestOptions o = LoadTestCommand.parse("--bootstrap-servers", "k:9092", "--registry-url", url);
 * }</pre>
 */
@Command(
    name = "smallfirst loadtest",
    sortOptions = false,
    synopsisHeading = "usage: ",
    customSynopsis =
        "smallfirst loadtest --bootstrap-servers HOST:PORT --registry-url URL [options]",
    footer = {
      "exit: 0 every message answered exactly once or dead-lettered (step mode: a step held),",
      "      1 otherwise, 2 bad arguments"
    },
    usageHelpWidth = 100)
public final class LoadTestCommand {
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

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "this text")
  boolean help;

  // Required by options() rather than by picocli, so that a blank value is refused the same way.
  @Option(names = BOOTSTRAP, paramLabel = "HOST:PORT", description = "Kafka (required)")
  String bootstrapServers;

  @Option(names = REGISTRY, paramLabel = "URL", description = "the schema registry (required)")
  String registryUrl;

  @Option(
      names = PREFIX,
      paramLabel = "P",
      defaultValue = "",
      description = "prefix of the cluster's topic names (default none)")
  String topicPrefix;

  @Option(
      names = MESSAGES,
      paramLabel = "N",
      defaultValue = "2000",
      description = "messages to send (default ${DEFAULT-VALUE})")
  long messages;

  @Option(
      names = RATE,
      paramLabel = "R",
      defaultValue = "50",
      description = "offered messages per second (default ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = ARRIVALS,
      paramLabel = "fixed|poisson",
      defaultValue = "poisson",
      description = "inter-arrival times (default ${DEFAULT-VALUE})")
  String arrivals;

  @Option(
      names = SEED,
      paramLabel = "S",
      defaultValue = "42",
      description = "ticket generator and Poisson seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = TENANT,
      paramLabel = "ID",
      defaultValue = "demo",
      description = "tenant of every message (default ${DEFAULT-VALUE})")
  String tenant;

  @Option(
      names = DRAIN,
      paramLabel = "S",
      defaultValue = "120",
      description = "wait for the last replies after the last send (default ${DEFAULT-VALUE})")
  long drainSeconds;

  @Option(
      names = STEP,
      paramLabel = "START,FACTOR,MAX",
      description = {
        "step mode: rates START, START*FACTOR, ... up to MAX, until the small-only p99 misses the"
            + " SLO (replaces --messages and --rate)"
      })
  String step;

  @Option(
      names = STEP_SECONDS,
      paramLabel = "S",
      defaultValue = "20",
      description = "step mode: each step sends rate x S messages (default ${DEFAULT-VALUE})")
  long stepSeconds;

  @Option(
      names = SLO,
      paramLabel = "MS",
      defaultValue = "1000",
      description = "step mode: small-only p99 a step must meet (default ${DEFAULT-VALUE})")
  double sloP99Millis;

  @Option(names = REPORT_JSON, paramLabel = "FILE", description = "write the JSON report")
  Optional<Path> reportJson = Optional.empty();

  @Option(
      names = REPORT_DIR,
      paramLabel = "DIR",
      description = "write an HTML report with charts (index.html, report.json)")
  Optional<Path> reportDir = Optional.empty();

  @Option(
      names = REGISTRY_CONFIG,
      paramLabel = "FILE",
      description = {
        "registry client settings (basic.auth.user.info, bearer.auth.token,"
            + " schema.registry.ssl.truststore.*, ...); also SMALLFIRST_* variables"
      })
  Optional<Path> registryConfig = Optional.empty();

  /**
   * Parses and validates {@code args}.
   *
   * @throws ConfigException naming the option
   */
  public static LoadTestOptions parse(String... args) {
    return CommandLines.parse(new LoadTestCommand(), args).options();
  }

  /** The usage text. */
  public static String usage() {
    return CommandLines.usage(new LoadTestCommand());
  }

  /** Whether {@code --help} was given. */
  public boolean helpRequested() {
    return help;
  }

  /**
   * The options, validated.
   *
   * @throws ConfigException naming the option: out of range, or does not fit the mode
   */
  public LoadTestOptions options() {
    Optional<Steps> steps = Optional.ofNullable(step).map(LoadTestCommand::steps);
    if (steps.isPresent()) {
      notWith(spec, MESSAGES, STEP, "each step sends rate x " + STEP_SECONDS + " messages");
      notWith(spec, RATE, STEP, "the steps set the rates");
    } else {
      onlyWith(spec, STEP_SECONDS, STEP);
      onlyWith(spec, SLO, STEP);
    }
    return new LoadTestOptions(
        bootstrapServers(CommandLines.required(BOOTSTRAP, bootstrapServers)),
        registryUrl(CommandLines.required(REGISTRY, registryUrl)),
        topics(topicPrefix),
        (int) within(MESSAGES, messages, 1, 100_000_000),
        within(RATE, rate, 0.001, 1_000_000),
        arrivals(arrivals),
        seed,
        tenant(tenant),
        Duration.ofSeconds(within(DRAIN, drainSeconds, 1, 86_400)),
        steps,
        (int) within(STEP_SECONDS, stepSeconds, 1, 3_600),
        within(SLO, sloP99Millis, 0.001, 86_400_000),
        CommandLines.path(REPORT_JSON, reportJson),
        CommandLines.path(REPORT_DIR, reportDir),
        CommandLines.path(REGISTRY_CONFIG, registryConfig).map(LoadTestCommand::existingFile));
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
