package dev.smallfirst.frontier;

import dev.smallfirst.runtime.cli.Commands;
import dev.smallfirst.runtime.cli.ConfigOption;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./smallfirst frontier [--config FILE]}: runs the frontier worker until SIGTERM/Ctrl-C.
 * Settings come from the file and {@code SMALLFIRST_*} environment variables; the API key from
 * {@code frontier.api.key.file} or the provider's environment variable. See {@code
 * frontier-worker/README.md}. Exit status: 1 when the worker failed, 2 for bad arguments or
 * settings.
 */
@Command(
    name = "smallfirst frontier",
    mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class,
    description = "Runs the frontier worker until SIGTERM/Ctrl-C.",
    footer = {
      "Settings: properties file and/or SMALLFIRST_* environment variables, e.g.",
      "SMALLFIRST_BOOTSTRAP_SERVERS, SMALLFIRST_SCHEMA_REGISTRY_URL,",
      "SMALLFIRST_FRONTIER_PROVIDER=anthropic|openai|none, SMALLFIRST_FRONTIER_MODEL,",
      "ANTHROPIC_API_KEY / OPENAI_API_KEY or SMALLFIRST_FRONTIER_API_KEY_FILE",
      "(see frontier-worker/README.md)"
    })
public final class FrontierMain implements Callable<Integer> {

  @Mixin private ConfigOption config;

  public static void main(String[] args) {
    System.exit(Commands.execute(new FrontierMain(), args));
  }

  @Override
  public Integer call() throws Exception {
    FrontierApp app =
        FrontierApp.start(
            FrontierSettings.strict(config.load(), System.getenv()), Clock.systemUTC());
    return Commands.runUntilStopped(
        app,
        "frontier",
        app::awaitTermination,
        "smallfirst frontier: the worker failed; see the log above");
  }
}
