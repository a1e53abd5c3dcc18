package dev.smallfirst.training;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dev.smallfirst.models.encoder.EncoderHead;
import dev.smallfirst.models.encoder.EncoderSpec;
import dev.smallfirst.models.encoder.HeadMath;
import dev.smallfirst.models.encoder.Int8Rows;
import dev.smallfirst.models.encoder.Neighbours;
import dev.smallfirst.models.encoder.SentenceEncoder;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.models.trained.TextClassifier;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.training.calibration.OutOfScopeFloor;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.LabeledText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains a classify or sentiment model on a pretrained encoder ({@code --encoder}): embeds every
 * text once (cached), trains an MLP head on the pooled embeddings with early stopping on the
 * calibration split, and, unless {@code --set ngram=0}, an n-gram model on the same split whose
 * calibrated probabilities are mixed log-linearly with the head's; the mixing weight is the one
 * that scores best on the calibration split (weight 1 is the head alone). Then the temperature and
 * the escalation threshold are fitted on the mixture, as for every classifier. Writes an {@code
 * onnx-encoder} model directory: {@code head.params}, the manifest (encoder pinned by Maven
 * coordinates and SHA-256) and the member in {@code ngram/}. Not thread-safe.
 */
final class EncoderClassifierJob extends StageJob<HeadTrainer.Hyper> {
  static final String HEAD = "head.params";
  static final String MEMBER = "ngram";

  /** How many nearest training requests the out-of-scope similarity averages. */
  static final int NEIGHBOURS_K = 3;

  private final EncoderSpec spec;
  private final int maxTokens;
  private final boolean withMember;

  EncoderClassifierJob(TrainOptions options, PrintStream log, boolean interactive) {
    super(options, hyper(options), log, interactive);
    this.spec = EncoderSpec.named(options.encoder());
    this.maxTokens = options.intOverride("maxTokens", 128);
    this.withMember = options.intOverride("ngram", 1) != 0;
  }

  static HeadTrainer.Hyper hyper(TrainOptions o) {
    HeadTrainer.Hyper d = HeadTrainer.Hyper.classifierDefaults();
    Set<String> known =
        Set.of(
            "hidden",
            "batchSize",
            "learningRate",
            "dropout",
            "weightDecay",
            "maxTokens",
            "ngram",
            "clauseMinConfidence",
            "outOfScope",
            "exit",
            "exitTolerance");
    for (String key : o.overrides().keySet()) {
      if (!known.contains(key) && !key.startsWith("ngram.")) {
        throw new IllegalArgumentException(
            "unknown hyperparameter '"
                + key
                + "' for an encoder head; known: "
                + new java.util.TreeSet<>(known)
                + " and ngram.<n-gram hyperparameter>");
      }
    }
    return new HeadTrainer.Hyper(
        o.intOverride("hidden", d.hidden()),
        o.epochs() > 0 ? o.epochs() : d.epochs(),
        o.intOverride("batchSize", d.batchSize()),
        o.floatOverride("learningRate", d.learningRate()),
        o.floatOverride("dropout", d.dropout()),
        o.floatOverride("weightDecay", d.weightDecay()));
  }

