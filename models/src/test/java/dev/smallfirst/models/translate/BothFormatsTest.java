package dev.smallfirst.models.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.Fixtures;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelIntegrityException;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.Classified;
import dev.smallfirst.models.torchscript.TorchScriptLoader;
import dev.smallfirst.records.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript directory and a directory of DJL parameters with the block's Java definition load
 * through one {@link ModelLoaders} and answer through the same {@link DjlStageModel} path.
 */
class BothFormatsTest {
  private static final List<String> LABELS = List.of("account", "billing", "refund");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ModelLoaders LOADERS =
      ModelLoaders.of(List.of(new TorchScriptLoader(), new DjlParamsTestLoader()));

  @TempDir static Path dir;
  private static Path djlModel;

  @BeforeAll
  static void trainNothingButSaveADjlModel() throws Exception {
    djlModel = Files.createDirectories(dir.resolve("djl-classify"));
    Engine.getEngine(DjlStageModel.ENGINE).setRandomSeed(7);
    try (Model model = Model.newInstance("tiny", DjlStageModel.ENGINE);
        NDManager manager = NDManager.newBaseManager(DjlStageModel.ENGINE)) {
      TinyBagOfWords block = new TinyBagOfWords(400, 8, LABELS.size());
      block.setInitializer(new NormalInitializer(0.5f), Parameter.Type.WEIGHT);
      block.initialize(manager, DataType.FLOAT32, new Shape(1, 4), new Shape(1, 4));
      model.setBlock(block);
      model.setProperty("Epoch", "1");
      model.save(djlModel, "tiny");
    }
    Files.copy(
        Fixtures.torchscript("classify").resolve("tokenizer.json"),
        djlModel.resolve("tokenizer.json"));
    Path params = djlModel.resolve("tiny-0001.params");
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("name", "tiny-bow").put("version", "1").put("stage", "CLASSIFY");
    manifest.put("format", DjlParamsTestLoader.FORMAT).put("maxLength", 64).put("temperature", 1.5);
    manifest.putPOJO("labels", LABELS);
    manifest.put("weights", params.getFileName().toString());
    manifest.put("sha256", ModelIntegrity.sha256(params));
    manifest.putObject("architecture").put("vocab", 400).put("hidden", 8).put("prefix", "tiny");
    JSON.writeValue(djlModel.resolve(ModelManifest.FILE_NAME).toFile(), manifest);
  }

  @Test
  void shouldLoadAndPredictBothFormatsThroughTheSamePath() throws Exception {
    for (Path model : List.of(Fixtures.torchscript("classify"), djlModel)) {
      try (StageModel loaded = LOADERS.load(model, Stage.CLASSIFY, LoadOptions.defaults());
          InferenceSession session = loaded.newSession()) {
        List<StageOutcome> out =
            session.predict(
                List.of(StageInput.of("please refund my order"), StageInput.of("reset password")));

        List<String> labels = ModelManifest.read(model).labels();
        assertThat(loaded).isInstanceOf(DjlStageModel.class);
        assertThat(loaded.identity()).isEqualTo(ModelManifest.read(model).identity());
        assertThat(out)
            .hasSize(2)
            .allSatisfy(
                o -> {
                  Classified c = (Classified) o;
                  assertThat(labels).contains(c.label());
                  assertThat(c.confidence()).isBetween(0.0, 1.0);
                  assertThat(c.topK()).hasSize(3);
                });
      }
    }
  }

  @Test
  void shouldRefuseTamperedParameters(@TempDir Path copy) throws Exception {
    for (Path f : Files.list(djlModel).toList()) {
      Files.copy(f, copy.resolve(f.getFileName()));
    }
    byte[] params = Files.readAllBytes(copy.resolve("tiny-0001.params"));
    params[params.length - 1] ^= 1;
    Files.write(copy.resolve("tiny-0001.params"), params);

    assertThatThrownBy(() -> LOADERS.load(copy, Stage.CLASSIFY, LoadOptions.defaults()))
        .isInstanceOf(ModelIntegrityException.class);
  }
}
