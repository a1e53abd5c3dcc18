package dev.smallfirst.training;

import ai.djl.Device;
import ai.djl.translate.TranslateException;
import dev.smallfirst.eval.DraftMetrics;
import dev.smallfirst.eval.EscalationPrices;
import dev.smallfirst.models.text.ReplyVocabulary;
import dev.smallfirst.models.trained.Draft;
import dev.smallfirst.models.trained.DraftGenerator;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.models.trained.TrainedModel;
import dev.smallfirst.training.calibration.EscalationThreshold;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.DraftExample;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains a draft model end to end: vocabulary, the slot language model with early stopping on a
 * holdout (or the validation files), an optional refit on all data, the model directory; then
 * reloads it, drafts the holdout and chooses the escalation threshold from the drafts' mean token
 * probabilities. Not thread-safe.
 */
public final class DraftJob extends StageJob<DraftTrainer.Hyper> {

  public DraftJob(
      TrainOptions options, DraftTrainer.Hyper hyper, PrintStream log, boolean interactive) {
    super(options, hyper, log, interactive);
  }

  /** Default hyperparameters with {@code --epochs} and {@code --set} applied. */
  public static DraftTrainer.Hyper hyper(TrainOptions o) {
    TrainOptions.requireKnown(o, "dim", "hidden", "batchSize", "learningRate", "dropout");
    DraftTrainer.Hyper d = DraftTrainer.Hyper.defaults();
    return new DraftTrainer.Hyper(
        o.intOverride("dim", d.dim()),
        o.intOverride("hidden", d.hidden()),
        o.epochs() > 0 ? o.epochs() : d.epochs(),
        o.intOverride("batchSize", d.batchSize()),
        o.floatOverride("learningRate", d.learningRate()),
        o.floatOverride("dropout", d.dropout()));
  }

  @Override
  public Manifest run() throws IOException, DataException {
    long started = System.nanoTime();
    List<DraftExample> data =
        DataChecks.read(options.data(), DraftExample::parse, options.strict(), log);
    JobSupport.Split<DraftExample> split =
        JobSupport.split(options, data, DraftExample::parse, log);
    List<DraftExample> train = split.train();
    List<DraftExample> calibration = split.calibration();
    boolean held = split.held();
    ReplyVocabulary vocabulary =
        ReplyVocabulary.fit(
            data.stream().map(DraftExample::input).toList(),
            data.stream().map(DraftExample::reference).toList());
    log.printf(
        "training draft on %d pairs (vocabulary %d tokens); early stopping and calibration on %d%n",
        train.size(), vocabulary.size(), calibration.size());
    DraftTrainer trainer = new DraftTrainer(Device.cpu());
    DraftTrainer.Trained model =
        trainer.train(train, vocabulary, hyper, options.seed(), bar(""), calibration, 0);
    if (held && options.refit()) {
      int epochs = model.epochs();
      model.close();
      log.printf("refitting on all data for %d epochs%n", epochs);
      model =
          trainer.train(
              data, vocabulary, hyper, options.seed(), bar(" (refit)"), List.of(), epochs);
    }
    Map<String, Object> training =
        summary(data.size(), train.size(), held, model.epochs(), hyper.epochs(), null);
    try (DraftTrainer.Trained done = model) {
      ModelWriter.writeDraft(
          options.out(),
          options,
          hyper,
          done,
          new ModelWriter.Calibrated(1.0, 0.0, training, Map.of()));
    }
    // Calibrate on drafts of the holdout made by the saved model, then rewrite the manifest.
    Map<String, Object> metrics = new TreeMap<>();
    double threshold;
    try (TrainedModel loaded = ModelDirectory.load(options.out(), Device.cpu())) {
      DraftGenerator g = (DraftGenerator) loaded;
      List<Draft> drafts = new ArrayList<>();
      for (int from = 0; from < calibration.size(); from += 64) {
        drafts.addAll(
            g.draft(
                calibration.subList(from, Math.min(calibration.size(), from + 64)).stream()
                    .map(DraftExample::input)
                    .toList()));
      }
      DraftMetrics.Summary s = DraftMetrics.compute(calibration, drafts);
      double[] conf = drafts.stream().mapToDouble(Draft::confidence).toArray();
      EscalationThreshold.Choice c =
          EscalationThreshold.chooseCapped(
              conf,
              new double[0],
              options.maxEscalation(),
              EscalationPrices.ASSUMED_FRONTIER_QUALITY);
      threshold = c.threshold();
      metrics.put("examples", calibration.size());
      metrics.put("entityFaithfulness", ClassifierJob.round(s.faithfulness()));
      metrics.put("inventedEntityRate", ClassifierJob.round(s.inventedRate()));
      metrics.put("overlapRougeL", ClassifierJob.round(s.overlap()));
      metrics.put("threshold", threshold);
      metrics.put("escalated", ClassifierJob.round(c.knownEscalated()));
    } catch (TranslateException e) {
      throw new IOException("drafting the holdout failed: " + e.getMessage(), e);
    }
    double seconds = secondsSince(started);
    training.put("seconds", Math.round(seconds * 10) / 10.0);
    Manifest m =
        ModelWriter.rewriteCalibration(
            options.out(), new ModelWriter.Calibrated(1.0, threshold, training, metrics));
    log.printf(
        "wrote %s (version %s) in %.1fs: threshold %.4f%n",
        options.out(), m.version(), seconds, threshold);
    metrics.forEach((k, v) -> log.printf("  validation %s = %s%n", k, v));
    return m;
  }
}