  @Override
  public Manifest run() throws IOException, DataException {
    long started = System.nanoTime();
    List<LabeledText> data =
        DataChecks.read(options.data(), LabeledText::parse, options.strict(), log);
    Set<String> labelSet = DataChecks.labels(data);
    if (labelSet.size() < 2) {
      throw new DataException(options.data() + ": need at least 2 labels, found " + labelSet);
    }
    List<String> labels = List.copyOf(new java.util.TreeSet<>(labelSet));
    ClassifierJob.LabelSplit split = ClassifierJob.labelSplit(options, data, labelSet, log);
    log.printf(
        "training %s head on %s over %d examples, %d labels; calibrating on %d%n",
        StageCatalogue.id(options.stage()),
        spec.shortName(),
        split.train().size(),
        labels.size(),
        split.calibration().size());
    Files.createDirectories(options.out());
    try (SentenceEncoder encoder = SentenceEncoder.open(spec, maxTokens)) {
      float[][] xTrain = Embeddings.pooled(encoder, texts(split.train()), log);
      float[][] xCal = Embeddings.pooled(encoder, texts(split.calibration()), log);
      float[][] xUnknown = Embeddings.pooled(encoder, texts(split.unknown()), log);
      int[] yTrain = indices(split.train(), labels);
      int[] yCal = indices(split.calibration(), labels);
      HeadTrainer.Trained trained =
          HeadTrainer.train(
              xTrain,
              yTrain,
              labels.size(),
              hyper,
              options.seed(),
              xCal,
              logits -> ClassifierJob.accuracy(logits, yCal),
              bar(" head"));
      log.printf(
          "head: best epoch %d, calibration accuracy %.4f%n",
          trained.epochs(), trained.heldOutScore());
      Path headFile = options.out().resolve(HEAD);
      float[][] headCal;
      float[][] headUnknown;
      try (EncoderHead head = trained.load(headFile)) {
        headCal = head.logits(xCal);
        headUnknown = head.logits(xUnknown);
      }
      float[][] memberCal = null;
      float[][] memberUnknown = null;
      double weight = 1.0;
      Map<String, Object> ensemble = null;
      if (withMember) {
        Path memberDir = options.out().resolve(MEMBER);
        trainMember(split, memberDir);
        try (TextClassifier member =
            (TextClassifier) ModelDirectory.load(memberDir, Device.cpu())) {
          memberCal = member.probabilities(texts(split.calibration()));
          memberUnknown = member.probabilities(texts(split.unknown()));
        } catch (TranslateException e) {
          throw new IOException("n-gram member failed: " + e, e);
        }
        weight = bestWeight(headCal, memberCal, yCal);
        ensemble = new LinkedHashMap<>();
        ensemble.put("ngram", MEMBER);
        ensemble.put("weight", weight);
        log.printf(
            "ensemble: head alone %.4f, n-gram alone %.4f, mixed (head weight %.1f) %.4f%n",
            ClassifierJob.accuracy(mixed(headCal, memberCal, 1.0), yCal),
            ClassifierJob.accuracy(mixed(headCal, memberCal, 0.0), yCal),
            weight,
            ClassifierJob.accuracy(mixed(headCal, memberCal, weight), yCal));
      }
      ClassifierJob.Calibrated cal =
          ClassifierJob.calibrate(
              labels,
              mixed(headCal, memberCal, weight),
              split.calibration(),
              mixed(headUnknown, memberUnknown, weight),
              options);
      Exit exit = null;
      if (withMember && split.unknown().isEmpty() && options.intOverride("exit", 1) != 0) {
        exit =
            chooseExit(
                headCal,
                memberCal,
                weight,
                yCal,
                options.floatOverride("exitTolerance", 0.002f),
                cal.threshold());
        if (exit == null) {
          log.printf("exit before the encoder: no confidence keeps the accuracy; not used%n");
        } else {
          log.printf(
              "exit before the encoder: n-gram member >= %s answers %.1f%% of the calibration"
                  + " split alone; accuracy %.4f (every text encoded: %.4f)%n",
              exit.confidence(), 100 * exit.share(), exit.accuracy(), exit.encodedAccuracy());
          ensemble.put("exitConfidence", exit.confidence());
          // Temperature and threshold are fitted to what the server computes: the cascade.
          cal =
              ClassifierJob.calibrate(
                  labels,
                  cascade(headCal, memberCal, weight, exit.confidence()),
                  split.calibration(),
                  new float[0][],
                  options);
        }
      }
      double threshold = cal.threshold();
      Map<String, Object> metrics = new TreeMap<>(cal.metrics());
      if (exit != null) {
        metrics.put("exitShare", round4(exit.share()));
        metrics.put("accuracyEveryTextEncoded", round4(exit.encodedAccuracy()));
      }
      Floor floor =
          outOfScopeFloor(
              xTrain,
              xCal,
              xUnknown,
              mixed(headCal, memberCal, weight),
              mixed(headUnknown, memberUnknown, weight),
              cal.temperature());
      if (floor != null) {
        threshold = floor.choice().threshold();
        metrics.put("threshold", round4(threshold));
        metrics.put("knownEscalated", round4(floor.choice().knownEscalated()));
        metrics.put("unknownRecall", round4(floor.choice().unknownRecall()));
        metrics.put("unknownRecallConfidenceOnly", round4(floor.choice().confidenceOnlyRecall()));
      }
      Map<String, Object> hp = new LinkedHashMap<>();
      hp.put("hidden", hyper.hidden());
      hp.put("epochs", trained.epochs());
      hp.put("maxEpochs", hyper.epochs());
      hp.put("batchSize", hyper.batchSize());
      hp.put("learningRate", hyper.learningRate());
      hp.put("dropout", hyper.dropout());
      hp.put("weightDecay", hyper.weightDecay());
      Map<String, Object> training =
          JobSupport.summary(
              options,
              data.size(),
              split.train().size(),
              trained.epochs(),
              hyper.epochs(),
              secondsSince(started));
      Manifest m =
          EncoderModelWriter.write(
              options,
              "encoder-mlp-head",
              hp,
              labels,
              ModelWriter.labelGroups(options),
              maxTokens,
              new ModelWriter.Calibrated(cal.temperature(), threshold, training, metrics),
              spec,
              trained.layout(),
              ensemble,
              floor == null ? null : floor.block());
      log.printf(
          "wrote %s in %.1fs: temperature %.3f, threshold %.4f%n",
          options.out(), secondsSince(started), cal.temperature(), threshold);
      metrics.forEach((k, v) -> log.printf("  validation %s = %s%n", k, v));
      return m;
    }
  }

