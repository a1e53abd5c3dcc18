package dev.smallfirst.training;

import ai.djl.Device;
import dev.smallfirst.eval.Calibration;
import dev.smallfirst.eval.ClassMetrics;
import dev.smallfirst.eval.EscalationPrices;
import dev.smallfirst.models.encoder.HeadMath;
import dev.smallfirst.models.text.NgramFeaturizer;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.training.calibration.EscalationThreshold;
import dev.smallfirst.training.calibration.TemperatureScaling;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.LabeledText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains a classify or sentiment model end to end: reads the data, holds out a calibration split
 * (or uses the validation files), trains the n-gram ensemble, fits the temperature, chooses the
 * escalation threshold, optionally retrains on all data, and writes the model directory. Not
 * thread-safe.
 */
public final class ClassifierJob extends StageJob<BagClassifierTrainer.Hyper> {

  public ClassifierJob(
      TrainOptions options,
      BagClassifierTrainer.Hyper hyper,
      PrintStream log,
      boolean interactive) {
    super(options, hyper, log, interactive);
  }

  /**
   * The default hyperparameters with {@code --epochs} and {@code --set} overrides applied. Without
   * {@code --epochs}, small data sets get more (early-stopped) epochs so that training takes at
   * least about 1,600 optimizer steps.
   */
  public static BagClassifierTrainer.Hyper hyper(TrainOptions o) {
    BagClassifierTrainer.Hyper d =
        o.stage() == dev.smallfirst.records.Stage.SENTIMENT
            ? BagClassifierTrainer.Hyper.sentimentDefaults()
            : BagClassifierTrainer.Hyper.defaults();
    NgramFeaturizer.Config f = d.featurizer();
    TrainOptions.requireKnown(
        o,
        "hidden",
        "members",
        "linearMembers",
        "batchSize",
        "learningRate",
        "dropout",
        "featureDropout",
        "labelSmoothing",
        "wordNgrams",
        "charMin",
        "charMax",
        "minDf",
        "maxFeatures",
        "unknownMass",
        "sparseOptimizer",
        "sparseLearningRate",
        "weightDecay");
    return new BagClassifierTrainer.Hyper(
        o.intOverride("hidden", d.hidden()),
        o.intOverride("members", d.members()),
        o.intOverride("linearMembers", d.linearMembers()),
        o.epochs() > 0 ? o.epochs() : d.epochs(), // adjusted to the data size in run()
        o.intOverride("batchSize", d.batchSize()),
        o.floatOverride("learningRate", d.learningRate()),
        o.floatOverride("dropout", d.dropout()),
        o.floatOverride("featureDropout", d.featureDropout()),
        o.floatOverride("labelSmoothing", d.labelSmoothing()),
        o.overrides().getOrDefault("sparseOptimizer", d.sparseOptimizer()),
        o.floatOverride("sparseLearningRate", d.sparseLearningRate()),
        o.floatOverride("weightDecay", d.weightDecay()),
        new NgramFeaturizer.Config(
            o.intOverride("wordNgrams", f.wordNgrams()),
            o.intOverride("charMin", f.charMin()),
            o.intOverride("charMax", f.charMax()),
            o.intOverride("minDf", f.minDf()),
            o.intOverride("maxFeatures", f.maxFeatures()),
            o.intOverride("unknownMass", f.unknownMass() ? 1 : 0) != 0));
  }

