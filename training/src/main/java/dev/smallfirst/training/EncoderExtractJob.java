package dev.smallfirst.training;

import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.smallfirst.eval.SpanMetrics;
import dev.smallfirst.models.encoder.EncoderHead;
import dev.smallfirst.models.encoder.EncoderSpec;
import dev.smallfirst.models.encoder.HeadMath;
import dev.smallfirst.models.encoder.SentenceEncoder;
import dev.smallfirst.models.encoder.TokenTags;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.training.calibration.TemperatureScaling;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.SpanExample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trains an extract model on a pretrained encoder ({@code --encoder}): a token head over the
 * encoder's word-piece states predicts BIO tags ({@link TokenTags}), kept at the epoch with the
 * best exact-match span F1 on the calibration split; the temperature is fitted on that split's
 * tokens and the escalation threshold on its messages' confidence (the least sure word piece). At
 * serving the spans are merged with the deterministic validators. Not thread-safe.
 */
final class EncoderExtractJob extends StageJob<HeadTrainer.Hyper> {
  private static final int BATCH = 32;

  private final EncoderSpec spec;
  private final int maxTokens;

  EncoderExtractJob(TrainOptions options, PrintStream log, boolean interactive) {
    super(options, hyper(options), log, interactive);
    this.spec = EncoderSpec.named(options.encoder());
    this.maxTokens = options.intOverride("maxTokens", 256);
  }

  static HeadTrainer.Hyper hyper(TrainOptions o) {
    TrainOptions.requireKnown(
        o, "hidden", "batchSize", "learningRate", "dropout", "weightDecay", "maxTokens");
    HeadTrainer.Hyper d = HeadTrainer.Hyper.taggerDefaults();
    return new HeadTrainer.Hyper(
        o.intOverride("hidden", d.hidden()),
        o.epochs() > 0 ? o.epochs() : d.epochs(),
        o.intOverride("batchSize", d.batchSize()),
        o.floatOverride("learningRate", d.learningRate()),
        o.floatOverride("dropout", d.dropout()),
        o.floatOverride("weightDecay", d.weightDecay()));
  }

  /**
   * The word pieces of a set of texts: states, character spans, and where each text's rows start.
   */
  private record Pieces(
      List<float[]> rows, List<Integer> tags, List<CharSpan[]> spans, int[] offsets) {
    float[][] matrix() {
      return rows.toArray(new float[0][]);
    }
  }

  @Override
  public Manifest run() throws IOException, DataException {
    long started = System.nanoTime();
    List<SpanExample> data =
        DataChecks.read(options.data(), SpanExample::parse, options.strict(), log);
    JobSupport.Split<SpanExample> split = JobSupport.split(options, data, SpanExample::parse, log);
    Set<String> labelSet = new TreeSet<>();
    for (SpanExample e : data) {
      e.spans().forEach(s -> labelSet.add(s.label()));
    }
    List<String> labels = List.copyOf(labelSet);
    if (labels.isEmpty()) {
      throw new DataException(options.data() + ": no spans to learn");
    }
    log.printf(
        "training %s token head on %s over %d examples, %d entity types %s; calibrating on %d%n",
        StageCatalogue.id(options.stage()),
        spec.shortName(),
        split.train().size(),
        labels.size(),
        labels,
        split.calibration().size());
    Files.createDirectories(options.out());
    try (SentenceEncoder encoder = SentenceEncoder.open(spec, maxTokens)) {
      Pieces train = pieces(encoder, split.train(), labels);
      Pieces cal = pieces(encoder, split.calibration(), labels);
      log.printf(
          "encoder: %d training word pieces, %d calibration word pieces%n",
          train.rows().size(), cal.rows().size());
      int[] yTrain = train.tags().stream().mapToInt(Integer::intValue).toArray();
      HeadTrainer.Trained trained =
          HeadTrainer.train(
              train.matrix(),
              yTrain,
              TokenTags.count(labels.size()),
              hyper,
              options.seed(),
              cal.matrix(),
              logits -> spanF1(split.calibration(), cal, logits, labels, 1.0),
              bar(" head"));
      float[][] calLogits;
      try (EncoderHead head = trained.load(options.out().resolve(EncoderClassifierJob.HEAD))) {
        calLogits = head.logits(cal.matrix());
      }
      double temperature =
          TemperatureScaling.fit(
              calLogits, cal.tags().stream().mapToInt(Integer::intValue).toArray());
      Map<String, Object> metrics =
          validation(split.calibration(), cal, calLogits, labels, temperature);
      Map<String, Object> hp = new LinkedHashMap<>();
      hp.put("hidden", hyper.hidden());
      hp.put("epochs", trained.epochs());
      hp.put("maxEpochs", hyper.epochs());
      hp.put("batchSize", hyper.batchSize());
      hp.put("learningRate", hyper.learningRate());
      hp.put("tagScheme", "BIO");
      Map<String, Object> training =
          JobSupport.summary(
              options,
              data.size(),
              split.train().size(),
              trained.epochs(),
              hyper.epochs(),
              secondsSince(started));
      double threshold = ((Number) metrics.get("threshold")).doubleValue();
      Manifest m =
          EncoderModelWriter.write(
              options,
              "encoder-token-head",
              hp,
              labels,
              null,
              maxTokens,
              new ModelWriter.Calibrated(temperature, threshold, training, metrics),
              spec,
              trained.layout(),
              null,
              null);
      log.printf(
          "wrote %s in %.1fs: temperature %.3f, threshold %.4f%n",
          options.out(), secondsSince(started), temperature, threshold);
      metrics.forEach((k, v) -> log.printf("  validation %s = %s%n", k, v));
      return m;
    }
  }