  /**
   * With out-of-scope validation examples (CLINC150's {@code oos_val}), the floor on the mean
   * similarity to the {@value #NEIGHBOURS_K} nearest training requests chosen with the threshold
   * ({@link OutOfScopeFloor}); when it catches more of them than the threshold alone, the training
   * embeddings are written as {@code neighbours.i8} and the choice is returned with its manifest
   * block. Else null. {@code --set outOfScope=0} turns it off.
   */
  private Floor outOfScopeFloor(
      float[][] xTrain,
      float[][] xCal,
      float[][] xUnknown,
      float[][] calLogits,
      float[][] unknownLogits,
      double temperature)
      throws IOException {
    if (options.stage() != dev.smallfirst.records.Stage.CLASSIFY
        || xUnknown.length == 0
        || options.intOverride("outOfScope", 1) == 0) {
      return null;
    }
    Path file = options.out().resolve(Neighbours.FILE);
    Int8Rows.write(file, xTrain);
    // Scored against the rows as the server will read them (int8, re-normalised).
    Neighbours neighbours =
        new Neighbours(
            Int8Rows.read(file, xTrain.length, xTrain[0].length, "out-of-scope neighbours"));
    OutOfScopeFloor.Choice c =
        OutOfScopeFloor.choose(
            confidences(calLogits, temperature),
            similarities(neighbours, xCal),
            confidences(unknownLogits, temperature),
            similarities(neighbours, xUnknown),
            options.maxEscalation());
    if (c == null) {
      Files.delete(file);
      log.printf("out-of-scope floor: catches no more than the threshold alone; not used%n");
      return null;
    }
    log.printf(
        "out-of-scope floor: %d-NN similarity < %.4f with threshold %.4f: out-of-scope recall"
            + " %.4f (threshold alone %.4f), in-scope escalated %.4f%n",
        NEIGHBOURS_K,
        c.minSimilarity(),
        c.threshold(),
        c.unknownRecall(),
        c.confidenceOnlyRecall(),
        c.knownEscalated());
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("neighbours", Neighbours.FILE);
    block.put("sha256", ModelDirectory.sha256(file));
    block.put("rows", xTrain.length);
    block.put("k", NEIGHBOURS_K);
    block.put("minSimilarity", round4(c.minSimilarity()));
    return new Floor(c, block);
  }

  /** A chosen out-of-scope floor and the manifest's {@code outOfScope} block that serves it. */
  private record Floor(OutOfScopeFloor.Choice choice, Map<String, Object> block) {}

