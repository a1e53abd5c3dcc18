package dev.smallfirst.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.smallfirst.eval.ClassificationEval;
import dev.smallfirst.eval.EscalationPrices;
import dev.smallfirst.eval.EvalReport;
import dev.smallfirst.eval.ExtractionEval;
import dev.smallfirst.eval.ModelRun;
import dev.smallfirst.eval.ReportWriter;
import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.training.cli.Cli;
import dev.smallfirst.training.cli.HelpOption;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.JsonlReader;
import dev.smallfirst.training.data.LabeledText;
import dev.smallfirst.training.data.SpanExample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code smallfirst benchmark-models}: measures the trainer on the public data sets without
 * touching their held-back test sets. Each training file is split once (seed 13) into 85% for
 * training and 15% held out; the trainer runs with its defaults on the 85% (CLINC150 also with
 * {@code val + oos_val} as {@code --validation}, which chooses the escalation threshold), and the
 * evaluator scores the held-out 15% (CLINC150: plus {@code oos_train}, never seen in training).
 * Prints one line per task and writes {@code benchmark.json} and an HTML report per task.
 *
 * <pre>
 * ./smallfirst benchmark-models [--datasets ../shared/datasets] [--work target/benchmark]
 *                               [--only banking77,clinc150,airline,restaurant8k]
 * </pre>
 */
@Command(
    name = "smallfirst benchmark-models",
    sortOptions = false,
    description = "Measures the trainer on the public data sets (own held-out split).")
public final class BenchmarkMain implements Callable<Integer> {

  private static final long SPLIT_SEED = 13;
  private static final double HELD_OUT = 0.15;
  private static final List<String> TASKS =
      List.of("banking77", "clinc150", "airline", "restaurant8k");

  @Spec CommandSpec spec;

  @Option(names = "--datasets", paramLabel = "DIR", description = "(default: ../shared/datasets)")
  Path datasets = Path.of("../shared/datasets");

  @Option(names = "--work", paramLabel = "DIR", description = "(default: target/benchmark)")
  Path work = Path.of("target/benchmark");

  @Option(
      names = "--only",
      paramLabel = "a,b",
      split = ",",
      description = "tasks to run (default: banking77,clinc150,airline,restaurant8k)")
  List<String> only = TASKS;

  @Option(
      names = "--encoder",
      paramLabel = "none|minilm-int8|minilm-fp32|e5-small-int8",
      description =
          "train every task on this pretrained encoder, or none for the n-gram/LSTM models"
              + " (default: the trainer's per stage)")
  String encoder;

  @Mixin HelpOption help = new HelpOption();

  private BenchmarkMain() {}

  public static void main(String[] args) {
    System.exit(Cli.execute(new BenchmarkMain(), args, System.out, System.err));
  }

  @Override
  public Integer call() throws Exception {
    for (String task : only) {
      if (!TASKS.contains(task)) {
        throw Cli.badUsage(spec, "--only: unknown task '" + task + "'; known: " + TASKS);
      }
    }
    if (!Files.isDirectory(datasets)) {
      System.err.println("benchmark-models: " + datasets + " is absent; nothing to measure");
      return Cli.BAD_USAGE;
    }
    Files.createDirectories(work);
    PrintStream log = System.err;
    Map<String, Object> results = new LinkedHashMap<>();
    for (String task : only) {
      Map<String, Object> r =
          switch (task) {
            case "banking77" ->
                classify(
                    task,
                    Stage.CLASSIFY,
                    datasets.resolve("banking77/train.jsonl"),
                    null,
                    null,
                    work,
                    log);
            case "clinc150" ->
                classify(
                    task,
                    Stage.CLASSIFY,
                    datasets.resolve("clinc150/train.jsonl"),
                    List.of(
                        datasets.resolve("clinc150/val.jsonl"),
                        datasets.resolve("clinc150/oos_val.jsonl")),
                    datasets.resolve("clinc150/oos_train.jsonl"),
                    work,
                    log);
            case "airline" ->
                classify(
                    task,
                    Stage.SENTIMENT,
                    datasets.resolve("airline-sentiment/train.jsonl"),
                    null,
                    null,
                    work,
                    log);
            case "restaurant8k" ->
                extract(task, datasets.resolve("restaurant8k/train.jsonl"), work, log);
            default -> throw new IllegalArgumentException("unknown task " + task);
          };
      results.put(task, r);
      System.out.println(task + " " + r);
    }
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(work.resolve("benchmark.json").toFile(), results);
    System.out.println("wrote " + work.resolve("benchmark.json"));
    return Cli.OK;
  }

