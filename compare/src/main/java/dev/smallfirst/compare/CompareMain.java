package dev.smallfirst.compare;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.eval.ModelRun;
import dev.smallfirst.frontier.prompt.Prompt;
import dev.smallfirst.frontier.prompt.PromptSettings;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.grounding.ReplyKit;
import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.PriceTable;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.topology.routing.InvalidPolicyException;
import dev.smallfirst.topology.routing.MeasuredPolicy;
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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code smallfirst compare}: one eval for both tiers. Runs the small model and the frontier model
 * (through the frontier worker's own client, prompt and resilience) on the same examples, scores
 * both with the same metrics, prices both from reported token usage, sweeps the thresholds with the
 * frontier's measured answers, recommends the cheapest threshold that keeps the required quality
 * and writes it as a routing policy that {@code policy publish} accepts. Exit status 0 on success,
 * 2 for bad options, data, model or settings, 1 for I/O or engine failures.
 *
 * <pre>
 * ANTHROPIC_API_KEY=... ./smallfirst compare --stage classify --data val.jsonl \
 *     --model model-workers/models/classify --report out/compare --frontier-cache out/cache
 * </pre>
 */
@Command(
    name = "smallfirst compare",
    sortOptions = false,
    description = "Runs the small and the frontier model on the same examples and compares them.")
public final class CompareMain extends ValidatedCommand<CompareOptions> {

  @Mixin CompareOptions.Flags flags = new CompareOptions.Flags();

  private final PrintStream out;
  private final PrintStream log;
  private final Map<String, String> env;

  private CompareMain(PrintStream out, PrintStream log, Map<String, String> env) {
    this.out = out;
    this.log = log;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /** Runs the command with {@code env} as the environment (API keys); returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream log, Map<String, String> env) {
    return Cli.execute(new CompareMain(out, log, env), args, out, log);
  }

  @Override
  protected CompareOptions options() {
    return flags.toOptions();
  }

  @Override
  protected int run(CompareOptions o) {
    if (!Files.isRegularFile(o.model().resolve(ModelManifest.FILE_NAME))) {
      return bad("--model " + o.model() + ": " + ModelManifest.FILE_NAME + " is missing");
    }
    FrontierSession session;
    try {
      session = FrontierSession.open(o, env);
    } catch (IllegalArgumentException e) {
      return bad(e.getMessage());
    }
    try (session) {
      ModelManifest manifest = ModelManifest.read(o.model());
      if (manifest.stage() != o.stage()) {
        return bad(
            "--model "
                + o.model()
                + " is a "
                + StageCatalogue.id(manifest.stage())
                + " model, not "
                + StageCatalogue.id(o.stage()));
      }
      Optional<String> base = Optional.empty();
      if (o.policyBase() != null) {
        try {
          base = Optional.of(Files.readString(o.policyBase()));
        } catch (NoSuchFileException e) {
          return bad("--policy-base " + o.policyBase() + ": no such file");
        }
      }
      Scored scored = compare(o, manifest, session);
      ObjectNode report = report(o, manifest, session, scored);
      print(report);
      if (o.report() != null) {
        CompareReport.write(report, o.report());
        CompareReport.writeExamples(scored, o.report());
        out.printf("report written to %s/index.html and compare.json%n", o.report());
      }
      if (o.policyOut() != null && report.path("recommendation").path("threshold").isNumber()) {
        writePolicy(o, manifest, report, base);
      }
      return Cli.OK;
    } catch (ModelLoadException | DataException e) {
      return bad(e.getMessage());
    } catch (InvalidPolicyException e) {
      return bad("--policy-base " + o.policyBase() + ": " + e.getMessage());
    } catch (IOException | InferenceException e) {
      log.println("smallfirst compare: " + e.getMessage());
      return Cli.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.println("smallfirst compare: interrupted");
      return Cli.FAILED;
    }
  }

  private int bad(String message) {
    log.println("smallfirst compare: " + message);
    return Cli.BAD_USAGE;
  }

  /**
   * {@code --reply-kit}, else the model's example kit, else none: a reply-bank draft fills company
   * slots only from a kit, and escalates the drafts that need one it lacks.
   */
  private ReplyKit replyKit(CompareOptions o) throws DataException {
    Path file = o.replyKit();
    if (file == null && Files.isRegularFile(o.model().resolve("reply-kit.example.json"))) {
      file = o.model().resolve("reply-kit.example.json");
    }
    if (file == null) {
      return ReplyKit.EMPTY;
    }
    try {
      return ReplyKit.read(file);
    } catch (IllegalArgumentException e) {
      throw new DataException("--reply-kit: " + e.getMessage());
    }
  }

  /** Runs both tiers on the data and scores them. */
  private Scored compare(CompareOptions o, ModelManifest manifest, FrontierSession session)
      throws IOException, DataException, InferenceException, InterruptedException {
    try (StageModel model = ModelRun.load(o.model(), o.stage(), replyKit(o))) {
      return switch (o.stage()) {
        case CLASSIFY, SENTIMENT -> {
          var c =
              new ClassifyComparison(
                  manifest,
                  limit(DataChecks.read(o.data(), LabeledText::parse, false, log), o),
                  o.stage() == Stage.CLASSIFY ? "intent" : "sentiment");
          c.runSmall(model);
          yield c.score(ask(session, c.prompts()));
        }
        case EXTRACT -> {
          var c =
              new ExtractComparison(
                  manifest, limit(DataChecks.read(o.data(), SpanExample::parse, false, log), o));
          c.runSmall(model);
          yield c.score(ask(session, c.prompts()));
        }
        case DRAFT -> {
          var c =
              new DraftComparison(
                  manifest,
                  limit(DataChecks.read(o.data(), DraftExample::parse, false, log), o),
                  PromptSettings.from(session.config()));
          c.runSmall(model);
          yield c.score(ask(session, c.prompts()));
        }
        default -> throw new IllegalStateException("no comparison for " + o.stage());
      };
    }
  }

  private List<FrontierAnswer> ask(FrontierSession session, List<Prompt> prompts)
      throws IOException, InterruptedException {
    log.printf(
        "asking %s %s about %d examples...%n", session.provider(), session.model(), prompts.size());
    return session.ask(prompts);
  }

  private static <T> List<T> limit(List<T> data, CompareOptions o) {
    return o.limit() == 0 || data.size() <= o.limit() ? data : data.subList(0, o.limit());
  }

  private static ObjectNode report(
      CompareOptions o, ModelManifest manifest, FrontierSession session, Scored scored) {
    List<Scored.Item> both = scored.scored();
    long smallCall = PriceTable.reference().smallCallMicros(o.stage());
    double threshold = ModelRun.threshold(manifest);
    CompareSweep.Routes routes = CompareSweep.routes(both, smallCall);
    List<CompareSweep.Row> rows = CompareSweep.sweep(both, smallCall, threshold);
    CompareSweep.Recommendation rec =
        CompareSweep.recommend(rows, o.requiredQuality(routes.frontierQuality()));
    ObjectNode r = CompareReport.JSON.createObjectNode();
    r.put("stage", StageCatalogue.id(o.stage()));
    r.put("data", o.data().toString());
    r.put("examples", scored.items().size());
    r.put("scored", both.size());
    r.put("notScored", scored.items().size() - both.size());
    var notScored = r.putArray("notScoredExamples");
    IntStream.range(0, scored.items().size())
        .filter(i -> !scored.items().get(i).scored())
        .forEach(i -> notScored.add(i + 1));
    r.put("quality", scored.quality());
    ObjectNode small = r.putObject("small");
    small.put("model", manifest.identity().toString());
    small.put("directory", o.model().toString());
    small.put("threshold", threshold);
    small.put("quality", routes.smallQuality());
    ObjectNode frontier = r.putObject("frontier");
    frontier.put("provider", session.provider());
    frontier.put("model", session.model());
    frontier.put("quality", routes.frontierQuality());
    frontier.put("inputMicrosPerMillion", session.prices().inputMicrosPerMillion());
    frontier.put("outputMicrosPerMillion", session.prices().outputMicrosPerMillion());
    frontier.put("calls", session.attempts());
    frontier.put("cacheHits", session.cacheHits());
    frontier.put("spentMicros", session.spentMicros());
    frontier.put("maxSpendMicros", o.maxSpendMicros());
    frontier.put("stoppedBySpendLimit", session.stopped());
    frontier.put("unusableAnswers", both.stream().filter(i -> i.problem() != null).count());
    ObjectNode problems = frontier.putObject("problems");
    both.stream()
        .filter(i -> i.problem() != null)
        .collect(
            java.util.stream.Collectors.groupingBy(
                i -> i.problem().replaceAll("\\(after \\d+ attempts?\\)", "").strip(),
                java.util.TreeMap::new,
                java.util.stream.Collectors.counting()))
        .forEach(problems::put);
    r.set("metrics", CompareReport.metrics(scored));
    ObjectNode failures = r.putObject("failures");
    failures.set("small", CompareReport.failures(scored.smallFailures()));
    failures.set("frontier", CompareReport.failures(scored.frontierFailures()));
    ObjectNode cost = r.putObject("cost");
    cost.put("smallCallMicros", smallCall);
    cost.put("smallOnlyPer1000Micros", routes.smallOnlyPer1000Micros());
    cost.put("allFrontierPer1000Micros", routes.allFrontierPer1000Micros());
    cost.put("frontierMeanInputTokens", mean(both, true));
    cost.put("frontierMeanOutputTokens", mean(both, false));
    r.set("sweep", CompareReport.sweep(rows));
    ObjectNode rj = r.putObject("recommendation");
    rj.put("requirement", o.requirement());
    rj.put("requiredQuality", rec.required());
    if (rec.row().isPresent()) {
      CompareSweep.Row row = rec.row().get();
      rj.put("threshold", row.threshold());
      rj.put("escalationRate", row.escalationRate());
      rj.put("mixedQuality", row.mixedQuality());
      rj.put("costPer1000Micros", row.costPer1000Micros());
      rj.put("savingVsFrontier", row.savingVsFrontier());
      rj.put(
          "statement",
          String.format(
              Locale.ROOT,
              "threshold %.4f: escalates %.1f%%, mixed %s %.4f (frontier %.4f, small %.4f),"
                  + " $%s per 1,000 messages, %.1f%% saving against all-frontier ($%s)",
              row.threshold(),
              100 * row.escalationRate(),
              scored.quality(),
              row.mixedQuality(),
              routes.frontierQuality(),
              routes.smallQuality(),
              CompareReport.dollars(row.costPer1000Micros()),
              100 * row.savingVsFrontier(),
              CompareReport.dollars(routes.allFrontierPer1000Micros())));
    } else {
      rj.putNull("threshold");
      rj.put(
          "statement",
          String.format(
              Locale.ROOT,
              "no threshold keeps %s (%.4f needed; frontier %.4f, small %.4f): no policy written",
              o.requirement(),
              rec.required(),
              routes.frontierQuality(),
              routes.smallQuality()));
    }
    return r;
  }

  private static double mean(List<Scored.Item> items, boolean input) {
    return items.stream()
        .map(Scored.Item::frontier)
        .filter(a -> a instanceof FrontierAnswer.Replied)
        .mapToLong(
            a ->
                input
                    ? ((FrontierAnswer.Replied) a).inputTokens()
                    : ((FrontierAnswer.Replied) a).outputTokens())
        .average()
        .orElse(Double.NaN);
  }

  private void print(ObjectNode r) {
    out.printf(
        "%s: %d examples, %d scored by both tiers, %d not scored%n",
        r.path("stage").asText(),
        r.path("examples").asInt(),
        r.path("scored").asInt(),
        r.path("notScored").asInt());
    r.get("metrics")
        .properties()
        .forEach(
            e ->
                out.printf(
                    Locale.ROOT,
                    "%-40s %.4f [%.4f, %.4f]%n",
                    e.getKey(),
                    e.getValue().path("value").asDouble(),
                    e.getValue().path("low").asDouble(),
                    e.getValue().path("high").asDouble()));
    ObjectNode f = (ObjectNode) r.get("frontier");
    out.printf(
        "frontier: %d calls, %d cache hits, %d unusable answers, spent $%s%s%n",
        f.path("calls").asInt(),
        f.path("cacheHits").asInt(),
        f.path("unusableAnswers").asInt(),
        CompareReport.dollars(f.path("spentMicros").asLong()),
        f.path("stoppedBySpendLimit").asBoolean() ? " (stopped by --max-spend)" : "");
    out.printf(
        "per 1,000 messages: small only $%s, all frontier $%s%n",
        CompareReport.dollars(r.path("cost").path("smallOnlyPer1000Micros").asLong()),
        CompareReport.dollars(r.path("cost").path("allFrontierPer1000Micros").asLong()));
    out.println("recommendation: " + r.path("recommendation").path("statement").asText());
  }

  private void writePolicy(
      CompareOptions o, ModelManifest manifest, ObjectNode report, Optional<String> base)
      throws IOException, InvalidPolicyException {
    double t = report.path("recommendation").path("threshold").asDouble();
    String doc =
        MeasuredPolicy.apply(
            base,
            StageCatalogue.id(o.stage()),
            Math.min(1.0, t),
            List.of(
                "Generated by ./smallfirst compare --stage "
                    + StageCatalogue.id(o.stage())
                    + " --data "
                    + o.data(),
                "small "
                    + manifest.identity()
                    + " vs "
                    + report.path("frontier").path("provider").asText()
                    + " "
                    + report.path("frontier").path("model").asText(),
                report.path("recommendation").path("statement").asText()));
    Path out = o.policyOut();
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.writeString(out, doc);
    this.out.printf("routing policy written to %s (./smallfirst policy publish %s)%n", out, out);
  }
}
