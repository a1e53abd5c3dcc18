package dev.smallfirst.models.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.translate.TranslatorContext;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.StageOutcome.Drafted;
import dev.smallfirst.models.text.EncodedBatch;
import dev.smallfirst.models.text.TextEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * DRAFT adapter for a causal language model whose {@code forward} returns logits {@code [batch,
 * length, vocabulary]}: the prompt ({@link DraftPrompt}) is continued greedily until EOS or {@code
 * maxNewTokens} (or the model's maximum length), and decoded without special tokens. Confidence is
 * the mean token probability. Each step re-runs the whole sequence (no KV cache): right for the
 * small models this stage serves. Thread-safe.
 */
public final class DraftTranslator extends BatchTranslator {
  private final TextEncoder encoder;
  private final GreedyDecoder decoder;

  /**
   * @param encoder decodes generated ids to text
   * @param eosId the end-of-sequence token id
   * @param maxNewTokens most tokens to generate
   * @param maxLength the model's maximum sequence length
   */
  public DraftTranslator(
      TextEncoder encoder, long eosId, int maxNewTokens, int maxLength, ModelInputs inputs) {
    super(inputs);
    this.encoder = encoder;
    this.decoder = new GreedyDecoder(eosId, maxNewTokens, maxLength);
  }

  @Override
  public List<StageOutcome> processOutput(TranslatorContext ctx, NDList firstPass)
      throws Exception {
    EncodedBatch batch = batch(ctx);
    Block block = ctx.getModel().getBlock();
    NDManager manager = ctx.getNDManager();
    boolean[] first = {true};
    List<long[]> prompts = new ArrayList<>(batch.size());
    batch.items().forEach(e -> prompts.add(e.ids()));
    List<GreedyDecoder.Generated> generated =
        decoder.generate(
            prompts,
            rows -> {
              if (first[0] && rows.size() == batch.size()) {
                first[0] = false;
                return lastLogits(firstPass.get(0), rows);
              }
              first[0] = false;
              try (NDManager step = manager.newSubManager()) {
                NDList in = tensors(step, rows, batch.padId());
                NDList out = block.forward(new ParameterStore(step, false), in, false);
                return lastLogits(out.get(0), rows);
              }
            });
    List<StageOutcome> out = new ArrayList<>(batch.size());
    for (GreedyDecoder.Generated g : generated) {
      out.add(
          new Drafted(
              encoder.decode(g.tokens()).strip(),
              g.confidence(),
              g.tokens().length,
              g.stoppedAtEos()));
    }
    return out;
  }

  private NDList tensors(NDManager manager, List<long[]> rows, long padId) {
    int width = rows.stream().mapToInt(r -> r.length).max().orElse(1);
    long[] ids = new long[rows.size() * width];
    long[] mask = new long[rows.size() * width];
    java.util.Arrays.fill(ids, padId);
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, ids, r * width, rows.get(r).length);
      java.util.Arrays.fill(mask, r * width, r * width + rows.get(r).length, 1L);
    }
    return inputs.tensors(manager, ids, mask, rows.size(), width);
  }

  /** Per row, the logits at its last real position. */
  private static float[][] lastLogits(NDArray logits, List<long[]> rows) {
    if (logits.getShape().dimension() != 3) {
      throw new IllegalStateException(
          "a draft model must return logits [batch, length, vocabulary], got " + logits.getShape());
    }
    float[][] out = new float[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      out[r] = logits.get(r, rows.get(r).length - 1).toType(DataType.FLOAT32, false).toFloatArray();
    }
    return out;
  }
}
