package dev.smallfirst.frontier;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code ./smallfirst frontier [--config FILE]}: runs the frontier worker until SIGTERM/Ctrl-C.
 * Settings come from the file and {@code SMALLFIRST_*} environment variables; the API key from
 * {@code frontier.api.key.file} or the provider's environment variable. See {@code
 * frontier-worker/README.md}.
 */
public final class FrontierMain {
  private FrontierMain() {}

  public static void main(String[] args) throws Exception {
    Optional<Path> config = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> {
          if (i + 1 >= args.length) {
            usage("--config needs a file");
          }
          config = Optional.of(Path.of(args[++i]));
        }
        case "-h", "--help" -> usage(null);
        default -> usage("unknown argument " + args[i]);
      }
    }
    FrontierSettings settings;
    try {
      settings = FrontierSettings.from(ConfigSource.load(config, System.getenv()), System.getenv());
    } catch (ConfigException e) {
      System.err.println("smallfirst frontier: bad setting " + e.getMessage());
      System.exit(2);
      return;
    }
    FrontierApp app = FrontierApp.start(settings, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "frontier-shutdown"));
    if (app.awaitTermination()) {
      System.err.println("smallfirst frontier: the worker failed; see the log above");
      Runtime.getRuntime().halt(1);
    }
  }

  private static void usage(String problem) {
    System.err.println(
        (problem == null ? "" : "smallfirst frontier: " + problem + "\n")
            + "usage: smallfirst frontier [--config FILE]\n"
            + "  settings: properties file and/or SMALLFIRST_* environment variables, e.g.\n"
            + "  SMALLFIRST_BOOTSTRAP_SERVERS, SMALLFIRST_SCHEMA_REGISTRY_URL,\n"
            + "  SMALLFIRST_FRONTIER_PROVIDER=anthropic|openai|none, SMALLFIRST_FRONTIER_MODEL,\n"
            + "  ANTHROPIC_API_KEY / OPENAI_API_KEY or SMALLFIRST_FRONTIER_API_KEY_FILE\n"
            + "  (see frontier-worker/README.md)");
    System.exit(problem == null ? 0 : 2);
  }
}
