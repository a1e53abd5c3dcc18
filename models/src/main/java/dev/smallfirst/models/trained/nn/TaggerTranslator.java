package dev.smallfirst.models.trained.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslatorContext;
import dev.smallfirst.models.text.TokenFeaturizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Texts in, calibrated per-token tag log-probabilities out ({@code [texts][tokens][tags]}, one row
 * per token of each text). Stateless; thread-safe.
 */
public final class TaggerTranslator
    extends FeaturizingTranslator<TokenFeaturizer.Encoded, List<TaggerTranslator.Tagged>> {

  /** The encoded text and its tag log-probabilities per token. */
  public record Tagged(TokenFeaturizer.Encoded encoded, float[][] logProbs) {}

  public TaggerTranslator(TokenFeaturizer featurizer, double temperature) {
    super(featurizer::encode, temperature);
  }

  @Override
  NDList input(TranslatorContext ctx, List<TokenFeaturizer.Encoded> encoded) {
    ctx.setAttachment("encoded", encoded);
    return batch(ctx.getNDManager(), encoded, null, 0);
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<Tagged> processOutput(TranslatorContext ctx, NDList list) {
    List<TokenFeaturizer.Encoded> encoded =
        (List<TokenFeaturizer.Encoded>) ctx.getAttachment("encoded");
    NDArray lp = list.head().div(temperature).logSoftmax(2);
    long width = lp.getShape().get(1);
    int tags = (int) lp.getShape().get(2);
    float[] flat = lp.toFloatArray();
    List<Tagged> out = new ArrayList<>(encoded.size());
    for (int r = 0; r < encoded.size(); r++) {
      int n = encoded.get(r).words().length;
      float[][] rows = new float[n][tags];
      for (int i = 0; i < n; i++) {
        System.arraycopy(flat, (int) ((r * width + i) * tags), rows[i], 0, tags);
      }
      out.add(new Tagged(encoded.get(r), rows));
    }
    return out;
  }

  /**
   * Pads encoded texts into {@code [words, pieces, shapes]} arrays; during training an optional
   * random source replaces words with the unknown id at {@code wordDropout}.
   */
  public static NDList batch(
      NDManager manager,
      List<TokenFeaturizer.Encoded> rows,
      java.util.Random random,
      float wordDropout) {
    int t = 1;
    int k = 1;
    for (TokenFeaturizer.Encoded e : rows) {
      t = Math.max(t, e.words().length);
      for (int[] p : e.pieces()) {
        k = Math.max(k, p.length);
      }
    }
    int b = rows.size();
    long[] words = new long[b * t];
    long[] pieces = new long[b * t * k];
    long[] shapes = new long[b * t];
    for (int r = 0; r < b; r++) {
      TokenFeaturizer.Encoded e = rows.get(r);
      for (int i = 0; i < e.words().length; i++) {
        int w = e.words()[i];
        if (random != null && wordDropout > 0 && random.nextFloat() < wordDropout) {
          w = 1;
        }
        words[r * t + i] = w;
        shapes[r * t + i] = e.shapes()[i];
        int[] p = e.pieces()[i];
        for (int j = 0; j < p.length; j++) {
          pieces[(r * t + i) * k + j] = p[j];
        }
      }
    }
    return new NDList(
        manager.create(words, new Shape(b, t)),
        manager.create(pieces, new Shape(b, t, k)),
        manager.create(shapes, new Shape(b, t)));
  }
}
