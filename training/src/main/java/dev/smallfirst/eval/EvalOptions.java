package dev.smallfirst.eval;

import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.training.cli.Cli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Command-line options of {@code smallfirst eval}, validated in the constructor with errors that
 * name the option. Immutable; {@link Flags} is what picocli fills.
 *
 * @param stage the stage the model serves
 * @param model the model directory
 * @param data the evaluation file (JSON Lines)
 * @param predictions where to write one prediction per line
 * @param report directory for {@code summary.json} and {@code index.html}, or null
 * @param prices price table file, or null for {@link EscalationPrices#defaults()}
 * @param strict refuse the data when any line is bad
 * @param writeThreshold write the threshold the sweep chooses into the model's manifest
 * @param maxEscalation the largest share of answerable examples the chosen threshold may escalate
 * @param upstream for drafts: {@code predicted} (classify, extract and sentiment models make the
 *     draft's context from the raw request, the whole chain) or {@code gold} (the rows' labels)
 * @param upstreamModels for drafts with predicted upstream: the classify, extract and sentiment
 *     model directories (null for the siblings of {@code model}: {@code ../classify}, ...)
 * @param replyKit for drafts: the reply kit file, or null for the model directory's {@code
 *     reply-kit.example.json} when it has one
 */
public record EvalOptions(
    Stage stage,
    Path model,
    Path data,
    Path predictions,
    Path report,
    Path prices,
    boolean strict,
    boolean writeThreshold,
    double maxEscalation,
    String upstream,
    Map<Stage, Path> upstreamModels,
    Path replyKit) {

  public EvalOptions {
    if (stage == null || model == null || data == null || predictions == null) {
      throw new IllegalArgumentException("--stage, --model, --data and --predictions are required");
    }
    upstream = upstream == null ? "predicted" : upstream.trim().toLowerCase(java.util.Locale.ROOT);
    if (!upstream.equals("predicted") && !upstream.equals("gold")) {
      throw new IllegalArgumentException("--upstream must be predicted or gold, got " + upstream);
    }
    Map<Stage, Path> models = new java.util.EnumMap<>(Stage.class);
    for (Stage s : List.of(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT)) {
      Path given = upstreamModels == null ? null : upstreamModels.get(s);
      Path parent = model.toAbsolutePath().getParent();
      models.put(
          s,
          given != null
              ? given
              : (parent == null
                  ? Path.of(StageCatalogue.id(s))
                  : parent.resolve(StageCatalogue.id(s))));
    }
    upstreamModels = Map.copyOf(models);
    if (!(maxEscalation >= 0 && maxEscalation <= 1)) {
      throw new IllegalArgumentException(
          "--max-escalation must be within [0, 1]: " + maxEscalation);
    }
  }

  /**
   * Parses {@code args} as {@code smallfirst eval} does.
   *
   * @throws IllegalArgumentException naming the bad option (picocli's {@code ParameterException}
   *     for syntax errors)
   */
  public static EvalOptions parse(String... args) {
    return Cli.parse(new Flags(), args).toOptions();
  }

  /** The command-line flags, as picocli fills them; {@link #toOptions()} validates them. */
  public static final class Flags {
    @Option(
        names = "--stage",
        paramLabel = "classify|extract|sentiment|draft",
        converter = Cli.StageConverter.class,
        description = "the stage the model serves (required)")
    Stage stage;

    @Option(names = "--model", paramLabel = "DIR", description = "the model directory (required)")
    Path model;

    @Option(names = "--data", paramLabel = "FILE.jsonl", description = "labeled file (required)")
    Path data;

    @Option(
        names = "--predictions",
        paramLabel = "OUT.jsonl",
        description = "where to write one prediction per line (required)")
    Path predictions;

    @Option(
        names = "--report",
        paramLabel = "DIR",
        description = "writes DIR/summary.json and DIR/index.html (charts, sweep, errors)")
    Path report;

    @Option(
        names = "--prices",
        paramLabel = "PRICES.json",
        description = "{\"smallMicros\": 20, \"frontierMicros\": 12000, \"frontierQuality\": 0.97}")
    Path prices;

    @Option(names = "--strict", description = "refuse the data if any line is bad")
    boolean strict;

    @Option(
        names = "--write-threshold",
        description =
            "writes the threshold the sweep chooses into the model's manifest.json (use data the"
                + " model did not train on)")
    boolean writeThreshold;

    @Option(
        names = "--max-escalation",
        paramLabel = "RATE",
        description =
            "largest share of answerable examples the chosen threshold escalates (default 0.10)")
    double maxEscalation = 0.10;

    @Option(
        names = "--upstream",
        paramLabel = "predicted|gold",
        description =
            "drafts: predicted (default) runs classify, extract and sentiment on the raw request;"
                + " gold uses the rows' labels")
    String upstream = "predicted";

    @Option(
        names = "--classify-model",
        paramLabel = "DIR",
        description = "drafts: the classify model (default: ../classify beside --model)")
    Path classifyModel;

    @Option(
        names = "--extract-model",
        paramLabel = "DIR",
        description = "drafts: the extract model (default: ../extract beside --model)")
    Path extractModel;

    @Option(
        names = "--sentiment-model",
        paramLabel = "DIR",
        description = "drafts: the sentiment model (default: ../sentiment beside --model)")
    Path sentimentModel;

    @Option(
        names = "--reply-kit",
        paramLabel = "KIT.json",
        description =
            "drafts: the tenants' company facts (default: the model's reply-kit.example.json)")
    Path replyKit;

    /** The validated options; throws {@link IllegalArgumentException} naming the bad option. */
    public EvalOptions toOptions() {
      Map<Stage, Path> upstreamModels = new java.util.EnumMap<>(Stage.class);
      if (classifyModel != null) {
        upstreamModels.put(Stage.CLASSIFY, classifyModel);
      }
      if (extractModel != null) {
        upstreamModels.put(Stage.EXTRACT, extractModel);
      }
      if (sentimentModel != null) {
        upstreamModels.put(Stage.SENTIMENT, sentimentModel);
      }
      return new EvalOptions(
          stage,
          model,
          data,
          predictions,
          report,
          prices,
          strict,
          writeThreshold,
          maxEscalation,
          upstream,
          upstreamModels,
          replyKit);
    }
  }
}
