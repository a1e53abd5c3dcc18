package dev.smallfirst.models.encoder.internal;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageModelLoader;
import dev.smallfirst.models.encoder.EncoderHead;
import dev.smallfirst.models.encoder.EncoderSpec;
import dev.smallfirst.models.encoder.Int8Rows;
import dev.smallfirst.models.encoder.Neighbours;
import dev.smallfirst.models.encoder.SharedEncoders;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.models.trained.TextClassifier;
import dev.smallfirst.models.trained.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code "format": "onnx-encoder"} model directories: a pretrained ONNX encoder pinned by
 * Maven coordinates and SHA-256 (never copied into the directory), plus a head trained by {@code
 * ./smallfirst train --encoder ...} on its embeddings, optionally mixed with an n-gram model in a
 * sub-directory. Every file is verified before it runs. Models of one process that name the same
 * encoder share one copy of it and one pass per text ({@link SharedEncoders}). Thread-safe and
 * stateless.
 */
public final class EncoderFormatLoader implements StageModelLoader {
  /** The manifest format this loader reads. */
  public static final String FORMAT = "onnx-encoder";

  private static final Logger log = LoggerFactory.getLogger(EncoderFormatLoader.class);

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public StageModel load(ModelManifest manifest, LoadOptions options) {
    String where = manifest.directory().resolve(ModelManifest.FILE_NAME).toString();
    switch (manifest.stage()) {
      case CLASSIFY, SENTIMENT, EXTRACT -> {}
      default ->
          throw new ModelLoadException(
              where
                  + ": format "
                  + FORMAT
                  + " answers classify, sentiment and extract, not "
                  + manifest.stage());
    }
    EncoderSpec spec = EncoderSpec.fromJson(manifest.extra("encoder").orElse(null), where);
    EncoderHead.Layout layout = layout(manifest.extra("head").orElse(null), where);
    String weightsName =
        manifest
            .weights()
            .orElseThrow(() -> new ModelLoadException(where + ": field 'weights' is required"));
    Path weights = manifest.resolve("weights", weightsName);
    ModelIntegrity.verify(weights, manifest.sha256());
    Optional<JsonNode> ensemble = manifest.extra("ensemble");
    TextClassifier ngram = null;
    double weight = 1.0;
    SharedEncoders.Lease encoder = null;
    EncoderHead head = null;
    try {
      if (ensemble.isPresent()) {
        Path sub = manifest.resolve("ensemble.ngram", ensemble.get().path("ngram").asText("ngram"));
        TrainedModel member = ModelDirectory.load(sub, Device.cpu());
        if (!(member instanceof TextClassifier c)) {
          member.close();
          throw new ModelLoadException(where + ": ensemble member " + sub + " is not a classifier");
        }
        ngram = c;
        weight = ensemble.get().path("weight").asDouble(0.5);
        if (!c.manifest().labels().equals(manifest.labels())) {
          throw new ModelLoadException(where + ": ensemble member " + sub + " has other labels");
        }
      }
      OptionalDouble clauseMin = clauseMinConfidence(manifest, where);
      OptionalDouble exit =
          exitConfidence(ensemble.orElse(null), manifest.extra("outOfScope").isPresent(), where);
      OutOfScope outOfScope = outOfScope(manifest, where, spec.dimension());
      encoder = SharedEncoders.acquire(spec, manifest.maxLength());
      head = EncoderHead.load(layout, weights);
      EncoderStageModel model =
          new EncoderStageModel(
              manifest,
              encoder,
              head,
              ngram,
              weight,
              options.overlong(),
              options.topK().orElse(3),
              clauseMin,
              outOfScope,
              exit);
      log.info(
          "loaded {} for {} from {}: encoder {} ({}, sha256 verified), head {}{}",
          model.identity(),
          model.stage(),
          manifest.directory(),
          spec.artifact(),
          spec.quantization(),
          layout,
          (ngram == null ? "" : ", n-gram member weight " + (1 - weight))
              + (clauseMin.isEmpty()
                  ? ""
                  : ", further intents clause by clause at >= " + clauseMin.getAsDouble())
              + (exit.isEmpty()
                  ? ""
                  : ", answered by the n-gram member alone (no encoder pass) when it is >= "
                      + exit.getAsDouble()
                      + " sure")
              + (outOfScope == null
                  ? ""
                  : ", out of scope below "
                      + outOfScope.minSimilarity()
                      + " mean similarity to the "
                      + outOfScope.k()
                      + " nearest of "
                      + outOfScope.neighbours().size()
                      + " training requests"));
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      if (head != null) {
        head.close();
      }
      if (encoder != null) {
        encoder.close();
      }
      if (ngram != null) {
        ngram.close();
      }
      if (e instanceof ModelLoadException m) {
        throw m;
      }
      throw new ModelLoadException(where + ": cannot load the head " + weights + ": " + e, e);
    }
  }