  @Override
  public Manifest run() throws IOException, DataException {
    long started = System.nanoTime();
    List<LabeledText> data =
        DataChecks.read(options.data(), LabeledText::parse, options.strict(), log);
    if (options.epochs() == 0) {
      hyper = hyper.withEpochs(defaultEpochs(data.size(), hyper));
    }
    Set<String> labels = DataChecks.labels(data);
    if (labels.size() < 2) {
      throw new DataException(options.data() + ": need at least 2 labels, found " + labels);
    }
    LabelSplit split = labelSplit(options, data, labels, log);
    List<LabeledText> train = split.train();
    List<LabeledText> calibration = split.calibration();
    List<LabeledText> unknown = split.unknown();
    boolean held = split.held();
    log.printf(
        "training %s on %d examples, %d labels; calibrating on %d%s%n",
        StageCatalogue.id(options.stage()),
        train.size(),
        labels.size(),
        calibration.size(),
        held ? " held-out examples" : " validation examples");

    BagClassifierTrainer trainer = new BagClassifierTrainer(Device.cpu());
    BagClassifierTrainer.Trained model = fit(trainer, train, calibration, "", 0);
    Calibrated cal = calibrate(model, calibration, unknown);
    if (held && options.refit()) {
      int epochs = model.epochs();
      model.close();
      log.printf(
          "refitting on all data for %d epochs (the best on the holdout), keeping its calibration%n",
          epochs);
      model = fit(trainer, data, List.of(), " (refit)", epochs);
    }
    try (BagClassifierTrainer.Trained done = model) {
      double seconds = secondsSince(started);
      Map<String, Object> training =
          summary(data.size(), train.size(), held, model.epochs(), hyper.epochs(), seconds);
      Manifest m =
          ModelWriter.writeClassifier(
              options.out(),
              options,
              hyper,
              done,
              new ModelWriter.Calibrated(cal.temperature, cal.threshold, training, cal.metrics));
      log.printf(
          "wrote %s (version %s, sha256 %s…) in %.1fs: temperature %.3f, threshold %.4f%n",
          options.out(),
          m.version(),
          m.sha256().substring(0, 12),
          seconds,
          cal.temperature,
          cal.threshold);
      cal.metrics.forEach((k, v) -> log.printf("  validation %s = %s%n", k, v));
      return m;
    }
  }

  /**
   * Trains on {@code examples}; with {@code heldOut} examples, stops early on their accuracy,
   * otherwise trains {@code epochs} epochs.
   */
  BagClassifierTrainer.Trained fit(
      BagClassifierTrainer trainer,
      List<LabeledText> examples,
      List<LabeledText> heldOut,
      String suffix,
      int epochs) {
    ProgressBar bar = bar(suffix);
    List<String> labels = examples.stream().map(LabeledText::label).distinct().sorted().toList();
    int[] gold = heldOut.stream().mapToInt(t -> labels.indexOf(t.label())).toArray();
    BagClassifierTrainer.EpochScorer accuracy = logProbs -> accuracy(logProbs, gold);
    return trainer.train(
        examples.stream().map(LabeledText::text).toList(),
        examples.stream().map(LabeledText::label).toList(),
        hyper,
        options.seed(),
        bar,
        heldOut.stream().map(LabeledText::text).toList(),
        heldOut.isEmpty() ? null : accuracy,
        epochs);
  }

  /**
   * Examples to train on, to calibrate on, and validation examples whose label the training data
   * lacks (the threshold should escalate them); {@code held} when the calibration examples were
   * held out of the data (no {@code --validation}).
   */
  record LabelSplit(
      List<LabeledText> train,
      List<LabeledText> calibration,
      List<LabeledText> unknown,
      boolean held) {}

  /** A stratified {@code --holdout} of the data, or the {@code --validation} files. */
  static LabelSplit labelSplit(
      TrainOptions options, List<LabeledText> data, Set<String> labels, PrintStream log)
      throws IOException, DataException {
    if (options.validation().isEmpty()) {
      List<List<LabeledText>> split = stratifiedSplit(data, options.holdout(), options.seed());
      return new LabelSplit(split.get(0), split.get(1), List.of(), true);
    }
    List<LabeledText> calibration = new ArrayList<>();
    List<LabeledText> unknown = new ArrayList<>();
    for (Path v : options.validation()) {
      for (LabeledText t : DataChecks.read(v, LabeledText::parse, options.strict(), log)) {
        (labels.contains(t.label()) ? calibration : unknown).add(t);
      }
    }
    if (!unknown.isEmpty()) {
      log.printf(
          "validation: %d examples with labels the training data lacks (%s): the threshold"
              + " should escalate them%n",
          unknown.size(), DataChecks.labels(unknown));
    }
    return new LabelSplit(data, calibration, unknown, false);
  }

  record Calibrated(double temperature, double threshold, Map<String, Object> metrics) {}

  private Calibrated calibrate(
      BagClassifierTrainer.Trained model, List<LabeledText> known, List<LabeledText> unknown) {
    return calibrate(
        model.labels(),
        model.logits(known.stream().map(LabeledText::text).toList(), 256),
        known,
        model.logits(unknown.stream().map(LabeledText::text).toList(), 256),
        options);
  }

