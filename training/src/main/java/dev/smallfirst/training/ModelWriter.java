package dev.smallfirst.training;

import ai.djl.nn.Block;
import dev.smallfirst.models.text.NgramFeaturizer;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes trained models as model directories (weights, featurizer, manifest with hashes). */
final class ModelWriter {

  static final String WEIGHTS = "model.params";
  static final String FEATURIZER = "featurizer.json";
  static final String TOKEN_FEATURES = "token-features.json";
  static final String VOCABULARY = "vocabulary.json";

  /** Longest reply the draft model generates, in tokens. */
  static final int DRAFT_MAX_TOKENS = 120;

  /** Longest text the tagger reads, in characters. */
  static final int TAGGER_MAX_CHARS = 2000;

  /** Longest text a classifier reads, in characters. */
  static final int CLASSIFIER_MAX_CHARS = 2000;

  private ModelWriter() {}

  static Manifest writeClassifier(
      Path dir,
      TrainOptions o,
      BagClassifierTrainer.Hyper h,
      BagClassifierTrainer.Trained model,
      double temperature,
      double threshold,
      Map<String, Object> training,
      Map<String, Object> validation)
      throws IOException {
    String sha = writeFiles(dir, model.block(), FEATURIZER, model.featurizer()::write);
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("hidden", h.hidden());
    hp.put("members", h.members());
    hp.put("linearMembers", h.linearMembers());
    hp.put("features", model.featurizer().dimension());
    hp.put("epochs", h.epochs());
    hp.put("batchSize", h.batchSize());
    hp.put("learningRate", h.learningRate());
    hp.put("dropout", h.dropout());
    hp.put("featureDropout", h.featureDropout());
    hp.put("labelSmoothing", h.labelSmoothing());
    hp.put("sparseOptimizer", h.sparseOptimizer());
    hp.put("sparseLearningRate", h.sparseLearningRate());
    hp.put("weightDecay", h.weightDecay());
    NgramFeaturizer.Config fc = model.featurizer().config();
    hp.put("wordNgrams", fc.wordNgrams());
    hp.put("charNgrams", fc.charMin() + "-" + fc.charMax());
    hp.put("minDf", fc.minDf());
    hp.put("unknownMass", fc.unknownMass());
    return writeManifest(
        dir,
        o,
        sha,
        ModelDirectory.BAG_CLASSIFIER,
        hp,
        model.labels(),
        labelGroups(o),
        CLASSIFIER_MAX_CHARS,
        FEATURIZER,
        NgramFeaturizer.TYPE,
        new Calibrated(temperature, threshold, training, validation));
  }

  /** The {@code --label-groups} file as a map, or null. */
  static Map<String, String> labelGroups(TrainOptions o) throws IOException {
    if (o.labelGroups() == null) {
      return null;
    }
    Map<String, String> groups = new LinkedHashMap<>();
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.labelGroups().toFile());
    if (root == null || !root.isObject()) {
      throw new IOException(o.labelGroups() + ": expected a JSON object {\"label\": \"group\"}");
    }
    root.fields().forEachRemaining(e -> groups.put(e.getKey(), e.getValue().asText()));
    return groups;
  }

  static Manifest writeTagger(
      Path dir,
      TrainOptions o,
      TaggerTrainer.Hyper h,
      TaggerTrainer.Trained model,
      double temperature,
      double threshold,
      Map<String, Object> training,
      Map<String, Object> validation)
      throws IOException {
    String sha = writeFiles(dir, model.block(), TOKEN_FEATURES, model.featurizer()::write);
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("dim", h.dim());
    hp.put("hidden", h.hidden());
    hp.put("epochs", h.epochs());
    hp.put("batchSize", h.batchSize());
    hp.put("learningRate", h.learningRate());
    hp.put("dropout", h.dropout());
    hp.put("wordDropout", h.wordDropout());
    hp.put("tagScheme", "BIO");
    return writeManifest(
        dir,
        o,
        sha,
        ModelDirectory.BIO_TAGGER,
        hp,
        model.labels(),
        null,
        TAGGER_MAX_CHARS,
        TOKEN_FEATURES,
        dev.smallfirst.models.text.TokenFeaturizer.TYPE,
        new Calibrated(temperature, threshold, training, validation));
  }

  static Manifest writeDraft(
      Path dir,
      TrainOptions o,
      DraftTrainer.Hyper h,
      DraftTrainer.Trained model,
      double temperature,
      double threshold,
      Map<String, Object> training,
      Map<String, Object> validation)
      throws IOException {
    String sha = writeFiles(dir, model.block(), VOCABULARY, model.vocabulary()::write);
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("dim", h.dim());
    hp.put("hidden", h.hidden());
    hp.put("vocabulary", model.vocabulary().size());
    hp.put("epochs", h.epochs());
    hp.put("batchSize", h.batchSize());
    hp.put("learningRate", h.learningRate());
    hp.put("dropout", h.dropout());
    hp.put("decoding", "greedy, slots masked unless the input has the entity");
    return writeManifest(
        dir,
        o,
        sha,
        ModelDirectory.DRAFT_LM,
        hp,
        List.of(),
        null,
        DRAFT_MAX_TOKENS,
        VOCABULARY,
        dev.smallfirst.models.text.ReplyVocabulary.TYPE,
        new Calibrated(temperature, threshold, training, validation));
  }

  /** What calibration and validation measured, for the manifest. */
  private record Calibrated(
      double temperature,
      double threshold,
      Map<String, Object> training,
      Map<String, Object> validation) {}

  /** A file of the model directory next to the weights. */
  @FunctionalInterface
  private interface FileWriter {
    void write(Path file) throws IOException;
  }

  /** Writes the weights and the tokenizer file into {@code dir}; returns the weights' SHA-256. */
  private static String writeFiles(Path dir, Block block, String tokenizer, FileWriter writer)
      throws IOException {
    Files.createDirectories(dir);
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
      block.saveParameters(out);
    }
    writer.write(dir.resolve(tokenizer));
    return ModelDirectory.sha256(dir.resolve(WEIGHTS));
  }

  private static Manifest writeManifest(
      Path dir,
      TrainOptions o,
      String sha,
      String architecture,
      Map<String, Object> hp,
      List<String> labels,
      Map<String, String> labelGroups,
      int maxLength,
      String tokenizer,
      String tokenizerType,
      Calibrated c)
      throws IOException {
    Manifest m =
        new Manifest(
            o.name(),
            o.version() != null ? o.version() : "0.1.0+" + sha.substring(0, 12),
            StageCatalogue.id(o.stage()),
            "djl",
            architecture,
            hp,
            labels,
            labelGroups,
            maxLength,
            c.temperature(),
            c.threshold(),
            WEIGHTS,
            sha,
            tokenizer,
            tokenizerType,
            Map.of(tokenizer, ModelDirectory.sha256(dir.resolve(tokenizer))),
            c.training(),
            c.validation());
    ModelDirectory.writeManifest(dir, m);
    return m;
  }

  /** Rewrites the manifest of {@code dir} with a new calibration and metrics (hashes unchanged). */
  static Manifest rewriteCalibration(
      Path dir,
      double temperature,
      double threshold,
      Map<String, Object> training,
      Map<String, Object> validation)
      throws IOException {
    Manifest m =
        ModelDirectory.readManifest(dir)
            .withCalibration(temperature, threshold, training, validation);
    ModelDirectory.writeManifest(dir, m);
    return m;
  }
}
