package dev.smallfirst.training;

import ai.djl.Device;
import dev.smallfirst.eval.SpanMetrics;
import dev.smallfirst.models.encoder.HeadMath;
import dev.smallfirst.models.text.WordTokenizer;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.Span;
import dev.smallfirst.models.trained.SpanDecoder;
import dev.smallfirst.training.calibration.TemperatureScaling;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.SpanExample;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains an extract model end to end: holdout (or validation files) for early stopping on span F1
 * and for calibration, the BIO tagger, token-level temperature scaling, the message-level
 * escalation threshold, an optional refit on all data, and the model directory. Not thread-safe.
 */
public final class ExtractJob extends StageJob<TaggerTrainer.Hyper> {

  public ExtractJob(
      TrainOptions options, TaggerTrainer.Hyper hyper, PrintStream log, boolean interactive) {
    super(options, hyper, log, interactive);
  }

  /** Default hyperparameters with {@code --epochs} and {@code --set} overrides applied. */
  public static TaggerTrainer.Hyper hyper(TrainOptions o) {
    TrainOptions.requireKnown(
        o, "dim", "hidden", "batchSize", "learningRate", "dropout", "wordDropout");
    TaggerTrainer.Hyper d = TaggerTrainer.Hyper.defaults();
    return new TaggerTrainer.Hyper(
        o.intOverride("dim", d.dim()),
        o.intOverride("hidden", d.hidden()),
        o.epochs() > 0 ? o.epochs() : d.epochs(),
        o.intOverride("batchSize", d.batchSize()),
        o.floatOverride("learningRate", d.learningRate()),
        o.floatOverride("dropout", d.dropout()),
        o.floatOverride("wordDropout", d.wordDropout()));
  }

  @Override
  public Manifest run() throws IOException, DataException {
    long started = System.nanoTime();
    List<SpanExample> data =
        DataChecks.read(options.data(), SpanExample::parse, options.strict(), log);
    List<String> labels = TaggerTrainer.labels(data);
    if (labels.isEmpty()) {
      throw new DataException(options.data() + ": no spans to learn from");
    }
    JobSupport.Split<SpanExample> split = JobSupport.split(options, data, SpanExample::parse, log);
    List<SpanExample> train = split.train();
    List<SpanExample> calibration = split.calibration();
    boolean held = split.held();
    log.printf(
        "training extract on %d texts, labels %s; early stopping and calibration on %d%n",
        train.size(), labels, calibration.size());
    TaggerTrainer trainer = new TaggerTrainer(Device.cpu());
    List<String> calTexts = calibration.stream().map(SpanExample::text).toList();
    TaggerTrainer.Scorer f1 = logits -> spanF1(calibration, logits, labels, 1.0);
    TaggerTrainer.Trained model =
        trainer.train(train, labels, hyper, options.seed(), bar(""), calTexts, f1, 0);
    List<float[][]> calLogits = model.logits(calTexts);
    double temperature = fitTemperature(calibration, calLogits, labels);
    Map<String, Object> metrics = validation(calibration, calLogits, labels, temperature);
    double threshold = (double) metrics.get("threshold");
    if (held && options.refit()) {
      int epochs = model.epochs();
      model.close();
      log.printf(
          "refitting on all data for %d epochs, keeping the holdout's calibration%n", epochs);
      model =
          trainer.train(
              data, labels, hyper, options.seed(), bar(" (refit)"), List.of(), null, epochs);
    }
    try (TaggerTrainer.Trained done = model) {
      double seconds = secondsSince(started);
      Map<String, Object> training =
          summary(data.size(), train.size(), held, done.epochs(), hyper.epochs(), seconds);
      Manifest m =
          ModelWriter.writeTagger(
              options.out(),
              options,
              hyper,
              done,
              new ModelWriter.Calibrated(temperature, threshold, training, metrics));
      log.printf(
          "wrote %s (version %s) in %.1fs: temperature %.3f, threshold %.4f%n",
          options.out(), m.version(), seconds, temperature, threshold);
      metrics.forEach((k, v) -> log.printf("  validation %s = %s%n", k, v));
      return m;
    }
  }

  /** Exact-match span F1 of decoding {@code logits} at {@code temperature} against gold. */
  static double spanF1(
      List<SpanExample> gold, List<float[][]> logits, List<String> labels, double temperature) {
    List<List<SpanMetrics.LabeledSpan>> g = new ArrayList<>();
    List<List<SpanMetrics.LabeledSpan>> p = new ArrayList<>();
    for (int i = 0; i < gold.size(); i++) {
      g.add(gold(gold.get(i)));
      p.add(labeled(decode(gold.get(i).text(), logits.get(i), labels, temperature)));
    }
    return SpanMetrics.compute(g, p).f1();
  }

  static List<SpanMetrics.LabeledSpan> gold(SpanExample e) {
    return e.spans().stream()
        .map(s -> new SpanMetrics.LabeledSpan(s.start(), s.end(), s.label()))
        .toList();
  }

  static List<SpanMetrics.LabeledSpan> labeled(List<Span> spans) {
    return spans.stream()
        .map(s -> new SpanMetrics.LabeledSpan(s.start(), s.end(), s.label()))
        .toList();
  }

  static List<Span> decode(String text, float[][] logits, List<String> labels, double temperature) {
    float[][] lp = logSoftmax(logits, temperature);
    int[] path = SpanDecoder.viterbi(lp);
    return SpanDecoder.spans(text, WordTokenizer.tokenize(text), path, lp, labels);
  }

  static float[][] logSoftmax(float[][] logits, double t) {
    float[][] out = new float[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      double[] p = HeadMath.softmax(logits[i], t);
      out[i] = new float[p.length];
      for (int c = 0; c < p.length; c++) {
        out[i][c] = (float) Math.log(Math.max(p[c], 1e-30));
      }
    }
    return out;
  }

  private static double fitTemperature(
      List<SpanExample> data, List<float[][]> logits, List<String> labels) {
    List<float[]> rows = new ArrayList<>();
    List<Integer> gold = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      int[] tags =
          TaggerTrainer.tags(data.get(i), WordTokenizer.tokenize(data.get(i).text()), labels);
      for (int k = 0; k < tags.length; k++) {
        rows.add(logits.get(i)[k]);
        gold.add(tags[k]);
      }
    }
    return TemperatureScaling.fit(
        rows.toArray(new float[0][]), gold.stream().mapToInt(Integer::intValue).toArray());
  }

  private Map<String, Object> validation(
      List<SpanExample> data, List<float[][]> logits, List<String> labels, double temperature) {
    SpanValidation v = new SpanValidation();
    for (int i = 0; i < data.size(); i++) {
      String text = data.get(i).text();
      float[][] lp = logSoftmax(logits.get(i), temperature);
      int[] path = SpanDecoder.viterbi(lp);
      List<Span> spans = SpanDecoder.spans(text, WordTokenizer.tokenize(text), path, lp, labels);
      v.add(
          gold(data.get(i)),
          labeled(spans),
          spans.stream().map(Span::confidence).toList(),
          SpanDecoder.confidence(path, lp));
    }
    return v.metrics(temperature, options.maxEscalation());
  }
}