  private Map<String, Object> classify(
      String task,
      Stage stage,
      Path file,
      List<Path> validation,
      Path extraTest,
      Path work,
      PrintStream log)
      throws Exception {
    Path dir = work.resolve(task);
    List<LabeledText> all = JsonlReader.read(file, LabeledText::parse).examples();
    List<List<LabeledText>> split = ClassifierJob.stratifiedSplit(all, HELD_OUT, SPLIT_SEED);
    List<LabeledText> test = new ArrayList<>(split.get(1));
    if (extraTest != null) {
      test.addAll(JsonlReader.read(extraTest, LabeledText::parse).examples());
    }
    Path trainFile = write(dir.resolve("train.jsonl"), split.get(0));
    write(dir.resolve("test.jsonl"), test);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--stage",
                StageCatalogue.id(stage),
                "--data",
                trainFile.toString(),
                "--out",
                dir.resolve("model").toString()));
    if (validation != null) {
      List<String> v = validation.stream().map(Path::toString).toList();
      args.addAll(List.of("--validation", String.join(",", v)));
    }
    return trainAndEvaluate(
        dir,
        args,
        log,
        stage,
        (model, manifest, predictions, data) ->
            ClassificationEval.run(
                model, manifest, test, predictions, data, EscalationPrices.reference(stage)));
  }

  private Map<String, Object> extract(String task, Path file, Path work, PrintStream log)
      throws IOException, DataException, InferenceException {
    Path dir = work.resolve(task);
    List<SpanExample> all = new ArrayList<>(JsonlReader.read(file, SpanExample::parse).examples());
    Collections.shuffle(all, new Random(SPLIT_SEED));
    int n = (int) Math.round(all.size() * HELD_OUT);
    List<SpanExample> test = all.subList(0, n);
    Path trainFile = writeSpans(dir.resolve("train.jsonl"), all.subList(n, all.size()));
    writeSpans(dir.resolve("test.jsonl"), test);
    return trainAndEvaluate(
        dir,
        List.of(
            "--stage",
            "extract",
            "--data",
            trainFile.toString(),
            "--out",
            dir.resolve("model").toString()),
        log,
        Stage.EXTRACT,
        (model, manifest, predictions, data) ->
            ExtractionEval.run(
                model,
                manifest,
                test,
                predictions,
                data,
                EscalationPrices.reference(Stage.EXTRACT)));
  }

  /** How a task's trained model is evaluated on its held-out file. */
  @FunctionalInterface
  private interface Evaluation {
    EvalReport run(StageModel model, ModelManifest manifest, Path predictions, String dataName)
        throws IOException, InferenceException;
  }

  /**
   * Trains with {@code trainArgs} into {@code dir/model}, evaluates it on {@code dir/test.jsonl}
   * and writes the report; returns the headline with training time and epochs.
   */
  private Map<String, Object> trainAndEvaluate(
      Path dir, List<String> trainArgs, PrintStream log, Stage stage, Evaluation evaluation)
      throws IOException, DataException, InferenceException {
    long t0 = System.nanoTime();
    double cpu0 = cpuSeconds();
    List<String> withEncoder = new ArrayList<>(trainArgs);
    if (encoder != null) {
      withEncoder.addAll(List.of("--encoder", encoder));
    }
    Manifest m =
        TrainMain.train(TrainOptions.parse(withEncoder.toArray(String[]::new)), log, false);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = cpuSeconds() - cpu0;
    EvalReport report;
    Path modelDir = dir.resolve("model");
    try (StageModel model = ModelRun.load(modelDir, stage)) {
      report =
          evaluation.run(
              model,
              ModelManifest.read(modelDir),
              dir.resolve("predictions.jsonl"),
              dir.resolve("test.jsonl").toString());
    }
    ReportWriter.write(report, dir.resolve("report"));
    Map<String, Object> r = new LinkedHashMap<>(report.headline());
    r.put("train seconds", Math.round(seconds));
    r.put("train cpu seconds", Math.round(cpu));
    r.put("epochs", m.training().get("epochs"));
    return r;
  }

  /** CPU time of this process so far (all threads, native ones included). */
  private static double cpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toMillis() / 1000.0)
        .orElse(0.0);
  }

  private static Path write(Path file, List<LabeledText> rows) throws IOException {
    Files.createDirectories(file.getParent());
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (LabeledText t : rows) {
      lines.add(json.writeValueAsString(t));
    }
    Files.write(file, lines);
    return file;
  }

  private static Path writeSpans(Path file, List<SpanExample> rows) throws IOException {
    Files.createDirectories(file.getParent());
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    for (SpanExample e : rows) {
      var o = json.createObjectNode().put("text", e.text());
      var spans = o.putArray("spans");
      e.spans()
          .forEach(
              s ->
                  spans
                      .addObject()
                      .put("start", s.start())
                      .put("end", s.end())
                      .put("label", s.label()));
      lines.add(json.writeValueAsString(o));
    }
    Files.write(file, lines);
    return file;
  }
}
