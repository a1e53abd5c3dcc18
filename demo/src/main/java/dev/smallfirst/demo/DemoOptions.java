package dev.smallfirst.demo;

import dev.smallfirst.loadtest.cli.OptionReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code smallfirst demo} was asked to do. Immutable; {@link #parse} refuses bad arguments
 * with a message that names the option.
 *
 * @param messages how many generated tickets to push through the pipeline
 * @param rate offered load, messages per second (Poisson arrivals)
 * @param seed ticket generator and arrival seed
 * @param baseline whether to run the naive baseline on the same tickets afterwards
 * @param baselineMessages how many of the same tickets the baseline gets
 * @param warmUp tickets sent first to each system and left out of its report (declared warm-up)
 * @param reportJson where to write the JSON report, if anywhere
 * @param reportDir where to write the HTML report, if anywhere
 * @param models the directory holding one model directory per stage
 * @param settings extra settings for every part of the pipeline ({@code --set key=value})
 */
public record DemoOptions(
    int messages,
    double rate,
    long seed,
    boolean baseline,
    int baselineMessages,
    int warmUp,
    Optional<Path> reportJson,
    Optional<Path> reportDir,
    Path models,
    Map<String, String> settings) {

  public DemoOptions {
    settings = Map.copyOf(settings);
  }

  private static final Set<String> OPTIONS =
      Set.of(
          "--messages",
          "--rate",
          "--seed",
          "--baseline",
          "--baseline-messages",
          "--warmup",
          "--report-json",
          "--report-dir",
          "--models",
          "--set");

  /** The usage text. */
  public static final String USAGE =
      """
      usage: smallfirst demo [--messages N] [--rate R] [--seed S] [--baseline naive|none]
                             [--baseline-messages N] [--report-json FILE] [--report-dir DIR]
                             [--warmup N] [--models DIR] [--set KEY=VALUE ...]
        --messages N           generated tickets to send (default 2400)
        --rate R               offered messages per second, Poisson arrivals (default 40)
        --seed S               ticket generator seed (default 42)
        --baseline naive|none  also run the naive baseline on the same tickets (default naive)
        --baseline-messages N  tickets the baseline gets, the first N of the same (default 800)
        --warmup N             tickets sent first to each system, left out of the report (200)
        --report-json FILE     write the JSON report there
        --report-dir DIR       write index.html and report.json there (default
                               target/demo-report)
        --models DIR           one model directory per stage (default model-workers/models)
        --set KEY=VALUE        a setting for every part of the pipeline (topology, workers,
                               frontier; README: Configuration), e.g. batch.max.delay.ms=20
      """;

  /** Parses {@code args}; throws {@link IllegalArgumentException} naming the bad option. */
  public static DemoOptions parse(String[] args, Path defaultModels) {
    Map<String, String> given = new LinkedHashMap<>();
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (!OPTIONS.contains(option)) {
        throw new IllegalArgumentException("unknown option '" + option + "'\n" + USAGE);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + ": needs a value\n" + USAGE);
      }
      String value = args[++i];
      if (option.equals("--set")) {
        int eq = value.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("--set: must be KEY=VALUE, got '" + value + "'");
        }
        settings.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
      } else {
        given.put(option, value);
      }
    }
    OptionReader r = new OptionReader(given);
    int messages = r.integer("--messages", 2400, 1, 10_000_000);
    boolean baseline =
        switch (r.optional("--baseline").orElse("naive")) {
          case "naive" -> true;
          case "none" -> false;
          default ->
              throw new IllegalArgumentException(
                  "--baseline: must be naive or none, got '" + given.get("--baseline") + "'");
        };
    int base = r.integer("--baseline-messages", Math.min(messages, 800), 1, 10_000_000);
    if (base > messages) {
      throw new IllegalArgumentException(
          "--baseline-messages: must be at most --messages (" + messages + "), got " + base);
    }
    return new DemoOptions(
        messages,
        r.decimal("--rate", 40, 0.1, 100_000),
        r.longValue("--seed", 42),
        baseline,
        base,
        r.integer("--warmup", 200, 0, 1_000_000),
        r.path("--report-json"),
        Optional.of(r.path("--report-dir").orElse(Path.of("target", "demo-report"))),
        r.path("--models").orElse(defaultModels),
        settings);
  }
}