  private static double[] confidences(float[][] logits, double temperature) {
    double[] out = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      double[] p = HeadMath.softmax(logits[i], temperature);
      out[i] = p[HeadMath.argmax(p)];
    }
    return out;
  }

  private static double[] similarities(Neighbours neighbours, float[][] x) {
    double[] out = new double[x.length];
    java.util.stream.IntStream.range(0, x.length)
        .parallel()
        .forEach(i -> out[i] = neighbours.meanNearest(x[i], NEIGHBOURS_K));
    return out;
  }

  private static double round4(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  private void trainMember(ClassifierJob.LabelSplit split, Path dir) throws IOException {
    Map<String, String> overrides = new TreeMap<>();
    options
        .overrides()
        .forEach(
            (k, v) -> {
              if (k.startsWith("ngram.")) {
                overrides.put(k.substring("ngram.".length()), v);
              }
            });
    TrainOptions o =
        new TrainOptions(
            options.stage(),
            options.data(),
            dir,
            options.seed(),
            0,
            options.validation(),
            options.maxEscalation(),
            options.holdout(),
            false,
            options.strict(),
            options.name() + "-ngram",
            options.version(),
            overrides,
            options.labelGroups(),
            "none");
    BagClassifierTrainer.Hyper h = ClassifierJob.hyper(o);
    h = h.withEpochs(ClassifierJob.defaultEpochs(split.train().size(), h));
    ClassifierJob job = new ClassifierJob(o, h, log, interactive);
    BagClassifierTrainer trainer = new BagClassifierTrainer(Device.cpu());
    try (BagClassifierTrainer.Trained model =
        job.fit(trainer, split.train(), split.calibration(), " n-gram", 0)) {
      List<String> labels = model.labels();
      ClassifierJob.Calibrated cal =
          ClassifierJob.calibrate(
              labels,
              model.logits(texts(split.calibration()), 256),
              split.calibration(),
              model.logits(texts(split.unknown()), 256),
              o);
      Map<String, Object> training =
          JobSupport.summary(
              o, split.train().size(), split.train().size(), model.epochs(), h.epochs(), null);
      ModelWriter.writeClassifier(
          dir,
          o,
          h,
          model,
          new ModelWriter.Calibrated(cal.temperature(), cal.threshold(), training, cal.metrics()));
      log.printf("n-gram member: calibration accuracy %s%n", cal.metrics().get("accuracy"));
    }
  }

  /** The member confidences the exit is chosen from, lowest first. */
  static final double[] EXIT_CANDIDATES = {
    0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.999
  };

  /**
   * A chosen exit: texts the n-gram member is at least {@code confidence} sure of (a {@code share}
   * of the calibration split) are answered by it alone, scoring {@code accuracy} where encoding
   * every text scores {@code encodedAccuracy}.
   */
  record Exit(double confidence, double share, double accuracy, double encodedAccuracy) {}

  /**
   * The lowest candidate member confidence, at least {@code least}, whose cascade ({@link
   * #cascade}) scores within {@code tolerance} of the accuracy with every text encoded, on the
   * calibration split; null when none lets a text exit. The lowest such confidence skips the most
   * encoder passes.
   *
   * <p>The trainer passes the model's escalation threshold as {@code least}: the member alone then
   * only answers texts it is surer of than the model must be to answer without escalating, and the
   * encoder still reads every text near the threshold. The calibration split is drawn from the
   * training data, where the member is sure and right on nearly every text; on the other Bitext
   * sample an exit at 0.5 lost 0.6 points that exits from 0.8 up did not (TRAINING.md).
   */
  static Exit chooseExit(
      float[][] head, float[][] member, double weight, int[] gold, double tolerance, double least) {
    double encoded = ClassifierJob.accuracy(mixed(head, member, weight), gold);
    for (double t : EXIT_CANDIDATES) {
      if (t < least) {
        continue;
      }
      int exits = 0;
      for (float[] row : member) {
        exits += HeadMath.exits(row, t) ? 1 : 0;
      }
      double accuracy = ClassifierJob.accuracy(cascade(head, member, weight, t), gold);
      if (exits > 0 && accuracy >= encoded - tolerance) {
        return new Exit(t, (double) exits / member.length, accuracy, encoded);
      }
    }
    return null;
  }

  /**
   * The logits the server computes with {@code ensemble.exitConfidence}: the member alone ({@link
   * HeadMath#memberOnly}) for a row it is that sure of, else the mix.
   */
  static float[][] cascade(float[][] head, float[][] member, double weight, double exit) {
    float[][] out = mixed(head, member, weight);
    for (int i = 0; i < out.length; i++) {
      if (HeadMath.exits(member[i], exit)) {
        double[] z = HeadMath.memberOnly(member[i]);
        for (int c = 0; c < z.length; c++) {
          out[i][c] = (float) z[c];
        }
      }
    }
    return out;
  }

  /** The head's weight in [0, 1], in steps of 0.1, that scores best (ties: more head). */
  static double bestWeight(float[][] head, float[][] member, int[] gold) {
    double best = 1.0;
    double bestScore = -1;
    for (int k = 10; k >= 0; k--) {
      double w = k / 10.0;
      double score = ClassifierJob.accuracy(mixed(head, member, w), gold);
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = w;
      }
    }
    return best;
  }

  /** The mixed logits ({@link HeadMath#mix}) of each row. */
  static float[][] mixed(float[][] head, float[][] member, double weight) {
    float[][] out = new float[head.length][];
    for (int i = 0; i < head.length; i++) {
      double[] z = HeadMath.mix(head[i], member == null ? null : member[i], weight);
      out[i] = new float[z.length];
      for (int c = 0; c < z.length; c++) {
        out[i][c] = (float) z[c];
      }
    }
    return out;
  }

  static List<String> texts(List<LabeledText> examples) {
    return examples.stream().map(LabeledText::text).toList();
  }

  private static int[] indices(List<LabeledText> examples, List<String> labels) {
    return examples.stream().mapToInt(t -> labels.indexOf(t.label())).toArray();
  }
}
