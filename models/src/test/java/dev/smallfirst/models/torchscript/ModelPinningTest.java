package dev.smallfirst.models.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.Fixtures;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrityException;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.records.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weights hash pins a model: a mismatch refuses to load, a match is what results carry. */
class ModelPinningTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldPinTheManifestsNameVersionAndVerifiedHash() {
    ModelManifest manifest = ModelManifest.read(Fixtures.torchscript("classify"));
    try (StageModel model = Fixtures.load(Stage.CLASSIFY, LoadOptions.defaults())) {
      assertThat(model.identity()).isEqualTo(manifest.identity());
      assertThat(model.identity().sha256())
          .isEqualTo("91a63e4c0d554c80f4500b2a839703d0a9d7951779b9fc8e1ec7f91aeb3a95bf");
    }
  }

  @Test
  void shouldRefuseWeightsThatWereTamperedWith(@TempDir Path dir) throws Exception {
    Path model = Fixtures.copy("classify", dir.resolve("classify"));
    byte[] weights = Files.readAllBytes(model.resolve("model.pt"));
    weights[weights.length / 2] ^= 0x20;
    Files.write(model.resolve("model.pt"), weights);

    assertThatThrownBy(
            () -> ModelLoaders.standard().load(model, Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelIntegrityException.class)
        .hasMessageContaining("refusing to load")
        .hasMessageContaining("91a63e4c0d554c80f4500b2a839703d0a9d7951779b9fc8e1ec7f91aeb3a95bf");
  }

  @Test
  void shouldRefuseAManifestThatPinsOtherWeights(@TempDir Path dir) throws Exception {
    Path model = Fixtures.copy("classify", dir.resolve("classify"));
    ObjectNode manifest = (ObjectNode) JSON.readTree(model.resolve("manifest.json").toFile());
    manifest.put("sha256", "0".repeat(64));
    JSON.writeValue(model.resolve("manifest.json").toFile(), manifest);

    assertThatThrownBy(
            () -> ModelLoaders.standard().load(model, Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelIntegrityException.class);
  }

  @Test
  void shouldRefuseAModelOfAnotherStage() {
    assertThatThrownBy(
            () ->
                ModelLoaders.standard()
                    .load(Fixtures.torchscript("extract"), Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("answers EXTRACT, but this worker serves CLASSIFY");
  }

  @Test
  void shouldNameTheKnownFormatsForAnUnknownOne(@TempDir Path dir) throws Exception {
    Path model = Fixtures.copy("classify", dir.resolve("classify"));
    ObjectNode manifest = (ObjectNode) JSON.readTree(model.resolve("manifest.json").toFile());
    manifest.put("format", "onnx");
    JSON.writeValue(model.resolve("manifest.json").toFile(), manifest);

    assertThatThrownBy(
            () -> ModelLoaders.standard().load(model, Stage.CLASSIFY, LoadOptions.defaults()))
        .hasMessageContaining(
            "format 'onnx' has no loader here; known formats: [causal-lm, djl, onnx-encoder, reply-bank, torchscript]");
  }
}