  private Pieces pieces(SentenceEncoder encoder, List<SpanExample> examples, List<String> labels) {
    List<float[]> rows = new ArrayList<>();
    List<Integer> tags = new ArrayList<>();
    List<CharSpan[]> spans = new ArrayList<>();
    int[] offsets = new int[examples.size() + 1];
    for (int from = 0; from < examples.size(); from += BATCH) {
      List<SpanExample> batch = examples.subList(from, Math.min(examples.size(), from + BATCH));
      SentenceEncoder.Embedded e =
          encoder.encode(batch.stream().map(SpanExample::text).toList(), true);
      for (int i = 0; i < batch.size(); i++) {
        List<int[]> gold = new ArrayList<>();
        for (SpanExample.GoldSpan s : batch.get(i).spans()) {
          gold.add(new int[] {s.start(), s.end(), labels.indexOf(s.label())});
        }
        CharSpan[] cs = e.spans().get(i);
        int[] t = TokenTags.encode(cs, gold);
        offsets[from + i] = rows.size();
        for (int k = 0; k < cs.length; k++) {
          rows.add(e.tokens()[i][k]);
          tags.add(t[k]);
        }
        spans.add(cs);
      }
    }
    offsets[examples.size()] = rows.size();
    return new Pieces(rows, tags, spans, offsets);
  }

  /** Per text, its rows' tag probabilities at {@code temperature}. */
  private static double[][] probabilities(float[][] logits, int from, int to, double temperature) {
    double[][] p = new double[to - from][];
    for (int k = from; k < to; k++) {
      p[k - from] = HeadMath.softmax(HeadMath.logSoftmax(logits[k]), temperature);
    }
    return p;
  }

  private static List<SpanMetrics.LabeledSpan> predicted(
      Pieces pieces, int i, float[][] logits, List<String> labels, double temperature) {
    double[][] p = probabilities(logits, pieces.offsets()[i], pieces.offsets()[i + 1], temperature);
    List<SpanMetrics.LabeledSpan> out = new ArrayList<>();
    for (TokenTags.TaggedSpan s : TokenTags.decode(pieces.spans().get(i), p)) {
      out.add(new SpanMetrics.LabeledSpan(s.start(), s.end(), labels.get(s.type())));
    }
    return out;
  }

  static double spanF1(
      List<SpanExample> gold,
      Pieces pieces,
      float[][] logits,
      List<String> labels,
      double temperature) {
    List<List<SpanMetrics.LabeledSpan>> g = new ArrayList<>();
    List<List<SpanMetrics.LabeledSpan>> p = new ArrayList<>();
    for (int i = 0; i < gold.size(); i++) {
      g.add(ExtractJob.gold(gold.get(i)));
      p.add(predicted(pieces, i, logits, labels, temperature));
    }
    return SpanMetrics.compute(g, p).f1();
  }

  private Map<String, Object> validation(
      List<SpanExample> data,
      Pieces pieces,
      float[][] logits,
      List<String> labels,
      double temperature) {
    SpanValidation v = new SpanValidation();
    for (int i = 0; i < data.size(); i++) {
      double[][] probs =
          probabilities(logits, pieces.offsets()[i], pieces.offsets()[i + 1], temperature);
      CharSpan[] cs = pieces.spans().get(i);
      double least = 1;
      for (int k = 0; k < probs.length; k++) {
        if (cs[k] != null) {
          least = Math.min(least, probs[k][HeadMath.argmax(probs[k])]);
        }
      }
      List<SpanMetrics.LabeledSpan> pred = new ArrayList<>();
      List<Double> confidences = new ArrayList<>();
      for (TokenTags.TaggedSpan s : TokenTags.decode(cs, probs)) {
        pred.add(new SpanMetrics.LabeledSpan(s.start(), s.end(), labels.get(s.type())));
        confidences.add(s.confidence());
      }
      v.add(ExtractJob.gold(data.get(i)), pred, confidences, least);
    }
    return v.metrics(temperature, options.maxEscalation());
  }
}
