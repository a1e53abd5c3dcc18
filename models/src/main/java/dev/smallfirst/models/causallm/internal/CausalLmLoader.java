package dev.smallfirst.models.causallm.internal;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelLoadException;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageModelLoader;
import dev.smallfirst.models.causallm.CausalDecoder;
import dev.smallfirst.models.internal.Devices;
import dev.smallfirst.models.internal.OnnxModels;
import dev.smallfirst.models.text.HfTextEncoder;
import dev.smallfirst.models.translate.DjlStageModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code "format": "causal-lm"} draft directories: a user's causal LM exported with its KV
 * cache to TorchScript ({@code weights} a {@code .pt}: {@link TorchScriptSequence} for the
 * contract) or to ONNX in Hugging Face Optimum's layout ({@code .onnx}: {@link OnnxSequence}), its
 * {@code tokenizer.json} and the fields of {@link CausalLmSpec}. The weights ({@code sha256}) and
 * every file of {@code files} are verified before anything runs; then two probe steps (one token,
 * then one more on its cache) check the module's outputs against the contract and the manifest's
 * {@code kvCache}, and every EOS and stop id against the vocabulary, so a wrong export fails at
 * start, not on the first request. Stateless and thread-safe.
 */
public final class CausalLmLoader implements StageModelLoader {
  /** The manifest format this loader reads. */
  public static final String FORMAT = "causal-lm";

  private static final Logger log = LoggerFactory.getLogger(CausalLmLoader.class);

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public StageModel load(ModelManifest manifest, LoadOptions options) {
    CausalLmSpec spec = CausalLmSpec.read(manifest, options);
    String where = manifest.directory().resolve(ModelManifest.FILE_NAME).toString();
    Path weights = manifest.resolve("weights", manifest.weights().orElse("model.pt"));
    String name = weights.getFileName().toString();
    boolean onnx = name.endsWith(".onnx");
    if (!onnx && !name.endsWith(".pt")) {
      throw new ModelLoadException(
          where
              + ": field 'weights' must name a TorchScript .pt or an ONNX .onnx file, got "
              + name);
    }
    ModelIntegrity.verify(weights, manifest.sha256());
    spec.files()
        .forEach((file, sha) -> ModelIntegrity.verify(manifest.resolve("files", file), sha));
    HfTextEncoder tokenizer =
        HfTextEncoder.load(manifest.resolve("tokenizer", manifest.tokenizer()));
    CausalLmRuntime runtime = null;
    try {
      Set<Long> stops = new LinkedHashSet<>(spec.eosTokenIds());
      for (String token : spec.stopTokens()) {
        java.util.OptionalLong id = tokenizer.tokenId(token);
        if (id.isEmpty()) {
          throw new ModelLoadException(
              where + ": field 'stopTokens': '" + token + "' is not one token of the tokenizer");
        }
        stops.add(id.getAsLong());
      }
      runtime =
          onnx
              ? onnx(manifest, weights, spec.kvCache(), where)
              : torchScript(weights, spec.kvCache(), options);
      CausalDecoder decoder = new CausalDecoder(stops, spec.maxNewTokens(), manifest.maxLength());
      CausalLmStageModel staged =
          new CausalLmStageModel(
              manifest, runtime, tokenizer, spec, decoder, options.overlong(), options.replyKit());
      long vocabulary = staged.probe();
      for (long id : stops) {
        if (id >= vocabulary) {
          throw new ModelLoadException(
              where + ": EOS/stop token id " + id + " is outside the vocabulary of " + vocabulary);
        }
      }
      log.info(
          "loaded {} from {} on {} (sha256 verified): causal LM, vocabulary {}, stop ids {},"
              + " at most {} new tokens, KV cache {}",
          manifest.identity(),
          manifest.directory(),
          runtime.kind(),
          vocabulary,
          stops,
          spec.maxNewTokens(),
          spec.kvCache());
      return staged;
    } catch (RuntimeException e) {
      if (runtime != null) {
        runtime.close();
      }
      tokenizer.close();
      if (e instanceof ModelLoadException m) {
        throw m;
      }
      throw new ModelLoadException(
          "cannot load causal LM "
              + manifest.identity()
              + " from "
              + manifest.directory()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** A TorchScript module ({@link TorchScriptSequence}) on the device the options choose. */
  private static CausalLmRuntime torchScript(Path weights, KvShape kv, LoadOptions options) {
    String name = weights.getFileName().toString();
    Device device = Devices.choose(options.device(), Engine.getEngine(DjlStageModel.ENGINE));
    ZooModel<NDList, NDList> model;
    try {
      model =
          Criteria.builder()
              .setTypes(NDList.class, NDList.class)
              .optModelPath(weights.getParent())
              .optModelName(name.substring(0, name.length() - 3))
              .optEngine(DjlStageModel.ENGINE)
              .optDevice(device)
              .optOption("mapLocation", "true")
              .optTranslator(new NoopTranslator())
              .build()
              .loadModel();
    } catch (IOException | ModelNotFoundException | MalformedModelException e) {
      throw new ModelLoadException("cannot load TorchScript " + weights + ": " + e.getMessage(), e);
    }
    return CausalLmRuntime.of(
        "TorchScript on " + device,
        () -> new TorchScriptSequence(model.getBlock(), model.getNDManager(), kv),
        model::close);
  }

  /**
   * An ONNX graph in Optimum's layout ({@link OnnxSequence}) on ONNX Runtime's CPU provider; its
   * inputs are checked against the layout and {@code kvCache.layers} here.
   */
  private static CausalLmRuntime onnx(
      ModelManifest manifest, Path weights, KvShape kv, String where) {
    OnnxModels.Loaded loaded = OnnxModels.load(manifest.name(), weights, "ONNX causal LM");
    OnnxSequence.Layout layout;
    try {
      layout = OnnxSequence.Layout.of(loaded.model().getBlock().describeInput().keys(), kv);
    } catch (IllegalArgumentException e) {
      loaded.close();
      throw new ModelLoadException(where + ": " + weights.getFileName() + ": " + e.getMessage());
    }
    return CausalLmRuntime.of(
        "ONNX Runtime (cpu)" + (layout.positionIds() ? "" : ", no position_ids input"),
        () -> new OnnxSequence(loaded.model().getBlock(), loaded.model().getNDManager(), layout),
        loaded::close);
  }
}
