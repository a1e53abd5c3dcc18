package dev.smallfirst.models.encoder;

import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * BIO tags over the encoder's word pieces for the extract head: tag 0 is outside, {@code 1 + 2k}
 * begins an entity of type {@code k}, {@code 2 + 2k} continues it. Turns character spans into tags
 * for training and tags back into character spans for serving. Stateless.
 */
public final class TokenTags {
  private TokenTags() {}

  /**
   * A decoded span: type index, character offsets into the text, and its least token probability.
   */
  public record TaggedSpan(int type, int start, int end, double confidence) {}

  /** How many tags {@code types} entity types need. */
  public static int count(int types) {
    return 1 + 2 * types;
  }

  /**
   * The gold tag of each token, given the gold character spans {@code [start, end, type]}; special
   * tokens (a null span) are outside. A token belongs to a span when it starts inside it.
   */
  public static int[] encode(CharSpan[] tokens, List<int[]> spans) {
    int[] tags = new int[tokens.length];
    for (int[] s : spans) {
      boolean first = true;
      for (int t = 0; t < tokens.length; t++) {
        CharSpan c = tokens[t];
        if (c != null && c.getStart() >= s[0] && c.getStart() < s[1]) {
          tags[t] = first ? 1 + 2 * s[2] : 2 + 2 * s[2];
          first = false;
        }
      }
    }
    return tags;
  }

  /**
   * Spans from per-token tag probabilities: a span starts at a B tag (or at an I tag of a new type)
   * and runs while the I tag of its type follows. Its end is the last token's end.
   */
  public static List<TaggedSpan> decode(CharSpan[] tokens, double[][] probabilities) {
    List<TaggedSpan> out = new ArrayList<>();
    int type = -1;
    int start = 0;
    int end = 0;
    double confidence = 1;
    for (int t = 0; t < tokens.length; t++) {
      CharSpan c = tokens[t];
      int tag = c == null ? 0 : HeadMath.argmax(probabilities[t]);
      double p = c == null ? 1 : probabilities[t][tag];
      boolean inside = tag > 0 && tag % 2 == 0 && (tag - 2) / 2 == type;
      if (inside) {
        end = c.getEnd();
        confidence = Math.min(confidence, p);
        continue;
      }
      if (type >= 0) {
        out.add(new TaggedSpan(type, start, end, confidence));
        type = -1;
      }
      if (tag > 0) {
        type = (tag - 1) / 2;
        start = c.getStart();
        end = c.getEnd();
        confidence = p;
      }
    }
    if (type >= 0) {
      out.add(new TaggedSpan(type, start, end, confidence));
    }
    return out;
  }
}
