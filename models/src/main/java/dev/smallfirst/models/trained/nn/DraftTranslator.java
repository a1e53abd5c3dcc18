package dev.smallfirst.models.trained.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.models.text.ReplyVocabulary;
import java.util.ArrayList;
import java.util.List;

/**
 * Draft inputs in, generated token ids and probabilities out (cut at the end token); the caller
 * joins them into text. Stateless; thread-safe.
 */
public final class DraftTranslator
    implements NoBatchifyTranslator<List<DraftInput>, List<DraftTranslator.Generated>> {

  /** Generated token ids (without the end token), their probabilities, and whether it ended. */
  public record Generated(List<String> tokens, double[] probabilities, boolean ended) {}

  private final ReplyVocabulary vocabulary;

  public DraftTranslator(ReplyVocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<DraftInput> inputs) {
    int b = inputs.size();
    int[] first = vocabulary.conditionIds(inputs.get(0));
    int p = first.length;
    long[] prefix = new long[b * p];
    float[] forbidden = new float[b * vocabulary.size()];
    for (int r = 0; r < b; r++) {
      int[] ids = vocabulary.conditionIds(inputs.get(r));
      for (int i = 0; i < p; i++) {
        prefix[r * p + i] = ids[i];
      }
      boolean[] f = vocabulary.forbidden(inputs.get(r));
      for (int v = 0; v < f.length; v++) {
        forbidden[r * vocabulary.size() + v] = f[v] ? 1f : 0f;
      }
    }
    var m = ctx.getNDManager();
    return new NDList(
        m.create(prefix, new Shape(b, p)), m.create(forbidden, new Shape(b, vocabulary.size())));
  }

  @Override
  public List<Generated> processOutput(TranslatorContext ctx, NDList list) {
    NDArray tokens = list.get(0);
    long[] ids = tokens.toLongArray();
    float[] probs = list.get(1).toFloatArray();
    int b = (int) tokens.getShape().get(0);
    int steps = (int) tokens.getShape().get(1);
    int eos = vocabulary.id(ReplyVocabulary.EOS);
    List<Generated> out = new ArrayList<>(b);
    for (int r = 0; r < b; r++) {
      List<String> toks = new ArrayList<>();
      List<Double> p = new ArrayList<>();
      boolean ended = false;
      for (int s = 0; s < steps; s++) {
        int id = (int) ids[r * steps + s];
        p.add((double) probs[r * steps + s]);
        if (id == eos) {
          ended = true;
          break;
        }
        toks.add(vocabulary.token(id));
      }
      out.add(new Generated(toks, p.stream().mapToDouble(Double::doubleValue).toArray(), ended));
    }
    return out;
  }
}
