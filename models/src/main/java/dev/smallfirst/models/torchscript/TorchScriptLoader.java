package dev.smallfirst.models.torchscript;

import ai.djl.engine.Engine;
import ai.djl.repository.zoo.Criteria;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageModelLoader;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.text.EncodedBatch;
import dev.smallfirst.models.translate.DjlStageModel;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code "format": "torchscript"} model directories: verifies the SHA-256 of the weights file
 * ({@code weights}, default {@code model.pt}) against the manifest, then loads it into DJL's
 * PyTorch engine (TorchScript saved by PyTorch 1.13 or later loads in DJL's libtorch 2.7.1). The
 * module's {@code forward} takes the manifest's {@code inputs} (default {@code input_ids,
 * attention_mask}) and returns logits as its first output. Thread-safe.
 */
public final class TorchScriptLoader implements StageModelLoader {
  /** The manifest format this loader reads. */
  public static final String FORMAT = "torchscript";

  private static final Logger log = LoggerFactory.getLogger(TorchScriptLoader.class);

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public StageModel load(ModelManifest manifest, LoadOptions options) {
    Path weights = manifest.resolve("weights", manifest.weights().orElse("model.pt"));
    ModelIntegrity.verify(weights, manifest.sha256());
    Engine engine = Engine.getEngine(DjlStageModel.ENGINE);
    DjlStageModel model =
        DjlStageModel.assemble(
            manifest,
            options,
            engine,
            (translator, device) ->
                Criteria.builder()
                    .setTypes(EncodedBatch.class, outcomeListType())
                    // Directory plus file stem: DJL then finds <stem>.pt itself (no warning).
                    .optModelPath(weights.getParent())
                    .optModelName(stem(weights))
                    .optEngine(DjlStageModel.ENGINE)
                    .optDevice(device)
                    .optOption("mapLocation", "true")
                    .optTranslator(translator)
                    .build()
                    .loadModel());
    log.info(
        "loaded {} for {} from {} on {} (sha256 verified)",
        model.identity(),
        model.stage(),
        manifest.directory(),
        model.device());
    return model;
  }

  private static String stem(Path weights) {
    String name = weights.getFileName().toString();
    if (!name.endsWith(".pt")) {
      throw new ModelLoadException(
          manifestFile(weights) + ": field 'weights' must name a .pt file, got '" + name + "'");
    }
    return name.substring(0, name.length() - 3);
  }

  private static Path manifestFile(Path weights) {
    return weights.getParent().resolve(ModelManifest.FILE_NAME);
  }

  @SuppressWarnings("unchecked")
  private static Class<List<StageOutcome>> outcomeListType() {
    return (Class<List<StageOutcome>>) (Class<?>) List.class;
  }
}
