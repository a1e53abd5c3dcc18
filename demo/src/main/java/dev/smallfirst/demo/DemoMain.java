package dev.smallfirst.demo;

import dev.smallfirst.loadtest.ConsoleReport;
import dev.smallfirst.loadtest.LoadReport;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.StackSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code smallfirst demo}: starts the real local stack (a KRaft broker and Apicurio Registry on
 * loopback), runs {@link Demo} on it, prints the report and stops everything, also on Ctrl-C. Exit
 * code 0 when every message was answered exactly once (and on {@code --help}), 1 when not, 2 on bad
 * arguments.
 */
public final class DemoMain {
  private DemoMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the demo; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    DemoOptions options;
    try {
      DemoCommand command = DemoCommand.parseCommand(args);
      if (command.helpRequested()) {
        out.print(DemoCommand.usage());
        return 0;
      }
      options = command.options(defaultModels());
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    err.println("starting the local stack: Kafka (KRaft) and Apicurio Registry on 127.0.0.1");
    LocalStack stack = LocalStack.start(StackSettings.fromEnvironment(System.getenv()));
    Thread stopOnCtrlC = new Thread(stack::close, "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
    try {
      err.printf(
          "stack ready in %.1f s: Kafka %s, registry %s%n",
          stack.startupTime().toMillis() / 1e3, stack.bootstrapServers(), stack.registryUrl());
      LoadReport report =
          Demo.run(options, stack.bootstrapServers(), stack.registryUrl(), out, err);
      out.println();
      out.print(ConsoleReport.summary(report));
      out.print(settingsAndSaturation(report));
      if (options.saturate().isEmpty()) {
        capacityNote(
                options.rate(),
                report.throughputPerSecond(),
                report.cpuMillisPerMessage(),
                Runtime.getRuntime().availableProcessors())
            .ifPresent(out::println);
      }
      options.reportDir().ifPresent(d -> out.println("HTML report: " + d.resolve("index.html")));
      options.reportJson().ifPresent(f -> out.println("JSON report: " + f));
      return report.exactlyOnce() && (report.baseline() == null || report.baseline().exactlyOnce())
          ? 0
          : 1;
    } finally {
      stack.close();
      Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
    }
  }

  /** Below this share of the offered rate the pipeline is taken to have fallen behind. */
  static final double KEPT_UP_SHARE = 0.9;

  /**
   * When the pipeline answered less than {@value #KEPT_UP_SHARE} of the offered rate, a note that
   * its latency figures describe a queue, with the cores the run's CPU per reply asked for and a
   * rate that fits this machine (80% of what its cores give at that CPU per reply); empty when it
   * kept up.
   */
  static Optional<String> capacityNote(
      double offeredPerSecond, double achievedPerSecond, Double cpuMillisPerReply, int cores) {
    if (achievedPerSecond >= KEPT_UP_SHARE * offeredPerSecond) {
      return Optional.empty();
    }
    String behind =
        String.format(
            Locale.ROOT,
            "note: the pipeline fell behind the offered %.1f/s (%.1f/s answered), so the latency"
                + " and DEGRADED figures above are those of a queue, not of the small path.",
            offeredPerSecond,
            achievedPerSecond);
    if (cpuMillisPerReply == null || cpuMillisPerReply <= 0) {
      return Optional.of(behind);
    }
    double coresAsked = offeredPerSecond * cpuMillisPerReply / 1000;
    if (coresAsked <= cores) {
      return Optional.of(
          behind
              + String.format(
                  Locale.ROOT,
                  " At %.1f ms of CPU per reply it asked for %.1f of this machine's %d cores:"
                      + " something else held it back (another process on these cores, the disk).",
                  cpuMillisPerReply,
                  coresAsked,
                  cores));
    }
    long fits = (long) Math.floor(0.8 * cores * 1000 / cpuMillisPerReply);
    return Optional.of(
        behind
            + String.format(
                Locale.ROOT,
                " At %.1f ms of CPU per reply, %.1f/s asks for %.1f cores and this machine has %d;"
                    + " run with --rate %d to see the small path on these cores (README, \"The"
                    + " demo\").",
                cpuMillisPerReply,
                offeredPerSecond,
                coresAsked,
                cores,
                Math.max(1, fits)));
  }

  /** Both systems' settings and, when it ran, the saturation search's result, for the console. */
  static String settingsAndSaturation(LoadReport report) {
    StringBuilder b = new StringBuilder();
    settings(b, "smallfirst", report.settings());
    if (report.baseline() != null) {
      settings(b, "baseline", report.baseline().settings());
    }
    LoadReport.Saturation s = report.saturation();
    if (s != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "saturation (p99 of all routes <= %.0f ms, >= 95%% of the offered rate):"
                  + " smallfirst %.1f/s, baseline %.1f/s, ratio %.2fx%n",
              s.sloP99Millis(),
              s.smallfirstPerSecond(),
              s.baselinePerSecond(),
              s.ratio()));
    }
    return b.toString();
  }

  private static void settings(StringBuilder b, String system, Map<String, String> settings) {
    if (settings != null) {
      b.append(system).append(" settings: ");
      b.append(
          String.join(
              ", ",
              settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
      b.append(System.lineSeparator());
    }
  }

  /** {@code model-workers/models} below the working directory or its parent. */
  static Path defaultModels() {
    for (Path base : new Path[] {Path.of(""), Path.of("..")}) {
      Path candidate = base.resolve("model-workers").resolve("models");
      if (Files.isDirectory(candidate)) {
        return candidate.normalize();
      }
    }
    return Path.of("model-workers", "models");
  }
}
