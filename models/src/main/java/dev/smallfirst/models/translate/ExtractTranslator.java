package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslatorContext;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.Extracted;
import dev.smallfirst.models.entities.EntityValidators;
import dev.smallfirst.models.entities.SpanMerger;
import dev.smallfirst.models.text.Encoded;
import dev.smallfirst.models.text.EncodedBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * EXTRACT adapter: per-token tag logits {@code [batch, length, tags]} to entity spans (BIO,
 * temperature-calibrated per-token probabilities, per-span confidence), merged with the
 * deterministic validators of the types the tags name. Thread-safe.
 */
public final class ExtractTranslator extends BatchTranslator {
  private final BioDecoder decoder;
  private final List<String> types;
  private final double temperature;

  public ExtractTranslator(List<String> tags, double temperature, ModelInputs inputs) {
    super(inputs);
    this.decoder = new BioDecoder(tags);
    this.types = decoder.entityTypes();
    this.temperature = temperature;
  }

  @Override
  public List<StageOutcome> processOutput(TranslatorContext ctx, NDList output) {
    EncodedBatch batch = batch(ctx);
    NDArray logits = output.get(0);
    LogitsChecks.requireClasses(logits, 3, decoder.size());
    int length = Math.toIntExact(logits.getShape().get(1));
    int tags = decoder.size();
    float[] flat = floats(logits);
    List<StageOutcome> out = new ArrayList<>(batch.size());
    for (int r = 0; r < batch.size(); r++) {
      Encoded e = batch.items().get(r);
      double[][] probs = new double[e.length()][];
      for (int t = 0; t < e.length(); t++) {
        probs[t] = Calibration.softmax(flat, (r * length + t) * tags, tags, temperature);
      }
      out.add(
          new Extracted(
              SpanMerger.merge(decoder.decode(e, probs), EntityValidators.find(e.text(), types))));
    }
    return out;
  }
}