  static EncoderHead.Layout layout(JsonNode node, String where) {
    if (node == null || !node.isObject()) {
      throw new ModelLoadException(where + ": field 'head' must be an object");
    }
    try {
      return new EncoderHead.Layout(
          node.path("inputs").asInt(0),
          node.path("hidden").asInt(-1),
          node.path("outputs").asInt(0),
          (float) node.path("dropout").asDouble(0));
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(where + ": field 'head': " + e.getMessage(), e);
    }
  }

  /**
   * The manifest's {@code ensemble.exitConfidence}: a text the n-gram member is at least this sure
   * of is answered by the member alone, without an encoder pass ({@link EncoderStageModel}).
   * Absent: empty, and every text is encoded. It needs a member, and cannot go with an {@code
   * outOfScope} block, whose check reads the embedding of every text.
   */
  static OptionalDouble exitConfidence(JsonNode ensemble, boolean outOfScope, String where) {
    JsonNode exit = ensemble == null ? null : ensemble.get("exitConfidence");
    if (exit == null || exit.isNull()) {
      return OptionalDouble.empty();
    }
    if (!exit.isNumber() || !(exit.asDouble() > 0 && exit.asDouble() <= 1)) {
      throw new ModelLoadException(
          where + ": field 'ensemble.exitConfidence' must be a number in (0, 1], got " + exit);
    }
    if (outOfScope) {
      throw new ModelLoadException(
          where
              + ": field 'ensemble.exitConfidence' cannot go with an 'outOfScope' block: the"
              + " out-of-scope check reads every text's embedding, so no text may skip the encoder");
    }
    return OptionalDouble.of(exit.asDouble());
  }

  /**
   * The manifest's {@code intents.clauseMinConfidence}: a classify model with it reads the message
   * clause by clause too, and reports the label of every other clause it is at least this sure of
   * as a further intent ({@link EncoderStageModel}). Absent: empty, and no clause is read.
   */
  static OptionalDouble clauseMinConfidence(ModelManifest manifest, String where) {
    Optional<JsonNode> intents = manifest.extra("intents");
    if (intents.isEmpty()) {
      return OptionalDouble.empty();
    }
    JsonNode min = intents.get().path("clauseMinConfidence");
    if (manifest.stage() != dev.smallfirst.records.Stage.CLASSIFY
        || !min.isNumber()
        || !(min.asDouble() > 0 && min.asDouble() <= 1)) {
      throw new ModelLoadException(
          where
              + ": field 'intents.clauseMinConfidence' must be a number in (0, 1] of a classify"
              + " model, got "
              + min
              + " for "
              + manifest.stage());
    }
    return OptionalDouble.of(min.asDouble());
  }

  /**
   * The manifest's optional {@code outOfScope} block ({@code neighbours} file, its {@code sha256},
   * {@code rows}, {@code k}, {@code minSimilarity}), verified and read; null without it. Classify
   * only.
   */
  static OutOfScope outOfScope(ModelManifest manifest, String where, int dimension) {
    Optional<JsonNode> block = manifest.extra("outOfScope");
    if (block.isEmpty()) {
      return null;
    }
    JsonNode b = block.get();
    if (manifest.threshold().isEmpty()) {
      throw new ModelLoadException(
          where + ": field 'outOfScope' needs the manifest's 'threshold' (it escalates below it)");
    }
    if (manifest.stage() != dev.smallfirst.records.Stage.CLASSIFY) {
      throw new ModelLoadException(
          where + ": field 'outOfScope' is for classify models, not " + manifest.stage());
    }
    for (String key : new String[] {"neighbours", "sha256"}) {
      if (!b.path(key).isTextual()) {
        throw new ModelLoadException(where + ": field 'outOfScope." + key + "' must be a string");
      }
    }
    for (String key : new String[] {"rows", "k"}) {
      if (!b.path(key).canConvertToInt() || b.path(key).asInt() < 1) {
        throw new ModelLoadException(
            where + ": field 'outOfScope." + key + "' must be a positive integer");
      }
    }
    double min = b.path("minSimilarity").asDouble(Double.NaN);
    if (!b.path("minSimilarity").isNumber() || !(min >= -1 && min <= 1)) {
      throw new ModelLoadException(
          where + ": field 'outOfScope.minSimilarity' must be a number in [-1, 1]");
    }
    Path file = manifest.resolve("outOfScope.neighbours", b.get("neighbours").asText());
    ModelIntegrity.verify(file, b.get("sha256").asText());
    return new OutOfScope(
        new Neighbours(
            Int8Rows.read(file, b.get("rows").asInt(), dimension, "out-of-scope neighbours")),
        b.get("k").asInt(),
        min);
  }
}
