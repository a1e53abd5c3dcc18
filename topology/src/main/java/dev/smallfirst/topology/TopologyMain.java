package dev.smallfirst.topology;

import dev.smallfirst.runtime.cli.Commands;
import dev.smallfirst.runtime.cli.ConfigOption;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./smallfirst topology [--config FILE]}: runs the topology until SIGTERM/Ctrl-C. Settings
 * come from the file and {@code SMALLFIRST_*} environment variables; see the README. Exit status: 1
 * when Kafka Streams failed, 2 for bad arguments or settings.
 */
@Command(
    name = "smallfirst topology",
    mixinStandardHelpOptions = true,
    versionProvider = Commands.Version.class,
    description = "Runs the Kafka Streams topology until SIGTERM/Ctrl-C.",
    footer = {
      "Settings: properties file and/or SMALLFIRST_* environment variables, e.g.",
      "SMALLFIRST_BOOTSTRAP_SERVERS, SMALLFIRST_SCHEMA_REGISTRY_URL,",
      "SMALLFIRST_TOPIC_PREFIX, SMALLFIRST_POLICY_FILE, SMALLFIRST_HTTP_PORT",
      "(see README: Configuration)"
    })
public final class TopologyMain implements Callable<Integer> {

  @Mixin private ConfigOption config;

  public static void main(String[] args) {
    System.exit(Commands.execute(new TopologyMain(), args));
  }

  @Override
  public Integer call() throws Exception {
    TopologyApp app = TopologyApp.start(TopologySettings.strict(config.load()));
    return Commands.runUntilStopped(
        app,
        "topology",
        () -> app.awaitTermination() == KafkaStreams.State.ERROR,
        "smallfirst topology: Kafka Streams failed; see the log above");
  }
}
