package dev.smallfirst.training;

import dev.smallfirst.models.Stages;
import dev.smallfirst.models.text.NgramFeaturizer;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.ModelDirectory;
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
    Files.createDirectories(dir);
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
      model.block().saveParameters(out);
    }
    model.featurizer().write(dir.resolve(FEATURIZER));
    String sha = ModelDirectory.sha256(dir.resolve(WEIGHTS));
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
    Manifest m =
        new Manifest(
            o.name(),
            o.version() != null ? o.version() : "0.1.0+" + sha.substring(0, 12),
            Stages.id(o.stage()),
            "djl",
            ModelDirectory.BAG_CLASSIFIER,
            hp,
            model.labels(),
            labelGroups(o),
            CLASSIFIER_MAX_CHARS,
            temperature,
            threshold,
            WEIGHTS,
            sha,
            FEATURIZER,
            NgramFeaturizer.TYPE,
            Map.of(FEATURIZER, ModelDirectory.sha256(dir.resolve(FEATURIZER))),
            training,
            validation);
    ModelDirectory.writeManifest(dir, m);
    return m;
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
    Files.createDirectories(dir);
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
      model.block().saveParameters(out);
    }
    model.featurizer().write(dir.resolve(TOKEN_FEATURES));
    String sha = ModelDirectory.sha256(dir.resolve(WEIGHTS));
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("dim", h.dim());
    hp.put("hidden", h.hidden());
    hp.put("epochs", h.epochs());
    hp.put("batchSize", h.batchSize());
    hp.put("learningRate", h.learningRate());
    hp.put("dropout", h.dropout());
    hp.put("wordDropout", h.wordDropout());
    hp.put("tagScheme", "BIO");
    Manifest m =
        new Manifest(
            o.name(),
            o.version() != null ? o.version() : "0.1.0+" + sha.substring(0, 12),
            Stages.id(o.stage()),
            "djl",
            ModelDirectory.BIO_TAGGER,
            hp,
            model.labels(),
            null,
            TAGGER_MAX_CHARS,
            temperature,
            threshold,
            WEIGHTS,
            sha,
            TOKEN_FEATURES,
            dev.smallfirst.models.text.TokenFeaturizer.TYPE,
            Map.of(TOKEN_FEATURES, ModelDirectory.sha256(dir.resolve(TOKEN_FEATURES))),
            training,
            validation);
    ModelDirectory.writeManifest(dir, m);
    return m;
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
    Files.createDirectories(dir);
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
      model.block().saveParameters(out);
    }
    model.vocabulary().write(dir.resolve(VOCABULARY));
    String sha = ModelDirectory.sha256(dir.resolve(WEIGHTS));
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("dim", h.dim());
    hp.put("hidden", h.hidden());
    hp.put("vocabulary", model.vocabulary().size());
    hp.put("epochs", h.epochs());
    hp.put("batchSize", h.batchSize());
    hp.put("learningRate", h.learningRate());
    hp.put("dropout", h.dropout());
    hp.put("decoding", "greedy, slots masked unless the input has the entity");
    Manifest m =
        new Manifest(
            o.name(),
            o.version() != null ? o.version() : "0.1.0+" + sha.substring(0, 12),
            Stages.id(o.stage()),
            "djl",
            ModelDirectory.DRAFT_LM,
            hp,
            List.of(),
            null,
            DRAFT_MAX_TOKENS,
            temperature,
            threshold,
            WEIGHTS,
            sha,
            VOCABULARY,
            dev.smallfirst.models.text.ReplyVocabulary.TYPE,
            Map.of(VOCABULARY, ModelDirectory.sha256(dir.resolve(VOCABULARY))),
            training,
            validation);
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
    Manifest o = ModelDirectory.readManifest(dir);
    Manifest m =
        new Manifest(
            o.name(),
            o.version(),
            o.stage(),
            o.format(),
            o.architecture(),
            o.hyperparameters(),
            o.labels(),
            o.labelGroups(),
            o.maxLength(),
            temperature,
            threshold,
            o.weights(),
            o.sha256(),
            o.tokenizer(),
            o.tokenizerType(),
            o.files(),
            training,
            validation);
    ModelDirectory.writeManifest(dir, m);
    return m;
  }
}
