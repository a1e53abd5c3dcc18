package dev.smallfirst.models.trained.internal;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelIntegrityException;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageModelLoader;
import dev.smallfirst.models.internal.Devices;
import dev.smallfirst.models.trained.ModelDirectory;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code "format": "djl"} model directories made by the Java trainer: DJL parameters plus the
 * block's Java definition ({@code dev.smallfirst.models}), rebuilt from the manifest's {@code
 * architecture} and {@code hyperparameters}. The trainer's loader checks the SHA-256 of the weights
 * and of every other pinned file (featurizer, vocabulary) before reading them; a weights mismatch
 * is a {@link ModelIntegrityException}, as for every format. Thread-safe and stateless.
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
    Device device = Devices.choose(options.device(), Engine.getEngine(ENGINE));
    dev.smallfirst.models.trained.TrainedModel trained;
    try {
      // Verifies the SHA-256 of the weights and of every other pinned file before reading them.
      trained = ModelDirectory.load(manifest.directory(), device);
    } catch (ModelLoadException e) {
      if (e.reason() == ModelLoadException.Reason.HASH_MISMATCH) {
        // Only on this failure path is the hash computed again, to report it in the worker's terms.
        String actual = ModelIntegrity.sha256(weights);
        if (!actual.equals(manifest.sha256())) {
          throw new ModelIntegrityException(weights, manifest.sha256(), actual);
        }
      }
      throw e;
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