  /**
   * Fits the temperature on the known examples' logits, chooses the escalation threshold (at most
   * {@code --max-escalation} of the known ones escalate; unknown labels should), and measures.
   */
  static Calibrated calibrate(
      List<String> modelLabels,
      float[][] logits,
      List<LabeledText> known,
      float[][] unknownLogits,
      TrainOptions options) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < modelLabels.size(); i++) {
      index.put(modelLabels.get(i), i);
    }
    int[] gold = known.stream().mapToInt(t -> index.get(t.label())).toArray();
    double temperature = TemperatureScaling.fit(logits, gold);
    double[] conf = new double[known.size()];
    boolean[] correct = new boolean[known.size()];
    List<String> goldLabels = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (int i = 0; i < known.size(); i++) {
      double[] p = HeadMath.softmax(logits[i], temperature);
      int best = argmax(p);
      conf[i] = p[best];
      correct[i] = best == gold[i];
      goldLabels.add(known.get(i).label());
      predicted.add(modelLabels.get(best));
    }
    double[] unknownConf = new double[unknownLogits.length];
    for (int i = 0; i < unknownLogits.length; i++) {
      double[] p = HeadMath.softmax(unknownLogits[i], temperature);
      unknownConf[i] = p[argmax(p)];
    }
    EscalationThreshold.Choice choice =
        EscalationThreshold.chooseCapped(
            conf, unknownConf, options.maxEscalation(), EscalationPrices.ASSUMED_FRONTIER_QUALITY);
    ClassMetrics.Summary s = ClassMetrics.compute(goldLabels, predicted);
    Map<String, Object> metrics = new TreeMap<>();
    metrics.put("examples", known.size());
    metrics.put("accuracy", round(s.accuracy()));
    metrics.put("macroF1", round(s.macroF1()));
    metrics.put("ece", round(Calibration.compute(conf, correct, 15).ece()));
    metrics.put("eceBeforeCalibration", round(uncalibratedEce(logits, gold)));
    metrics.put("temperature", round(temperature));
    metrics.put("threshold", round(choice.threshold()));
    metrics.put("knownEscalated", round(choice.knownEscalated()));
    metrics.put("maxEscalation", options.maxEscalation());
    if (unknownLogits.length > 0) {
      metrics.put("unknownExamples", unknownLogits.length);
      metrics.put("unknownRecall", round(choice.unknownRecall()));
    }
    return new Calibrated(temperature, choice.threshold(), metrics);
  }

  private static double uncalibratedEce(float[][] logits, int[] gold) {
    double[] conf = new double[logits.length];
    boolean[] correct = new boolean[logits.length];
    for (int i = 0; i < logits.length; i++) {
      double[] p = HeadMath.softmax(logits[i], 1.0);
      int best = argmax(p);
      conf[i] = p[best];
      correct[i] = best == gold[i];
    }
    return Calibration.compute(conf, correct, 15).ece();
  }

  /** At least the default epochs, more for small data: about 1,600 steps, at most 40 epochs. */
  static int defaultEpochs(int examples, BagClassifierTrainer.Hyper h) {
    int steps = 1600 * h.batchSize();
    return Math.min(40, Math.max(h.epochs(), (steps + examples - 1) / Math.max(1, examples)));
  }

  /** The share of rows whose largest logit (the first on ties) is at the gold label. */
  static double accuracy(float[][] logits, int[] gold) {
    int right = 0;
    for (int i = 0; i < logits.length; i++) {
      int best = 0;
      for (int c = 1; c < logits[i].length; c++) {
        if (logits[i][c] > logits[i][best]) {
          best = c;
        }
      }
      right += best == gold[i] ? 1 : 0;
    }
    return right / (double) Math.max(1, logits.length);
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return best;
  }

  static double round(double v) {
    return Double.isNaN(v) ? v : Math.round(v * 10000) / 10000.0;
  }

  /**
   * Splits {@code data} per label into (train, holdout) with about {@code fraction} of each label
   * held out; labels with one example stay in train. Deterministic for a seed.
   */
  static List<List<LabeledText>> stratifiedSplit(
      List<LabeledText> data, double fraction, long seed) {
    Map<String, List<LabeledText>> byLabel = new TreeMap<>();
    for (LabeledText t : data) {
      byLabel.computeIfAbsent(t.label(), k -> new ArrayList<>()).add(t);
    }
    Random random = new Random(seed);
    List<LabeledText> train = new ArrayList<>();
    List<LabeledText> held = new ArrayList<>();
    for (List<LabeledText> group : byLabel.values()) {
      List<LabeledText> g = new ArrayList<>(group);
      java.util.Collections.shuffle(g, random);
      int n = g.size() < 2 ? 0 : Math.max(1, (int) Math.round(g.size() * fraction));
      held.addAll(g.subList(0, n));
      train.addAll(g.subList(n, g.size()));
    }
    return List.of(train, held);
  }
}
