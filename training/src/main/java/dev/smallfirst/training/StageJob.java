package dev.smallfirst.training;

import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.training.data.DataException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a stage's training job starts from: the options, the hyperparameters, where to log and
 * whether to draw progress bars. Not thread-safe; one per run.
 *
 * @param <H> the trainer's hyperparameters
 */
abstract class StageJob<H> {
  final TrainOptions options;
  H hyper;
  final PrintStream log;
  final boolean interactive;

  StageJob(TrainOptions options, H hyper, PrintStream log, boolean interactive) {
    this.options = options;
    this.hyper = hyper;
    this.log = log;
    this.interactive = interactive;
  }

  /** Runs the job; returns the manifest written. */
  public abstract Manifest run() throws IOException, DataException;

  /**
   * The manifest's training summary; after a refit ({@code held} data and {@code --refit}) the
   * model was trained on all {@code examples}, otherwise on the {@code trained} split.
   */
  Map<String, Object> summary(
      int examples, int trained, boolean held, int epochs, int maxEpochs, Double seconds)
      throws IOException {
    return JobSupport.summary(
        options,
        examples,
        held && options.refit() ? examples : trained,
        epochs,
        maxEpochs,
        seconds);
  }

  /** Seconds since {@code started}, a {@link System#nanoTime()} reading. */
  static double secondsSince(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  /** A progress bar named after the stage, plus {@code suffix}. */
  ProgressBar bar(String suffix) {
    return new ProgressBar(
        log, StageCatalogue.id(options.stage()) + suffix, interactive, System::nanoTime);
  }
}
