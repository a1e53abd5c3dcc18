package dev.smallfirst.topology;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code ./smallfirst topology [--config FILE]}: runs the topology until SIGTERM/Ctrl-C. Settings
 * come from the file and {@code SMALLFIRST_*} environment variables; see the README.
 */
public final class TopologyMain {
  private TopologyMain() {}

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
    TopologySettings settings;
    try {
      settings = TopologySettings.from(ConfigSource.load(config, System.getenv()));
    } catch (ConfigException e) {
      System.err.println("smallfirst topology: bad setting " + e.getMessage());
      System.exit(2);
      return;
    }
    TopologyApp app = TopologyApp.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "topology-shutdown"));
    if (app.awaitTermination() == KafkaStreams.State.ERROR) {
      System.err.println("smallfirst topology: Kafka Streams failed; see the log above");
      Runtime.getRuntime().halt(1);
    }
  }

  private static void usage(String problem) {
    System.err.println(
        (problem == null ? "" : "smallfirst topology: " + problem + "\n")
            + "usage: smallfirst topology [--config FILE]\n"
            + "  settings: properties file and/or SMALLFIRST_* environment variables, e.g.\n"
            + "  SMALLFIRST_BOOTSTRAP_SERVERS, SMALLFIRST_SCHEMA_REGISTRY_URL, SMALLFIRST_TOPIC_PREFIX,\n"
            + "  SMALLFIRST_POLICY_FILE, SMALLFIRST_HTTP_PORT (see README: Configuration)");
    System.exit(problem == null ? 0 : 2);
  }
}
