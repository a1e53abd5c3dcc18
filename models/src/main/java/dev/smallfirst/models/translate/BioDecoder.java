package dev.smallfirst.models.translate;

import dev.smallfirst.models.StageOutcome.EntitySpan;
import dev.smallfirst.models.text.Encoded;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns per-token BIO tag probabilities into entity spans over the text. A word takes the tag of
 * its first sub-token; {@code B-X} opens a span, {@code I-X} continues a span of type X (or opens
 * one when none is open, which is lenient to a missed {@code B}), {@code O} closes. A span's
 * confidence is the mean probability of the chosen tags of its tokens. Special tokens are skipped.
 * Immutable and thread-safe.
 */
public final class BioDecoder {
  private final String[] types;
  private final boolean[] begins;

  /**
   * @param tags the tagger's labels in output order: {@code O}, {@code B-TYPE}, {@code I-TYPE}
   * @throws IllegalArgumentException when a tag is none of these
   */
  public BioDecoder(List<String> tags) {
    types = new String[tags.size()];
    begins = new boolean[tags.size()];
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      if (tag.equals("O")) {
        types[i] = null;
      } else if (tag.length() > 2 && (tag.startsWith("B-") || tag.startsWith("I-"))) {
        types[i] = tag.substring(2);
        begins[i] = tag.charAt(0) == 'B';
      } else {
        throw new IllegalArgumentException(
            "tag '" + tag + "' is not O, B-TYPE or I-TYPE (BIO scheme)");
      }
    }
  }

  /** The entity types the tags name, each once, in tag order. */
  public List<String> entityTypes() {
    return java.util.Arrays.stream(types).filter(t -> t != null).distinct().toList();
  }

  /** Number of tags. */
  public int size() {
    return types.length;
  }

  /**
   * Spans of {@code encoded}, given per-token tag probabilities {@code probs[token][tag]}.
   *
   * @param probs one row per token of {@code encoded} (padding rows beyond it are ignored)
   */
  public List<EntitySpan> decode(Encoded encoded, double[][] probs) {
    List<EntitySpan> spans = new ArrayList<>();
    Open open = null;
    long word = Long.MIN_VALUE;
    int wordTag = 0;
    for (int t = 0; t < encoded.length(); t++) {
      if (encoded.special(t)) {
        continue;
      }
      int best = Calibration.argmax(probs[t]);
      boolean continuesWord = encoded.words()[t] == word;
      if (continuesWord) {
        if (open != null) {
          open.extend(encoded.ends()[t], probs[t][best]);
        }
        continue;
      }
      word = encoded.words()[t];
      wordTag = best;
      String type = types[wordTag];
      if (type == null) {
        open = close(open, encoded, spans);
      } else if (begins[wordTag] || open == null || !open.type.equals(type)) {
        close(open, encoded, spans);
        open = new Open(type, encoded.starts()[t], encoded.ends()[t], probs[t][best]);
      } else {
        open.extend(encoded.ends()[t], probs[t][best]);
      }
    }
    close(open, encoded, spans);
    return spans;
  }

  private static Open close(Open open, Encoded encoded, List<EntitySpan> spans) {
    if (open != null) {
      spans.add(
          new EntitySpan(
              open.type,
              encoded.text().substring(open.start, open.end),
              open.start,
              open.end,
              Calibration.clamp(open.sum / open.count)));
    }
    return null;
  }

  private static final class Open {
    final String type;
    final int start;
    int end;
    double sum;
    int count;

    Open(String type, int start, int end, double p) {
      this.type = type;
      this.start = start;
      this.end = end;
      this.sum = p;
      this.count = 1;
    }

    void extend(int newEnd, double p) {
      end = Math.max(end, newEnd);
      sum += p;
      count++;
    }
  }
}
