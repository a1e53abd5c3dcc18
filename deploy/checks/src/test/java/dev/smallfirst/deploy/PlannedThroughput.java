package dev.smallfirst.deploy;

import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;

/** The measured worker throughput of {@code deploy/kubernetes/worker-throughput.properties}. */
final class PlannedThroughput {
  private static final Properties FIGURES = load();

  private PlannedThroughput() {}

  /** Measured requests/s of one replica of {@code stage}. */
  static double measured(Stage stage) {
    return Double.parseDouble(FIGURES.getProperty(StageCatalogue.id(stage)));
  }

  /** The lagThreshold the figures give {@code stage}, before rounding down to tens. */
  static double lagThreshold(Stage stage) {
    double planned = measured(stage) * share("planning.share");
    double deadlineSeconds = StageCatalogue.of(stage).defaultDeadline().toMillis() / 1000.0;
    return planned * deadlineSeconds * share("deadline.share");
  }

  private static double share(String key) {
    return Double.parseDouble(FIGURES.getProperty(key));
  }

  private static Properties load() {
    Properties p = new Properties();
    try (Reader r =
        Files.newBufferedReader(Deployment.KUBERNETES.resolve("worker-throughput.properties"))) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
