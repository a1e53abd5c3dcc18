package dev.smallfirst.models.causallm.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.Fixtures;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrityException;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.records.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code causal-lm} directory that is not what its manifest says is refused at load. */
class CausalLmLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path copy(Path dir) {
    return Fixtures.copyDirectory(Fixtures.causalLm(), dir.resolve("lm"));
  }

  private static Path copyOnnx(Path dir) {
    return Fixtures.copyDirectory(Fixtures.causalLmOnnx(), dir.resolve("onnx"));
  }

  private static Path withManifest(Path dir, Consumer<ObjectNode> change) throws Exception {
    return edited(copy(dir), change);
  }

  /** {@code model} with {@code change} made to its manifest. */
  private static Path edited(Path model, Consumer<ObjectNode> change) throws Exception {
    ObjectNode manifest = (ObjectNode) JSON.readTree(model.resolve("manifest.json").toFile());
    change.accept(manifest);
    JSON.writeValue(model.resolve("manifest.json").toFile(), manifest);
    return model;
  }

  private static void load(Path model) {
    ModelLoaders.standard().load(model, Stage.DRAFT, LoadOptions.defaults()).close();
  }

  @Test
  void shouldRefuseWeightsThatWereTamperedWith(@TempDir Path dir) throws Exception {
    Path model = copy(dir);
    byte[] weights = Files.readAllBytes(model.resolve("model.pt"));
    weights[weights.length / 2] ^= 0x20;
    Files.write(model.resolve("model.pt"), weights);

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelIntegrityException.class)
        .hasMessageContaining("refusing to load");
  }

  @Test
  void shouldRefuseATokenizerThatIsNotThePinnedOne(@TempDir Path dir) throws Exception {
    Path model = copy(dir);
    String tokenizer = Files.readString(model.resolve("tokenizer.json"));
    Files.writeString(model.resolve("tokenizer.json"), tokenizer.replace("\"sorry\"", "\"sorrY\""));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelIntegrityException.class)
        .hasMessageContaining("tokenizer.json");
  }

  @Test
  void shouldRefuseACacheLayoutTheModuleDoesNotHave(@TempDir Path dir) throws Exception {
    Path model = withManifest(dir, m -> ((ObjectNode) m.get("kvCache")).put("headDim", 8));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("causal-lm contract");
  }

  @Test
  void shouldRefuseAStopTokenThatIsNotOneToken(@TempDir Path dir) throws Exception {
    Path model = withManifest(dir, m -> m.putArray("stopTokens").add("two words"));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("field 'stopTokens'")
        .hasMessageContaining("two words");
  }

  @Test
  void shouldRefuseAnEosIdOutsideTheVocabulary(@TempDir Path dir) throws Exception {
    Path model = withManifest(dir, m -> m.putArray("eosTokenIds").add(100_000));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("100000");
  }

  @Test
  void shouldRefuseAPromptWithAMisspeltPlaceholder(@TempDir Path dir) throws Exception {
    Path model = withManifest(dir, m -> m.put("prompt", "{message} {entity}"));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("field 'prompt'")
        .hasMessageContaining("{entity}");
  }

  @Test
  void shouldRequireAThreshold(@TempDir Path dir) throws Exception {
    Path model = withManifest(dir, m -> m.remove("threshold"));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("field 'threshold'");
  }

  @Test
  void shouldRefuseAnOnnxGraphThatWasTamperedWith(@TempDir Path dir) throws Exception {
    Path model = copyOnnx(dir);
    byte[] weights = Files.readAllBytes(model.resolve("model.onnx"));
    weights[weights.length / 2] ^= 0x20;
    Files.write(model.resolve("model.onnx"), weights);

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelIntegrityException.class)
        .hasMessageContaining("refusing to load");
  }

  @Test
  void shouldRefuseAnOnnxGraphWithFewerLayersThanTheManifestSays(@TempDir Path dir)
      throws Exception {
    Path model = edited(copyOnnx(dir), m -> ((ObjectNode) m.get("kvCache")).put("layers", 3));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("missing [past_key_values.2.key, past_key_values.2.value]")
        .hasMessageContaining("kvCache.layers 3");
  }

  @Test
  void shouldRefuseAnOnnxGraphWithMoreLayersThanTheManifestSays(@TempDir Path dir)
      throws Exception {
    Path model = edited(copyOnnx(dir), m -> ((ObjectNode) m.get("kvCache")).put("layers", 1));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not part of the layout [past_key_values.1.key");
  }

  @Test
  void shouldRefuseAnOnnxCacheLayoutTheGraphDoesNotHave(@TempDir Path dir) throws Exception {
    Path model = edited(copyOnnx(dir), m -> ((ObjectNode) m.get("kvCache")).put("headDim", 8));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("causal-lm contract")
        .hasMessageContaining("ONNX");
  }

  @Test
  void shouldRefuseWeightsOfAnotherKind(@TempDir Path dir) throws Exception {
    Path model = withManifest(dir, m -> m.put("weights", "model.bin"));

    assertThatThrownBy(() -> load(model))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("field 'weights'")
        .hasMessageContaining(".onnx");
  }
}
