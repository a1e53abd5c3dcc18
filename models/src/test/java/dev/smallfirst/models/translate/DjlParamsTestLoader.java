package dev.smallfirst.models.translate;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.repository.zoo.ZooModel;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelIntegrity;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageModelLoader;
import java.nio.file.Path;

/**
 * What the adapter for our trainer's {@code djl} format does, in miniature: verify the {@code
 * .params} file's hash, rebuild the block from its Java definition (here {@link TinyBagOfWords},
 * sized by the manifest's {@code architecture}), load the parameters, and hand the DJL model to
 * {@link DjlStageModel#assemble} with the stage's translator — the same path TorchScript takes.
 */
final class DjlParamsTestLoader implements StageModelLoader {
  static final String FORMAT = "djl-test";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public StageModel load(ModelManifest manifest, LoadOptions options) {
    Path params = manifest.resolve("weights", manifest.weights().orElseThrow());
    ModelIntegrity.verify(params, manifest.sha256());
    int vocab = manifest.raw().at("/architecture/vocab").asInt();
    int hidden = manifest.raw().at("/architecture/hidden").asInt();
    String prefix = manifest.raw().at("/architecture/prefix").asText();
    return DjlStageModel.assemble(
        manifest,
        options,
        Engine.getEngine(DjlStageModel.ENGINE),
        (translator, device) -> {
          Model model = Model.newInstance(prefix, device, DjlStageModel.ENGINE);
          model.setBlock(new TinyBagOfWords(vocab, hidden, manifest.labels().size()));
          model.load(params.getParent(), prefix);
          return new ZooModel<>(model, translator);
        });
  }
}
