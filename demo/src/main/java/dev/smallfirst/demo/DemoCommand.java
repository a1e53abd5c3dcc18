package dev.smallfirst.demo;

import static dev.smallfirst.loadtest.cli.CommandLines.within;

import dev.smallfirst.loadtest.cli.CommandLines;
import dev.smallfirst.runtime.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@code smallfirst demo} (picocli): the options as given, and {@link
 * #options}, which validates them into {@link DemoOptions}. A repeated option takes its last value;
 * {@code --set} adds up. One instance per parse; not thread-safe.
 *
 * <pre>{@code
 * DemoOptions o = DemoCommand.parse(new String[] {"--messages", "300"}, Path.of("models"));
 * }</pre>
 */
@Command(
    name = "smallfirst demo",
    sortOptions = false,
    synopsisHeading = "usage: ",
    customSynopsis = {
      "smallfirst demo [--messages N] [--rate R] [--seed S] [--baseline naive|none]",
      "                [--baseline-messages N] [--report-json FILE] [--report-dir DIR]",
      "                [--warmup N] [--models DIR] [--set KEY=VALUE ...]",
      "                [--saturate [--slo-p99-ms MS] [--step-seconds S] [--step-warmup N]",
      "                 [--saturate-start R] [--saturate-max R]]"
    },
    footer = "exit: 0 every message answered exactly once, 1 otherwise, 2 bad arguments",
    usageHelpWidth = 100)
public final class DemoCommand {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "this text")
  boolean help;

  @Option(
      names = "--messages",
      paramLabel = "N",
      defaultValue = "2400",
      description = "generated tickets to send (default ${DEFAULT-VALUE})")
  long messages;

  @Option(
      names = "--rate",
      paramLabel = "R",
      description =
          "offered messages per second, Poisson arrivals (default "
              + DemoOptions.RATE_PER_CORE
              + " per core of this machine, at most "
              + DemoOptions.MAX_DEFAULT_RATE
              + ")")
  Double rate;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "ticket generator seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--baseline",
      paramLabel = "naive|none",
      defaultValue = "naive",
      description = "also run the naive baseline on the same tickets (default ${DEFAULT-VALUE})")
  String baseline;

  @Option(
      names = "--baseline-messages",
      paramLabel = "N",
      description = "tickets the baseline gets, the first N of the same (default 800)")
  Long baselineMessages;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "200",
      description = "tickets sent first to each system, left out of the report (${DEFAULT-VALUE})")
  long warmUp;

  @Option(names = "--report-json", paramLabel = "FILE", description = "write the JSON report there")
  Optional<Path> reportJson = Optional.empty();

  @Option(
      names = "--report-dir",
      paramLabel = "DIR",
      defaultValue = "target/demo-report",
      description = "write index.html and report.json there (default ${DEFAULT-VALUE})")
  Path reportDir;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description = "one model directory per stage (default model-workers/models)")
  Optional<Path> models = Optional.empty();

  @Option(
      names = "--tickets",
      paramLabel = "FILE.jsonl",
      description =
          "replay these real requests instead of generated tickets: one JSON row per line with"
              + " text (and optionally subject, channel, audience, tier, label, response, spans),"
              + " e.g. ../shared/datasets/bitext-support/train.jsonl; rows with a label or a"
              + " response add the quality section to the report")
  Optional<Path> tickets = Optional.empty();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = {
        "a setting for every part of the pipeline (topology, workers, frontier; README:"
            + " Configuration), e.g. batch.max.delay.ms=20"
      })
  List<String> settings = new ArrayList<>();

  @Option(
      names = "--saturate",
      description =
          "find the highest sustainable rate of both systems (instead of the fixed-rate runs)")
  boolean saturate;

  @Option(
      names = "--slo-p99-ms",
      paramLabel = "MS",
      defaultValue = "1000",
      description = "--saturate: the p99 (all routes) a step must meet (default ${DEFAULT-VALUE})")
  double sloP99Millis;

  @Option(
      names = "--step-seconds",
      paramLabel = "S",
      defaultValue = "15",
      description = "--saturate: each step sends rate x S messages, at least 50 (${DEFAULT-VALUE})")
  double stepSeconds;

  @Option(
      names = "--step-warmup",
      paramLabel = "N",
      defaultValue = "50",
      description = "--saturate: warm-up messages per step, not reported (${DEFAULT-VALUE})")
  long stepWarmUp;

  @Option(
      names = "--saturate-start",
      paramLabel = "R",
      defaultValue = "10",
      description = "--saturate: the first offered rate (default ${DEFAULT-VALUE})")
  double saturateStart;

  @Option(
      names = "--saturate-max",
      paramLabel = "R",
      defaultValue = "1000",
      description = "--saturate: the highest offered rate (default ${DEFAULT-VALUE})")
  double saturateMax;

  /**
   * Parses and validates {@code args}; {@code defaultModels} when {@code --models} is not given.
   *
   * @throws IllegalArgumentException naming the bad option (a {@link ConfigException} but for an
   *     unknown option, whose message starts with {@code unknown option '--x'})
   */
  public static DemoOptions parse(String[] args, Path defaultModels) {
    return parseCommand(args).options(defaultModels);
  }

  /** Parses {@code args} without validating them; see {@link #parse}. */
  static DemoCommand parseCommand(String[] args) {
    try {
      return CommandLines.parse(new DemoCommand(), true, args);
    } catch (ConfigException e) {
      if (e.getMessage().equals(e.key() + ": " + CommandLines.UNKNOWN_OPTION)) {
        throw new IllegalArgumentException("unknown option '" + e.key() + "'\n" + usage(), e);
      }
      throw new ConfigException(
          e.key(), e.getMessage().substring(e.key().length() + 2) + "\n" + usage());
    }
  }

  /** The usage text. */
  public static String usage() {
    return CommandLines.usage(new DemoCommand());
  }

  /** Whether {@code --help} was given. */
  public boolean helpRequested() {
    return help;
  }

  /** The options, validated; {@code defaultModels} when {@code --models} is not given. */
  public DemoOptions options(Path defaultModels) {
    int n = (int) within("--messages", messages, 1, 10_000_000);
    int base =
        (int)
            within(
                "--baseline-messages",
                baselineMessages == null ? Math.min(n, 800) : baselineMessages,
                1,
                10_000_000);
    if (base > n) {
      throw new ConfigException(
          "--baseline-messages", "must be at most --messages (" + n + "), got " + base);
    }
    return new DemoOptions(
        n,
        rate == null
            ? DemoOptions.defaultRate(Runtime.getRuntime().availableProcessors())
            : within("--rate", rate, 0.1, 100_000),
        seed,
        baseline(),
        base,
        (int) within("--warmup", warmUp, 0, 1_000_000),
        CommandLines.path("--report-json", reportJson),
        CommandLines.path("--report-dir", Optional.of(reportDir)),
        CommandLines.path("--models", models).orElse(defaultModels),
        settings(),
        saturate(),
        tickets());
  }

  private Optional<Path> tickets() {
    Optional<Path> file = CommandLines.path("--tickets", tickets);
    if (file.isPresent() && !java.nio.file.Files.isReadable(file.get())) {
      throw new ConfigException("--tickets", "cannot read " + file.get());
    }
    return file;
  }

  private Optional<DemoOptions.Saturate> saturate() {
    if (!saturate) {
      return Optional.empty();
    }
    double start = within("--saturate-start", saturateStart, 0.1, 100_000);
    double max = within("--saturate-max", saturateMax, 0.1, 100_000);
    if (max < start) {
      throw new ConfigException(
          "--saturate-max", "must be at least --saturate-start (" + start + "), got " + max);
    }
    return Optional.of(
        new DemoOptions.Saturate(
            within("--slo-p99-ms", sloP99Millis, 1, 3_600_000),
            within("--step-seconds", stepSeconds, 1, 3_600),
            (int) within("--step-warmup", stepWarmUp, 0, 1_000_000),
            start,
            max));
  }

  private boolean baseline() {
    return switch (baseline) {
      case "naive" -> true;
      case "none" -> false;
      default ->
          throw new ConfigException("--baseline", "must be naive or none, got '" + baseline + "'");
    };
  }

  private Map<String, String> settings() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String setting : settings) {
      int eq = setting.indexOf('=');
      if (eq < 1) {
        throw new ConfigException("--set", "must be KEY=VALUE, got '" + setting + "'");
      }
      out.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
    }
    return out;
  }
}
