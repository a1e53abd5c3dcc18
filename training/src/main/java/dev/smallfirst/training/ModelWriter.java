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

  /** What calibration and validation measured, for the manifest. */
  record Calibrated(
      double temperature,
      double threshold,
      Map<String, Object> training,
      Map<String, Object> validation) {}

  static Manifest writeClassifier(
      Path dir,
      TrainOptions o,
      BagClassifierTrainer.Hyper h,
      BagClassifierTrainer.Trained model,
      Calibrated c)
      throws IOException {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("hidden", h.hidden());
    hp.put("members", h.members());
    hp.put("linearMembers", h.linearMembers());
    hp.put("features", model.featurizer().dimension());
    schedule(hp, h.epochs(), h.batchSize(), h.learningRate(), h.dropout());
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
    Artifact a =
        new Artifact(
            ModelDirectory.BAG_CLASSIFIER,
            model.block(),
            FEATURIZER,
            NgramFeaturizer.TYPE,
            model.featurizer()::write,
            model.labels(),
            labelGroups(o),
            CLASSIFIER_MAX_CHARS);
    return write(dir, o, a, hp, c);
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
      Path dir, TrainOptions o, TaggerTrainer.Hyper h, TaggerTrainer.Trained model, Calibrated c)
      throws IOException {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("dim", h.dim());
    hp.put("hidden", h.hidden());
    schedule(hp, h.epochs(), h.batchSize(), h.learningRate(), h.dropout());
    hp.put("wordDropout", h.wordDropout());
    hp.put("tagScheme", "BIO");
    Artifact a =
        new Artifact(
            ModelDirectory.BIO_TAGGER,
            model.block(),
            TOKEN_FEATURES,
            dev.smallfirst.models.text.TokenFeaturizer.TYPE,
            model.featurizer()::write,
            model.labels(),
            null,
            TAGGER_MAX_CHARS);
    return write(dir, o, a, hp, c);
  }

  static Manifest writeDraft(
      Path dir, TrainOptions o, DraftTrainer.Hyper h, DraftTrainer.Trained model, Calibrated c)
      throws IOException {
    Map<String, Object> hp = new LinkedHashMap<>();
    hp.put("dim", h.dim());
    hp.put("hidden", h.hidden());
    hp.put("vocabulary", model.vocabulary().size());
    schedule(hp, h.epochs(), h.batchSize(), h.learningRate(), h.dropout());
    hp.put("decoding", "greedy, slots masked unless the input has the entity");
    Artifact a =
        new Artifact(
            ModelDirectory.DRAFT_LM,
            model.block(),
            VOCABULARY,
            dev.smallfirst.models.text.ReplyVocabulary.TYPE,
            model.vocabulary()::write,
            List.of(),
            null,
            DRAFT_MAX_TOKENS);
    return write(dir, o, a, hp, c);
  }

  /** The optimisation hyperparameters every architecture has, in manifest order. */
  private static void schedule(
      Map<String, Object> hp, int epochs, int batchSize, float learningRate, float dropout) {
    hp.put("epochs", epochs);
    hp.put("batchSize", batchSize);
    hp.put("learningRate", learningRate);
    hp.put("dropout", dropout);
  }

  /** A file of the model directory next to the weights. */
  @FunctionalInterface
  private interface FileWriter {
    void write(Path file) throws IOException;
  }

  /**
   * What an architecture puts in its model directory: the weights of {@code block}, one tokenizer
   * file written by {@code writer}, and the manifest fields that describe them.
   */
  private record Artifact(
      String architecture,
      Block block,
      String tokenizer,
      String tokenizerType,
      FileWriter writer,
      List<String> labels,
      Map<String, String> labelGroups,
      int maxLength) {}

  /**
   * Writes the weights, the tokenizer file and the manifest (with both hashes) into {@code dir}.
   */
  private static Manifest write(
      Path dir, TrainOptions o, Artifact a, Map<String, Object> hp, Calibrated c)
      throws IOException {
    Files.createDirectories(dir);
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
      a.block().saveParameters(out);
    }
    a.writer().write(dir.resolve(a.tokenizer()));
    String sha = ModelDirectory.sha256(dir.resolve(WEIGHTS));
    Manifest m =
        new Manifest(
            o.name(),
            o.version() != null ? o.version() : "0.1.0+" + sha.substring(0, 12),
            StageCatalogue.id(o.stage()),
            "djl",
            a.architecture(),
            hp,
            a.labels(),
            a.labelGroups(),
            a.maxLength(),
            c.temperature(),
            c.threshold(),
            WEIGHTS,
            sha,
            a.tokenizer(),
            a.tokenizerType(),
            Map.of(a.tokenizer(), ModelDirectory.sha256(dir.resolve(a.tokenizer()))),
            c.training(),
            c.validation());
    ModelDirectory.writeManifest(dir, m);
    return m;
  }

  /** Rewrites the manifest of {@code dir} with a new calibration and metrics (hashes unchanged). */
  static Manifest rewriteCalibration(Path dir, Calibrated c) throws IOException {
    Manifest m =
        ModelDirectory.readManifest(dir)
            .withCalibration(c.temperature(), c.threshold(), c.training(), c.validation());
    ModelDirectory.writeManifest(dir, m);
    return m;
  }
}
