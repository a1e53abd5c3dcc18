package dev.smallfirst.loadtest.cli;

import dev.smallfirst.loadtest.ConsoleReport;
import dev.smallfirst.loadtest.LoadReport;
import dev.smallfirst.loadtest.LoadRun;
import dev.smallfirst.loadtest.ProgressBar;
import dev.smallfirst.loadtest.ReportWriter;
import dev.smallfirst.loadtest.StepLoad;
import dev.smallfirst.loadtest.TicketMessages;
import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.RegistryCheck;
import dev.smallfirst.schemas.registry.RegistrySettings;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code ./smallfirst loadtest}: drives open-loop load through a running cluster (sends to {@code
 * support.messages}, correlates {@code support.replies} and {@code support.dlq}), prints a summary,
 * and writes the JSON and HTML reports. Exit status: 0 when every message was answered exactly once
 * or dead-lettered (step mode: when at least one step held and no step saw a duplicate), 1
 * otherwise or when the run could not be made, 2 on bad arguments. See the README.
 */
public final class LoadTestMain {
  private LoadTestMain() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(args, System.out, System.err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 1;
    }
    System.exit(status);
  }

  /** Runs the command line {@code args}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    LoadTestOptions options;
    RegistrySettings registrySettings;
    try {
      LoadTestCommand command = CommandLines.parse(new LoadTestCommand(), args);
      if (command.helpRequested()) {
        out.print(LoadTestCommand.usage());
        return 0;
      }
      options = command.options();
      registrySettings = options.registrySettings(System.getenv());
    } catch (ConfigException e) {
      err.println("smallfirst loadtest: " + e.getMessage() + "\n" + LoadTestCommand.usage());
      return 2;
    }
    try {
      RegistryCheck.requireReachable(registrySettings);
    } catch (ConfigException e) {
      err.println("smallfirst loadtest: --registry-url: " + e.getMessage());
      return 1;
    }
    try (SchemaRegistryClient registry = SchemaRegistryClient.create(registrySettings)) {
      checkTopics(options);
      String runId = "lt" + Long.toString(System.currentTimeMillis(), 36);
      Session session = new Session(options, registry, runId, out, err);
      return options.step().isPresent() ? session.steps() : session.single();
    } catch (CannotRun | IOException e) {
      err.println("smallfirst loadtest: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("smallfirst loadtest: the run failed: " + e);
      return 1;
    }
  }

  /** One invocation: its options, registry client, run id and output streams. */
  private record Session(
      LoadTestOptions options,
      SchemaRegistryClient registry,
      String runId,
      PrintStream out,
      PrintStream err) {

    int single() throws InterruptedException, IOException {
      String title =
          String.format(
              Locale.ROOT,
              "smallfirst load test: %d messages at %s msg/s (%s arrivals)",
              options.messages(),
              rate(options.rate()),
              options.arrivals().name().toLowerCase(Locale.ROOT));
      LoadReport report = runOnce(options.messages(), options.rate(), runId, "");
      out.println(title);
      out.print(ConsoleReport.summary(report));
      writeReports(report, title);
      return report.exactlyOnce() ? 0 : 1;
    }

    int steps() throws InterruptedException, IOException {
      List<Double> rates = options.step().orElseThrow().rates();
      AtomicInteger done = new AtomicInteger();
      StepLoad.Result result =
          StepLoad.run(
              rates,
              options.sloP99Millis(),
              rate -> {
                int step = done.incrementAndGet();
                int messages = messagesAt(rate, options.stepSeconds());
                String label = "step " + step + "/" + rates.size() + " @ " + rate(rate) + "/s";
                err.printf(
                    Locale.ROOT,
                    "%s: %d messages over %d s%n",
                    label,
                    messages,
                    options.stepSeconds());
                return runOnce(messages, rate, runId + "-s" + step, label);
              });
      StepLoad.Step shown =
          result.steps().reversed().stream()
              .filter(StepLoad.Step::held)
              .findFirst()
              .orElse(result.steps().getLast());
      String title =
          String.format(
              Locale.ROOT,
              "smallfirst load test, step mode: the %s step, %s msg/s (SLO: small-only p99 <= %s"
                  + " ms)",
              shown.held() ? "highest held" : "last",
              rate(shown.rate()),
              rate(options.sloP99Millis()));
      out.println(title);
      out.print(ConsoleReport.summary(shown.report()));
      out.println();
      out.print(ConsoleReport.steps(result));
      writeReports(shown.report(), title);
      // A duplicate is a correctness failure at any rate, not a capacity limit.
      boolean duplicates = result.steps().stream().anyMatch(s -> s.report().duplicates() > 0);
      return result.highestSustainableRate().isPresent() && !duplicates ? 0 : 1;
    }

    private LoadReport runOnce(int messages, double rate, String messagesRunId, String label)
        throws InterruptedException {
      LoadRun.Plan plan =
          new LoadRun.Plan(
              options.bootstrapServers(),
              options.topics(),
              messages,
              options.schedule(rate),
              options.drainTimeout());
      ProgressBar progress = ProgressBar.on(err, label);
      try {
        return LoadRun.run(
            plan,
            registry,
            new TicketMessages(options.seed(), messagesRunId, options.tenant(), Clock.systemUTC()),
            progress);
      } finally {
        progress.done();
      }
    }

    private void writeReports(LoadReport report, String title) throws IOException {
      if (options.reportJson().isPresent()) {
        ReportWriter.writeJson(report, options.reportJson().get());
        out.println("report: " + options.reportJson().get().toAbsolutePath());
      }
      if (options.reportDir().isPresent()) {
        Path page = ReportWriter.writeHtml(report, options.reportDir().get(), title);
        out.println("report: " + page.toAbsolutePath());
      }
    }
  }

  /** Messages one step sends: rate × seconds, at least one. */
  static int messagesAt(double rate, int seconds) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(rate * seconds)));
  }

  /** Fails clearly when the cluster cannot be reached or lacks the pipeline's topics. */
  private static void checkTopics(LoadTestOptions options) throws CannotRun, InterruptedException {
    List<String> needed =
        List.of(
            options.topics().messages(),
            options.topics().replies(),
            options.topics().deadLetters());
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                options.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                15_000))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> missing = needed.stream().filter(t -> !existing.contains(t)).toList();
      if (!missing.isEmpty()) {
        throw new CannotRun(
            "topics "
                + missing
                + " do not exist on "
                + options.bootstrapServers()
                + " (is the cluster deployed? is --topic-prefix right?)");
      }
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new CannotRun(
          "cannot list the topics of Kafka at "
              + options.bootstrapServers()
              + " (is it running?): "
              + cause);
    }
  }

  private static String rate(double r) {
    return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.1f", r);
  }

  /** The run cannot be made (no cluster, no topics). */
  private static final class CannotRun extends Exception {
    private static final long serialVersionUID = 1L;

    CannotRun(String message) {
      super(message);
    }
  }
}
