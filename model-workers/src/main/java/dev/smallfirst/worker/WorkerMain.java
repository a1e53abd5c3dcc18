package dev.smallfirst.worker;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.runtime.kafka.LoopState;
import dev.smallfirst.worker.model.ModelLoadException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./smallfirst worker --stage classify|extract|sentiment|draft --model DIR [--config FILE]}:
 * runs a model worker until SIGTERM/Ctrl-C, which stops it gracefully. Settings come from the file,
 * {@code SMALLFIRST_*} environment variables and these options (see model-workers/WORKER.md). Exit
 * status: 0 after a graceful stop, 1 when the loop failed, 2 for bad settings, 3 when the model was
 * refused (e.g. its weights do not match the manifest's sha256).
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws Exception {
    Optional<Path> config = Optional.empty();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> config = Optional.of(Path.of(value(args, ++i, "--config")));
        case "--stage" -> options.put("stage", value(args, ++i, "--stage"));
        case "--model" -> options.put("model.dir", value(args, ++i, "--model"));
        case "--worker-id" -> options.put("worker.id", value(args, ++i, "--worker-id"));
        case "-h", "--help" -> usage(null);
        default -> usage("unknown argument " + args[i]);
      }
    }
    WorkerSettings settings;
    try {
      settings = WorkerSettings.from(ConfigSource.load(config, System.getenv()).with(options));
    } catch (ConfigException e) {
      System.err.println("smallfirst worker: bad setting " + e.getMessage());
      System.exit(2);
      return;
    }
    WorkerApp app;
    try {
      app = WorkerApp.start(settings);
    } catch (ModelLoadException e) {
      System.err.println("smallfirst worker: refusing to start: " + e.getMessage());
      System.exit(3);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "worker-shutdown"));
    if (app.awaitTermination() == LoopState.FAILED) {
      System.err.println("smallfirst worker: the poll loop failed; see the log above");
      Runtime.getRuntime().halt(1);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      usage(option + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println(
        (problem == null ? "" : "smallfirst worker: " + problem + "\n")
            + "usage: smallfirst worker --stage classify|extract|sentiment|draft --model DIR\n"
            + "                         [--worker-id ID] [--config FILE]\n"
            + "  settings: properties file and/or SMALLFIRST_* environment variables, e.g.\n"
            + "  SMALLFIRST_BOOTSTRAP_SERVERS, SMALLFIRST_SCHEMA_REGISTRY_URL, SMALLFIRST_TOPIC_PREFIX,\n"
            + "  SMALLFIRST_BATCH_MAX_SIZE, SMALLFIRST_HTTP_PORT (see model-workers/WORKER.md)");
    System.exit(problem == null ? 0 : 2);
  }
}
