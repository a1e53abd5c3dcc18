package dev.smallfirst.worker.trained;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.smallfirst.models.ModelDirectory;
import dev.smallfirst.worker.djl.Devices;
import dev.smallfirst.worker.model.LoadOptions;
import dev.smallfirst.worker.model.ModelIntegrity;
import dev.smallfirst.worker.model.ModelLoadException;
import dev.smallfirst.worker.model.ModelManifest;
import dev.smallfirst.worker.model.StageModel;
import dev.smallfirst.worker.model.StageModelLoader;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code "format": "djl"} model directories made by the Java trainer: DJL parameters plus the
 * block's Java definition ({@code dev.smallfirst.models}), rebuilt from the manifest's {@code
 * architecture} and {@code hyperparameters}. The weights' SHA-256 is checked against the manifest
 * before anything reads them (a mismatch is a {@link
 * dev.smallfirst.worker.model.ModelIntegrityException}); the trainer's loader then checks every
 * other file the manifest pins (featurizer, vocabulary). Thread-safe and stateless.
 */
public final class DjlFormatLoader implements StageModelLoader {
  /** The manifest format this loader reads. */
  public static final String FORMAT = "djl";

  private static final Logger log = LoggerFactory.getLogger(DjlFormatLoader.class);
  private static final String ENGINE = "PyTorch";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public StageModel load(ModelManifest manifest, LoadOptions options) {
    String weightsName =
        manifest
            .weights()
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        manifest.directory().resolve(ModelManifest.FILE_NAME)
                            + ": field 'weights' is required for format djl"));
    Path weights = manifest.resolve("weights", weightsName);
    ModelIntegrity.verify(weights, manifest.sha256());
    Device device = Devices.choose(options.device(), Engine.getEngine(ENGINE));
    dev.smallfirst.models.StageModel trained;
    try {
      trained = ModelDirectory.load(manifest.directory(), device);
    } catch (dev.smallfirst.models.ModelLoadException e) {
      throw new ModelLoadException(e.getMessage(), e);
    }
    TrainedStageModel model = new TrainedStageModel(manifest, trained, options, device);
    log.info(
        "loaded {} ({}) for {} from {} on {} (sha256 verified)",
        model.identity(),
        manifest.extraText("architecture").orElse("?"),
        model.stage(),
        manifest.directory(),
        device);
    return model;
  }
}
