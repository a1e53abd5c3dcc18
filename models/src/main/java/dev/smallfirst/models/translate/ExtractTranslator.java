package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
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
 * deterministic validators. Thread-safe.
 */
public final class ExtractTranslator implements Translator<EncodedBatch, List<StageOutcome>> {
  private static final String BATCH = "batch";
  private final BioDecoder decoder;
  private final double temperature;
  private final ModelInputs inputs;

  public ExtractTranslator(List<String> tags, double temperature, ModelInputs inputs) {
    this.decoder = new BioDecoder(tags);
    this.temperature = temperature;
    this.inputs = inputs;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, EncodedBatch batch) {
    ctx.setAttachment(BATCH, batch);
    return inputs.tensors(ctx.getNDManager(), batch);
  }

  @Override
  public List<StageOutcome> processOutput(TranslatorContext ctx, NDList output) {
    EncodedBatch batch = (EncodedBatch) ctx.getAttachment(BATCH);
    NDArray logits = output.get(0);
    LogitsChecks.requireClasses(logits, 3, decoder.size());
    int length = Math.toIntExact(logits.getShape().get(1));
    int tags = decoder.size();
    float[] flat = logits.toType(DataType.FLOAT32, false).toFloatArray();
    List<StageOutcome> out = new ArrayList<>(batch.size());
    for (int r = 0; r < batch.size(); r++) {
      Encoded e = batch.items().get(r);
      double[][] probs = new double[e.length()][];
      for (int t = 0; t < e.length(); t++) {
        probs[t] = Calibration.softmax(flat, (r * length + t) * tags, tags, temperature);
      }
      out.add(
          new Extracted(
              SpanMerger.merge(decoder.decode(e, probs), EntityValidators.find(e.text()))));
    }
    return out;
  }

  @Override
  public Batchifier getBatchifier() {
    return null;
  }
}
