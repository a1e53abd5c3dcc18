package dev.smallfirst.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.encoder.EncoderHead;
import dev.smallfirst.models.encoder.EncoderSpec;
import dev.smallfirst.models.encoder.internal.EncoderFormatLoader;
import dev.smallfirst.models.trained.Manifest;
import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the manifest of an {@code onnx-encoder} model directory whose head parameters are already
 * in {@code head.params}: the common fields (name, version, labels, calibration, the head's
 * SHA-256) plus the {@code encoder}, {@code head} and, with an n-gram member, {@code ensemble}
 * blocks. The encoder itself is never copied: the manifest pins it by Maven coordinates and hash.
 */
final class EncoderModelWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EncoderModelWriter() {}

  static Manifest write(
      TrainOptions o,
      String architecture,
      Map<String, Object> hyperparameters,
      List<String> labels,
      Map<String, String> labelGroups,
      int maxTokens,
      ModelWriter.Calibrated c,
      EncoderSpec spec,
      EncoderHead.Layout layout,
      Map<String, Object> ensemble,
      Map<String, Object> outOfScope)
      throws IOException {
    Path dir = o.out();
    String sha = ModelDirectory.sha256(dir.resolve(EncoderClassifierJob.HEAD));
    Manifest m =
        new Manifest(
            o.name(),
            o.version() != null ? o.version() : "0.1.0+" + sha.substring(0, 12),
            StageCatalogue.id(o.stage()),
            EncoderFormatLoader.FORMAT,
            architecture,
            hyperparameters,
            labels,
            labelGroups,
            maxTokens,
            c.temperature(),
            c.threshold(),
            EncoderClassifierJob.HEAD,
            sha,
            null,
            "huggingface",
            Map.of(),
            c.training(),
            c.validation());
    ObjectNode root = JSON.valueToTree(m);
    root.set("encoder", JSON.valueToTree(spec.toJson()));
    ObjectNode head = root.putObject("head");
    head.put("inputs", layout.inputs());
    head.put("hidden", layout.hidden());
    head.put("outputs", layout.outputs());
    head.put("dropout", layout.dropout());
    if (ensemble != null) {
      root.set("ensemble", JSON.valueToTree(ensemble));
    }
    if (outOfScope != null) {
      root.set("outOfScope", JSON.valueToTree(outOfScope));
    }
    if (o.stage() == dev.smallfirst.records.Stage.CLASSIFY) {
      // Further intents from the message's clauses (EncoderStageModel); 0.8 found 83% of the
      // generated tickets' second requests and added one to 0.7% of single requests (README).
      root.putObject("intents")
          .put(
              "clauseMinConfidence",
              Math.round(o.floatOverride("clauseMinConfidence", 0.8f) * 1e6) / 1e6);
    }
    Files.writeString(dir.resolve(ModelDirectory.MANIFEST), JSON.writeValueAsString(root) + "\n");
    return m;
  }
}
