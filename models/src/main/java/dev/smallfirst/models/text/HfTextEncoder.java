package dev.smallfirst.models.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.smallfirst.models.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A {@link TextEncoder} over a Hugging Face {@code tokenizer.json}, with offsets converted to Java
 * string indices, (the file a fine-tune exports; our trainer writes the same format), loaded from
 * disk only, never from the hub. It adds the tokenizer's special tokens and neither truncates nor
 * pads (the model path does both). Thread-safe.
 */
public final class HfTextEncoder implements TextEncoder {
  private final HuggingFaceTokenizer tokenizer;
  private final long padId;

  private HfTextEncoder(HuggingFaceTokenizer tokenizer, long padId) {
    this.tokenizer = tokenizer;
    this.padId = padId;
  }

  /**
   * The encoder for {@code tokenizerJson}: the pure-Java {@link BertWordPieceEncoder} when the file
   * uses the BERT WordPiece pipeline and the two agree on the probes, else the Hugging Face one.
   */
  public static TextEncoder loadFastest(Path tokenizerJson) {
    HfTextEncoder hf = load(tokenizerJson);
    return BertWordPieceEncoder.tryCreate(tokenizerJson, hf).<TextEncoder>map(f -> f).orElse(hf);
  }

  /** Loads {@code tokenizerJson}; the pad token is {@code [PAD]} or {@code <pad>}, else id 0. */
  public static HfTextEncoder load(Path tokenizerJson) {
    if (!Files.isRegularFile(tokenizerJson)) {
      throw new ModelLoadException("tokenizer file " + tokenizerJson + " is missing");
    }
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(tokenizerJson)
              .optAddSpecialTokens(true)
              .optTruncation(false)
              .optPadding(false)
              .build();
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException("cannot load tokenizer " + tokenizerJson + ": " + e, e);
    }
    HfTextEncoder probe = new HfTextEncoder(tokenizer, 0);
    long pad = probe.tokenId("[PAD]").orElse(probe.tokenId("<pad>").orElse(0));
    return new HfTextEncoder(tokenizer, pad);
  }

  @Override
  public List<Encoded> encode(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    Encoding[] encodings = tokenizer.batchEncode(texts);
    List<Encoded> out = new ArrayList<>(encodings.length);
    for (int i = 0; i < encodings.length; i++) {
      out.add(toEncoded(texts.get(i), encodings[i]));
    }
    return out;
  }

  private static Encoded toEncoded(String text, Encoding e) {
    int[] utf16 = utf16Offsets(text);
    long[] ids = e.getIds();
    long[] special = e.getSpecialTokenMask();
    CharSpan[] spans = e.getCharTokenSpans();
    long[] wordIds = e.getWordIds();
    int[] starts = new int[ids.length];
    int[] ends = new int[ids.length];
    long[] words = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      CharSpan span = spans[i];
      if (special[i] == 1 || span == null) {
        starts[i] = -1;
        ends[i] = -1;
        words[i] = -1;
      } else {
        starts[i] = utf16 == null ? span.getStart() : utf16[span.getStart()];
        ends[i] = utf16 == null ? span.getEnd() : utf16[span.getEnd()];
        words[i] = wordIds[i];
      }
    }
    return new Encoded(text, ids, starts, ends, words);
  }

  /**
   * The tokenizer's offsets count Unicode code points; Java strings count UTF-16 units. Maps code
   * point offsets to string indices, or null when they are the same (no surrogate pairs).
   */
  private static int[] utf16Offsets(String text) {
    int points = text.codePointCount(0, text.length());
    if (points == text.length()) {
      return null;
    }
    int[] map = new int[points + 1];
    int index = 0;
    for (int p = 0; p < points; p++) {
      map[p] = index;
      index += Character.charCount(text.codePointAt(index));
    }
    map[points] = text.length();
    return map;
  }

  @Override
  public String decode(long[] ids) {
    return tokenizer.decode(ids, true);
  }

  @Override
  public OptionalLong tokenId(String token) {
    Encoding e = tokenizer.encode(token, false, false);
    long[] ids = e.getIds();
    String[] tokens = e.getTokens();
    return ids.length == 1 && tokens[0].equals(token)
        ? OptionalLong.of(ids[0])
        : OptionalLong.empty();
  }

  @Override
  public long padId() {
    return padId;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
