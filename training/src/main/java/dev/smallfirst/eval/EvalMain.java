package dev.smallfirst.eval;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.training.calibration.EscalationThreshold;
import dev.smallfirst.training.cli.Cli;
import dev.smallfirst.training.cli.ValidatedCommand;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.DraftExample;
import dev.smallfirst.training.data.LabeledText;
import dev.smallfirst.training.data.SpanExample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code smallfirst eval}: runs a model directory on a labeled file, writes the predictions and
 * prints (and optionally reports as HTML + JSON) the metrics. Exit status 0 on success, 2 for bad
 * usage, unusable data or a model that does not load, 1 for I/O or engine failures.
 *
 * <pre>
 * ./smallfirst eval --stage classify --model models/banking77 --data test.jsonl \
 *     --predictions out/predictions.jsonl --report out/report
 * </pre>
 */
@Command(
    name = "smallfirst eval",
    sortOptions = false,
    description = "Runs a model directory on a labeled file and reports its metrics.")
public final class EvalMain extends ValidatedCommand<EvalOptions> {

  @Mixin EvalOptions.Flags flags = new EvalOptions.Flags();

  private final PrintStream out;
  private final PrintStream log;

  private EvalMain(PrintStream out, PrintStream log) {
    this.out = out;
    this.log = log;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream log) {
    return Cli.execute(new EvalMain(out, log), args, out, log);
  }

  @Override
  protected EvalOptions options() {
    return flags.toOptions();
  }

  @Override
  protected int run(EvalOptions o) {
    if (!Files.isRegularFile(o.model().resolve(ModelManifest.FILE_NAME))) {
      log.printf("smallfirst eval: model %s: %s is missing%n", o.model(), ModelManifest.FILE_NAME);
      return Cli.BAD_USAGE;
    }
    try {
      ModelManifest manifest = ModelManifest.read(o.model());
      if (manifest.stage() != o.stage()) {
        log.printf(
            "smallfirst eval: %s is a %s model, not %s%n",
            o.model(), StageCatalogue.id(manifest.stage()), StageCatalogue.id(o.stage()));
        return Cli.BAD_USAGE;
      }
      if (o.writeThreshold() && ManifestThreshold.trainedOn(manifest, o.data())) {
        log.printf(
            "smallfirst eval: --write-threshold: %s is the data %s was trained on; choose the"
                + " threshold on validation data it did not see%n",
            o.data(), o.model());
        return Cli.BAD_USAGE;
      }
      EscalationPrices prices =
          o.prices() == null
              ? EscalationPrices.reference(o.stage())
              : EscalationPrices.read(o.prices(), o.stage());
      EvalReport report = evaluate(o, manifest, prices);
      report.headline().keySet().forEach(k -> out.printf("%-36s %s%n", k, report.display(k)));
      out.printf("%-36s %s%n", "", "[bootstrap 95% interval]");
      out.printf("%-36s %s%n", "failures by severity", FailureModes.totals(report.failures()));
      out.printf("predictions written to %s%n", o.predictions());
      if (o.report() != null) {
        ReportWriter.write(report, o.report());
        out.printf("report written to %s/index.html and summary.json%n", o.report());
      }
      if (o.writeThreshold()) {
        writeThreshold(o, report);
      }
      return Cli.OK;
    } catch (ModelLoadException | DataException e) {
      log.println("smallfirst eval: " + e.getMessage());
      return Cli.BAD_USAGE;
    } catch (IOException | InferenceException e) {
      log.println("smallfirst eval: " + e.getMessage());
      return Cli.FAILED;
    }
  }

  /** Writes the sweep's choice into the manifest (nothing else of it changes). */
  private void writeThreshold(EvalOptions o, EvalReport report) throws IOException {
    EscalationThreshold.Choice choice =
        ThresholdSweep.choose(report.items(), o.maxEscalation(), report.prices().frontierQuality());
    ManifestThreshold.write(
        o.model(),
        choice.threshold(),
        o.data().toString(),
        report.items().size(),
        o.maxEscalation());
    out.printf(
        "threshold %.4f (was %.4f) written to %s: escalates %.1f%% of answerable examples%s%n",
        choice.threshold(),
        report.modelThreshold(),
        o.model().resolve(ModelManifest.FILE_NAME),
        100 * choice.knownEscalated(),
        Double.isNaN(choice.unknownRecall())
            ? ""
            : String.format(
                Locale.ROOT, ", %.1f%% of unanswerable ones", 100 * choice.unknownRecall()));
  }

  /**
   * Drafts for every row through the whole chain (or gold upstream), with the reply kit, and
   * evaluates them.
   */
  private EvalReport draft(
      EvalOptions o, ModelManifest manifest, EscalationPrices prices, String name)
      throws IOException, DataException, InferenceException {
    ReplyKit kit = replyKit(o);
    List<DraftExample> data = DataChecks.read(o.data(), DraftExample::parse, o.strict(), log);
    List<StageInput> requests =
        DraftChain.requests(o, data.stream().map(DraftExample::input).toList(), log);
    try (StageModel model = ModelRun.load(o.model(), o.stage(), kit)) {
      return DraftEval.run(model, manifest, data, requests, o.predictions(), name, prices, kit);
    }
  }

  /** {@code --reply-kit}, else the model's example kit, else none (said so). */
  private ReplyKit replyKit(EvalOptions o) throws DataException {
    Path file = o.replyKit();
    if (file == null && Files.isRegularFile(o.model().resolve(EXAMPLE_KIT))) {
      file = o.model().resolve(EXAMPLE_KIT);
    }
    if (file == null) {
      log.println(
          "smallfirst eval: no --reply-kit: company slots cannot be filled, such drafts escalate");
      return ReplyKit.EMPTY;
    }
    try {
      ReplyKit kit = ReplyKit.read(file);
      out.printf("reply kit %s%n", file);
      return kit;
    } catch (IllegalArgumentException e) {
      throw new DataException("--reply-kit: " + e.getMessage());
    }
  }

  /** The example reply kit the trainer writes into a reply-bank directory. */
  static final String EXAMPLE_KIT = "reply-kit.example.json";

  /** Loads the model through the one seam, as the worker does, and evaluates it on the data. */
  private EvalReport evaluate(EvalOptions o, ModelManifest manifest, EscalationPrices prices)
      throws IOException, DataException, InferenceException {
    if (o.stage() == Stage.DRAFT) {
      return draft(o, manifest, prices, o.data().toString());
    }
    try (StageModel model = ModelRun.load(o.model(), o.stage())) {
      String name = o.data().toString();
      return switch (o.stage()) {
        case CLASSIFY, SENTIMENT ->
            ClassificationEval.run(
                model,
                manifest,
                DataChecks.read(o.data(), LabeledText::parse, o.strict(), log),
                o.predictions(),
                name,
                prices);
        case EXTRACT ->
            ExtractionEval.run(
                model,
                manifest,
                DataChecks.read(o.data(), SpanExample::parse, o.strict(), log),
                o.predictions(),
                name,
                prices);
        default -> throw new IllegalStateException("no evaluator for " + o.stage());
      };
    }
  }
}
