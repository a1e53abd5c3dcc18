package dev.smallfirst.training;

import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.training.data.DataException;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code smallfirst train}: trains a stage model on a JSON Lines file and writes a model directory
 * the workers load. Exit status 0 on success, 2 for bad usage or unusable data, 1 for I/O failures.
 *
 * <pre>
 * ./smallfirst train --stage classify --data banking77/train.jsonl --out models/banking77
 * </pre>
 */
public final class TrainMain {

  private TrainMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.err, System.console() != null));
  }

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream log, boolean interactive) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help")) {
        log.print(TrainOptions.USAGE);
        return 0;
      }
    }
    TrainOptions options;
    try {
      options = TrainOptions.parse(args);
    } catch (IllegalArgumentException e) {
      log.println("smallfirst train: " + e.getMessage());
      log.print(TrainOptions.USAGE);
      return 2;
    }
    try {
      Manifest m = train(options, log, interactive);
      log.printf("done: %s %s%n", m.name(), m.version());
      return 0;
    } catch (DataException | IllegalArgumentException e) {
      log.println("smallfirst train: " + e.getMessage());
      return 2;
    } catch (IOException | ModelLoadException e) {
      // A model directory the trainer reads back (unchecked since the seam is shared) is I/O too.
      log.println("smallfirst train: I/O error: " + e.getMessage());
      return 1;
    }
  }

  /** Trains and writes the model described by {@code options}. */
  public static Manifest train(TrainOptions options, PrintStream log, boolean interactive)
      throws IOException, DataException {
    return switch (options.stage()) {
      case CLASSIFY, SENTIMENT ->
          new ClassifierJob(options, ClassifierJob.hyper(options), log, interactive).run();
      case EXTRACT -> new ExtractJob(options, ExtractJob.hyper(options), log, interactive).run();
      case DRAFT -> new DraftJob(options, DraftJob.hyper(options), log, interactive).run();
      // TrainOptions only accepts the four small-model stages.
      default -> throw new IllegalStateException("no trainer for " + options.stage());
    };
  }
}
