package dev.smallfirst.training;

import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.training.cli.Cli;
import dev.smallfirst.training.cli.ValidatedCommand;
import dev.smallfirst.training.data.DataException;
import java.io.IOException;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code smallfirst train}: trains a stage model on a JSON Lines file and writes a model directory
 * the workers load. Exit status 0 on success, 2 for bad usage or unusable data, 1 for I/O failures.
 * Not thread-safe: one instance per run.
 *
 * <pre>
 * ./smallfirst train --stage classify --data banking77/train.jsonl --out models/banking77
 * </pre>
 */
@Command(
    name = "smallfirst train",
    sortOptions = false,
    description = "Trains a stage model and writes a model directory the workers load.")
public final class TrainMain extends ValidatedCommand<TrainOptions> {

  @Mixin TrainOptions.Flags flags = new TrainOptions.Flags();

  private final PrintStream log;
  private final boolean interactive;

  private TrainMain(PrintStream log, boolean interactive) {
    this.log = log;
    this.interactive = interactive;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.err, System.console() != null));
  }

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream log, boolean interactive) {
    return Cli.execute(new TrainMain(log, interactive), args, log, log);
  }

  @Override
  protected TrainOptions options() {
    return flags.toOptions();
  }

  @Override
  protected int run(TrainOptions options) {
    try {
      Manifest m = train(options, log, interactive);
      log.printf("done: %s %s%n", m.name(), m.version());
      return Cli.OK;
    } catch (DataException | IllegalArgumentException e) {
      log.println("smallfirst train: " + e.getMessage());
      return Cli.BAD_USAGE;
    } catch (IOException | ModelLoadException e) {
      // A model directory the trainer reads back (unchecked since the seam is shared) is I/O too.
      log.println("smallfirst train: I/O error: " + e.getMessage());
      return Cli.FAILED;
    }
  }

  /** Trains and writes the model described by {@code options}. */
  public static Manifest train(TrainOptions options, PrintStream log, boolean interactive)
      throws IOException, DataException {
    if (!options.encoder().equals("none")) {
      return switch (options.stage()) {
        case CLASSIFY, SENTIMENT -> new EncoderClassifierJob(options, log, interactive).run();
        case EXTRACT -> new EncoderExtractJob(options, log, interactive).run();
        case DRAFT -> new ReplyBankJob(options, log, interactive).run();
        default ->
            throw new IllegalArgumentException("--encoder does not apply to " + options.stage());
      };
    }
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
