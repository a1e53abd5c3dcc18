package dev.smallfirst.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.encoder.EncoderSpec;
import dev.smallfirst.records.Stage;
import dev.smallfirst.training.cli.Cli;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code smallfirst eval-quantization}: runs one {@code onnx-encoder} model with the int8 and with
 * the fp32 all-MiniLM-L6-v2 encoder side by side on the same examples (the head unchanged: the
 * manifest's {@code encoder} block is swapped in a copy of the directory), and reports each
 * encoder's quality and throughput and the paired quality delta with a bootstrap 95% interval.
 * Quality is accuracy for classify and sentiment and exact-match span F1 for extract (entity types
 * compared case-insensitively, so Bitext rows are read as they are).
 *
 * <pre>
 * ./smallfirst eval-quantization --stage classify --model model-workers/models/classify \
 *     --data holdout.jsonl [--limit 2000] [--report target/quantization.json]
 * </pre>
 */
@Command(
    name = "smallfirst eval-quantization",
    sortOptions = false,
    description = "Int8 vs fp32 encoder on the same examples: quality delta with a 95%% interval.")
public final class QuantizationMain implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int RESAMPLES = 1000;

  @Option(
      names = "--stage",
      required = true,
      converter = Cli.StageConverter.class,
      description = "classify|sentiment|extract")
  Stage stage;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "an onnx-encoder model directory")
  Path model;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE.jsonl",
      split = ",",
      description = "eval files")
  List<Path> data;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "first N examples of each file (default: all)")
  int limit = Integer.MAX_VALUE;

  @Option(names = "--report", paramLabel = "FILE.json", description = "write the figures as JSON")
  Path report;

  @Option(names = "--seed", paramLabel = "S", description = "bootstrap seed (default: 11)")
  long seed = 11;

  private final PrintStream out;

  private QuantizationMain(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the command; returns the exit status. */
  public static int run(String[] args, PrintStream out) {
    return Cli.execute(new QuantizationMain(out), args, out, out);
  }

  /** One encoder's figures on one file. */
  record Side(String encoder, double quality, double perSecond, double[] perExample) {}

  @Override
  public Integer call() throws Exception {
    ObjectNode root = JSON.createObjectNode();
    root.put("stage", stage.name().toLowerCase(Locale.ROOT));
    root.put("model", model.toString());
    var sets = root.putArray("sets");
    Path tmp = Files.createTempDirectory("smallfirst-quant");
    try {
      Path int8 = withEncoder(model, tmp.resolve("int8"), EncoderSpec.MINILM_INT8);
      Path fp32 = withEncoder(model, tmp.resolve("fp32"), EncoderSpec.MINILM_FP32);
      out.printf(
          "%-28s %8s %8s %9s %22s %9s %9s%n",
          "data", "examples", "int8", "fp32", "delta int8-fp32 [95%]", "int8/s", "fp32/s");
      for (Path file : data) {
        List<JsonNode> rows = read(file, limit);
        Side a = side(int8, "int8", rows);
        Side b = side(fp32, "fp32", rows);
        double[] ci = pairedInterval(a.perExample(), b.perExample(), rows, seed);
        double delta = a.quality() - b.quality();
        out.printf(
            Locale.ROOT,
            "%-28s %8d %8.4f %9.4f %+8.4f [%+.4f, %+.4f] %9.0f %9.0f%n",
            file.getFileName(),
            rows.size(),
            a.quality(),
            b.quality(),
            delta,
            ci[0],
            ci[1],
            a.perSecond(),
            b.perSecond());
        ObjectNode s = sets.addObject();
        s.put("data", file.getFileName().toString());
        s.put("examples", rows.size());
        s.put("metric", stage == Stage.EXTRACT ? "spanF1" : "accuracy");
        s.put("int8", round(a.quality()));
        s.put("fp32", round(b.quality()));
        s.put("delta", round(delta));
        s.put("deltaLow", round(ci[0]));
        s.put("deltaHigh", round(ci[1]));
        s.put("int8PerSecond", Math.round(a.perSecond()));
        s.put("fp32PerSecond", Math.round(b.perSecond()));
      }
    } finally {
      deleteTree(tmp);
    }
    if (report != null) {
      Files.createDirectories(report.toAbsolutePath().getParent());
      Files.writeString(report, JSON.writeValueAsString(root) + "\n");
    }
    return Cli.OK;
  }

  /** A copy of {@code dir} whose manifest names {@code spec} as its encoder. */
  static Path withEncoder(Path dir, Path copy, EncoderSpec spec) throws IOException {
    copyTree(dir, copy);
    ObjectNode m = (ObjectNode) JSON.readTree(copy.resolve(ModelManifest.FILE_NAME).toFile());
    if (!"onnx-encoder".equals(m.path("format").asText())) {
      throw new IllegalArgumentException(dir + " is not an onnx-encoder model directory");
    }
    m.set("encoder", JSON.valueToTree(spec.toJson()));
    Files.writeString(copy.resolve(ModelManifest.FILE_NAME), JSON.writeValueAsString(m));
    return copy;
  }

  private Side side(Path dir, String name, List<JsonNode> rows) throws Exception {
    List<StageInput> inputs =
        rows.stream().map(r -> StageInput.of(r.path("text").asText())).toList();
    try (StageModel m = ModelRun.load(dir, stage)) {
      ModelRun.predict(m, inputs.subList(0, Math.min(8, inputs.size())), 8); // warm up
      long started = System.nanoTime();
      List<StageOutcome> outcomes = ModelRun.predict(m, inputs, 32);
      double seconds = (System.nanoTime() - started) / 1e9;
      double[] per = new double[rows.size() * (stage == Stage.EXTRACT ? 3 : 1)];
      for (int i = 0; i < rows.size(); i++) {
        score(rows.get(i), outcomes.get(i), per, i);
      }
      return new Side(name, quality(per, rows.size()), rows.size() / seconds, per);
    }
  }

  /** Per example: 1/0 correct, or for extract (tp, fp, fn) at {@code 3i..3i+2}. */
  private void score(JsonNode row, StageOutcome o, double[] per, int i) {
    switch (o) {
      case StageOutcome.Classified c ->
          per[i] = c.label().equals(row.path("label").asText()) ? 1 : 0;
      case StageOutcome.SentimentScored s ->
          per[i] = s.label().name().equalsIgnoreCase(row.path("label").asText()) ? 1 : 0;
      case StageOutcome.Extracted x -> {
        Set<String> gold = new HashSet<>();
        for (JsonNode s : row.path("spans")) {
          gold.add(
              s.path("start").asInt()
                  + ":"
                  + s.path("end").asInt()
                  + ":"
                  + s.path("label").asText().toUpperCase(Locale.ROOT));
        }
        Set<String> predicted = new HashSet<>();
        for (StageOutcome.EntitySpan e : x.entities()) {
          predicted.add(e.start() + ":" + e.end() + ":" + e.type().toUpperCase(Locale.ROOT));
        }
        Set<String> tp = new HashSet<>(predicted);
        tp.retainAll(gold);
        per[3 * i] = tp.size();
        per[3 * i + 1] = predicted.size() - tp.size();
        per[3 * i + 2] = gold.size() - tp.size();
      }
      default -> throw new IllegalStateException("unexpected outcome " + o);
    }
  }

  private double quality(double[] per, int n) {
    if (stage != Stage.EXTRACT) {
      double s = 0;
      for (double v : per) {
        s += v;
      }
      return s / Math.max(1, n);
    }
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (int i = 0; i < n; i++) {
      tp += per[3 * i];
      fp += per[3 * i + 1];
      fn += per[3 * i + 2];
    }
    return tp == 0 ? 0 : 2 * tp / (2 * tp + fp + fn);
  }

  /** The 2.5th and 97.5th percentiles of the delta over paired resamples of the examples. */
  private double[] pairedInterval(double[] a, double[] b, List<JsonNode> rows, long seed) {
    int n = rows.size();
    int w = stage == Stage.EXTRACT ? 3 : 1;
    Random r = new Random(seed);
    double[] deltas = new double[RESAMPLES];
    double[] ra = new double[a.length];
    double[] rb = new double[b.length];
    for (int k = 0; k < RESAMPLES; k++) {
      for (int i = 0; i < n; i++) {
        int j = r.nextInt(n);
        System.arraycopy(a, j * w, ra, i * w, w);
        System.arraycopy(b, j * w, rb, i * w, w);
      }
      deltas[k] = quality(ra, n) - quality(rb, n);
    }
    java.util.Arrays.sort(deltas);
    return new double[] {deltas[(int) (0.025 * RESAMPLES)], deltas[(int) (0.975 * RESAMPLES) - 1]};
  }

  private static List<JsonNode> read(Path file, int limit) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && rows.size() < limit) {
        rows.add(JSON.readTree(line));
      }
    }
    return rows;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
