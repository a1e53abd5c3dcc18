package dev.smallfirst.training;

import ai.djl.nn.Block;
import dev.smallfirst.models.text.NgramFeaturizer;
import dev.smallfirst.models.text.ReplyVocabulary;
import dev.smallfirst.models.text.TokenFeaturizer;
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

  private static final Layout CLASSIFIER =
      new Layout(
          ModelDirectory.BAG_CLASSIFIER, FEATURIZER, NgramFeaturizer.TYPE, CLASSIFIER_MAX_CHARS);
  private static final Layout TAGGER =
      new Layout(ModelDirectory.BIO_TAGGER, TOKEN_FEATURES, TokenFeaturizer.TYPE, TAGGER_MAX_CHARS);
  private static final Layout DRAFT =
      new Layout(ModelDirectory.DRAFT_LM, VOCABULARY, ReplyVocabulary.TYPE, DRAFT_MAX_TOKENS);

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
    return write(
        dir,
        o,
        CLASSIFIER,
        model.block(),
        model.featurizer()::write,
        model.labels(),
        labelGroups(o),
        hp,
        c);
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
    return write(
        dir, o, TAGGER, model.block(), model.featurizer()::write, model.labels(), null, hp, c);
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
    return write(dir, o, DRAFT, model.block(), model.vocabulary()::write, List.of(), null, hp, c);
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
   * What an architecture's model directory holds besides the weights: one tokenizer file of {@code
   * tokenizerType}; {@code maxLength} is the longest input it reads.
   */
  private record Layout(
      String architecture, String tokenizer, String tokenizerType, int maxLength) {}

  /**
   * Writes the weights, the tokenizer file and the manifest (with both hashes) into {@code dir}.
   */
  private static Manifest write(
      Path dir,
      TrainOptions o,
      Layout a,
      Block block,
      FileWriter writer,
      List<String> labels,
      Map<String, String> labelGroups,
      Map<String, Object> hp,
      Calibrated c)
      throws IOException {
    Files.createDirectories(dir);
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(Files.newOutputStream(dir.resolve(WEIGHTS))))) {
      block.saveParameters(out);
    }
    writer.write(dir.resolve(a.tokenizer()));
    String sha = ModelDirectory.sha256(dir.resolve(WEIGHTS));
    Manifest m =
        new Manifest(
            o.name(),
            o.version() != null ? o.version() : "0.1.0+" + sha.substring(0, 12),
            StageCatalogue.id(o.stage()),
            "djl",
            a.architecture(),
            hp,
            labels,
            labelGroups,
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
