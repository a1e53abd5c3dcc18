package dev.smallfirst.models.translate;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.LoadOptions.OverlongPolicy;
import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.internal.Devices;
import dev.smallfirst.models.text.EncodedBatch;
import dev.smallfirst.models.text.HfTextEncoder;
import dev.smallfirst.models.text.TextEncoder;
import dev.smallfirst.records.Stage;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link StageModel} over a DJL model, whatever format its weights came in: the manifest's
 * tokenizer, the stage's translator, length limits and length buckets. Sessions are DJL {@code
 * Predictor}s ({@link DjlSession}). Thread-safe.
 *
 * <pre>{@code
 * // a format loader verifies the weights, then builds the DJL model around the given translator:
 * StageModel model = DjlStageModel.assemble(manifest, options, engine,
 *     (translator, device) -> Criteria.builder()...optTranslator(translator).build().loadModel());
 * }</pre>
 */
public final class DjlStageModel implements StageModel {
  /** The PyTorch engine's name in DJL. */
  public static final String ENGINE = "PyTorch";

  /** Builds the loaded DJL model around the stage's translator. */
  @FunctionalInterface
  public interface ModelFactory {
    ZooModel<EncodedBatch, List<StageOutcome>> load(
        Translator<EncodedBatch, List<StageOutcome>> translator, Device device)
        throws IOException, ModelNotFoundException, MalformedModelException;
  }

  private final ModelIdentity identity;
  private final Stage stage;
  private final ZooModel<EncodedBatch, List<StageOutcome>> model;
  private final TextEncoder encoder;
  private final InputShaper shaper;

  private DjlStageModel(
      ModelIdentity identity,
      Stage stage,
      ZooModel<EncodedBatch, List<StageOutcome>> model,
      TextEncoder encoder,
      InputShaper shaper) {
    this.identity = identity;
    this.stage = stage;
    this.model = model;
    this.encoder = encoder;
    this.shaper = shaper;
  }

  /**
   * Loads the tokenizer named by the manifest, makes the stage's translator, has {@code factory}
   * load the weights on the chosen device, and wraps the result. Does not verify the weights: the
   * format loader does that before calling this.
   *
   * @throws ModelLoadException when any part cannot be loaded
   */
  public static DjlStageModel assemble(
      ModelManifest manifest, LoadOptions options, Engine engine, ModelFactory factory) {
    TextEncoder encoder = HfTextEncoder.load(manifest.resolve("tokenizer", manifest.tokenizer()));
    try {
      Translator<EncodedBatch, List<StageOutcome>> translator =
          StageTranslators.of(manifest, options, encoder);
      Device device = Devices.choose(options.device(), engine);
      ZooModel<EncodedBatch, List<StageOutcome>> model = factory.load(translator, device);
      int maxTokens = StageTranslators.maxInputTokens(manifest, options);
      Function<StageInput, String> render =
          manifest.stage() == Stage.DRAFT ? DraftPrompt::render : StageInput::text;
      InputShaper shaper =
          new InputShaper(
              encoder,
              render,
              maxTokens,
              options.overlong(),
              new LengthBuckets(options.lengthBuckets(), maxTokens));
      return new DjlStageModel(manifest.identity(), manifest.stage(), model, encoder, shaper);
    } catch (IOException | ModelNotFoundException | MalformedModelException | RuntimeException e) {
      encoder.close();
      if (e instanceof ModelLoadException m) {
        throw m;
      }
      throw new ModelLoadException(
          "cannot load model " + manifest.identity() + " from " + manifest.directory() + ": " + e,
          e);
    }
  }

  @Override
  public ModelIdentity identity() {
    return identity;
  }

  @Override
  public Stage stage() {
    return stage;
  }

  /** The device the weights live on. */
  public Device device() {
    return model.getNDManager().getDevice();
  }

  /** Most tokens an input may have. */
  public int maxInputTokens() {
    return shaper.maxTokens();
  }

  /** How an over-long input is treated. */
  public OverlongPolicy overlongPolicy() {
    return shaper.overlong();
  }

  @Override
  public InferenceSession newSession() {
    Predictor<EncodedBatch, List<StageOutcome>> predictor = model.newPredictor();
    return new DjlSession(predictor, shaper);
  }

  @Override
  public void close() {
    model.close();
    encoder.close();
  }
}
