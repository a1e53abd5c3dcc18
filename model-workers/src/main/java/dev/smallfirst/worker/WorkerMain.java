package dev.smallfirst.worker;

import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.runtime.cli.Commands;
import dev.smallfirst.runtime.cli.ConfigOption;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.kafka.LoopState;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./smallfirst worker --stage classify|extract|sentiment|draft --model DIR [--config FILE]}:
 * runs a model worker until SIGTERM/Ctrl-C, which stops it gracefully. Settings come from the file,
 * {@code SMALLFIRST_*} environment variables and these options (see model-workers/WORKER.md). Exit
 * status: 0 after a graceful stop, 1 when the loop failed, 2 for bad arguments or settings, 3 when
 * the model was refused (e.g. its weights do not match the manifest's sha256).
 */
@Command(
    name = "smallfirst worker",
    mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class,
    description = "Runs a model worker until SIGTERM/Ctrl-C.",
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:graceful stop",
      "1:the poll loop failed",
      "2:bad arguments or settings",
      "3:the model was refused"
    },
    footer = {
      "Settings: properties file and/or SMALLFIRST_* environment variables, e.g.",
      "SMALLFIRST_BOOTSTRAP_SERVERS, SMALLFIRST_SCHEMA_REGISTRY_URL,",
      "SMALLFIRST_TOPIC_PREFIX, SMALLFIRST_BATCH_MAX_SIZE, SMALLFIRST_HTTP_PORT",
      "(see model-workers/WORKER.md)"
    })
public final class WorkerMain implements Callable<Integer> {
  /** Exit status when the model was refused. */
  static final int MODEL_REFUSED = 3;

  @Option(
      names = "--stage",
      paramLabel = "STAGE",
      description =
          "classify|extract|sentiment|draft, or several separated by commas: one process, one"
              + " consumer group per stage, one shared encoder (setting stage)")
  private String stage;

  @Option(names = "--model", paramLabel = "DIR", description = "model directory (model.dir)")
  private String model;

  @Option(names = "--worker-id", paramLabel = "ID", description = "this replica's id (worker.id)")
  private String workerId;

  @Mixin private ConfigOption config;

  public static void main(String[] args) {
    System.exit(Commands.execute(new WorkerMain(), args));
  }

  @Override
  public Integer call() throws Exception {
    Map<String, String> options = new HashMap<>();
    putIfSet(options, "stage", stage);
    putIfSet(options, "model.dir", model);
    putIfSet(options, "worker.id", workerId);
    ConfigSource source = config.load().with(options);
    if (source.optional("stage").orElse("").contains(",")) {
      return serveSeveral(source);
    }
    WorkerSettings settings = WorkerSettings.strict(source);
    return serve(
        () -> WorkerApp.start(settings),
        app -> () -> app.awaitTermination() == LoopState.FAILED,
        "the poll loop failed");
  }

  /**
   * {@code --stage classify,sentiment}: one process, one worker per stage ({@link WorkerProcess}).
   */
  private static int serveSeveral(ConfigSource source) throws Exception {
    WorkerProcess.Settings settings = WorkerProcess.settings(source);
    return serve(
        () -> WorkerProcess.start(settings),
        process -> process::awaitFailure,
        "a stage's poll loop failed");
  }

  /** What starts the worker(s); may refuse the model. */
  @FunctionalInterface
  private interface Starter<T> {
    T start() throws Exception;
  }

  /** Starts, exits {@link #MODEL_REFUSED} for a refused model, else runs until stopped. */
  private static <T extends AutoCloseable> int serve(
      Starter<T> starter,
      java.util.function.Function<T, Commands.Termination> termination,
      String failure)
      throws Exception {
    T started;
    try {
      started = starter.start();
    } catch (ModelLoadException e) {
      System.err.println("smallfirst worker: refusing to start: " + e.getMessage());
      return MODEL_REFUSED;
    }
    return Commands.runUntilStopped(
        started,
        "worker",
        termination.apply(started),
        "smallfirst worker: " + failure + "; see the log above");
  }

  private static void putIfSet(Map<String, String> options, String key, String value) {
    if (value != null) {
      options.put(key, value);
    }
  }
}
