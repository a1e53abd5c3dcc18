package dev.smallfirst.models.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pure-Java encoder for the BERT tokenizer pipeline of a Hugging Face {@code tokenizer.json}
 * ({@code BertNormalizer}, {@code BertPreTokenizer}, {@code WordPiece}, {@code [CLS] x [SEP]}
 * template, unnormalized special added tokens), the pipeline of BERT fine-tunes and of our
 * fixtures. It gives the same ids, offsets and word indices as the Rust tokenizer but avoids the
 * per-encoding JNI cost, which on two cores was as large as a small model's forward pass. {@link
 * #tryCreate} only returns one when the file uses exactly this pipeline and the encoder agrees with
 * the Hugging Face tokenizer on a probe set; otherwise the worker keeps the Hugging Face tokenizer.
 * Decoding and vocabulary look-ups go to the Hugging Face tokenizer. Thread-safe.
 */
public final class BertWordPieceEncoder implements TextEncoder {
  private static final Logger log = LoggerFactory.getLogger(BertWordPieceEncoder.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Texts on which both encoders must agree before the fast one is used. */
  static final List<String> PROBES =
      List.of(
          "",
          "Hi, where is my order ORD-1234567? It was due on 2024-03-15.",
          "I want a REFUND for the coffee-maker ($49.99), it's broken!!!",
          "Café naïve ÀB façade résumé Ångström",
          "emoji 😀 before an order ORD-7654321 and 👍🏽 after",
          "x\u00a0y\u2028z\tq\nr\u0000s\u200bt",
          "日本語のテキスト and 中文 mixed",
          "literal [SEP] and a[CLS]b in text",
          "supercalifragilisticexpialidocious".repeat(4),
          "ΣΊΣΥΦΟΣ İstanbul straße",
          "   ");

  private final HfTextEncoder delegate;
  private final Map<String, Long> vocab;
  private final long unkId;
  private final String prefix;
  private final int maxWordChars;
  private final boolean cleanText;
  private final boolean chineseChars;
  private final boolean stripAccents;
  private final boolean lowercase;
  private final long[] before;
  private final long[] after;
  private final List<Map.Entry<String, Long>> addedTokens;

  private BertWordPieceEncoder(HfTextEncoder delegate, JsonNode root) {
    this.delegate = delegate;
    JsonNode model = root.get("model");
    this.vocab = new HashMap<>();
    model.get("vocab").properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asLong()));
    this.unkId = vocab.get(model.get("unk_token").asText());
    this.prefix = model.path("continuing_subword_prefix").asText("##");
    this.maxWordChars = model.path("max_input_chars_per_word").asInt(100);
    JsonNode n = root.get("normalizer");
    this.cleanText = n.path("clean_text").asBoolean(true);
    this.chineseChars = n.path("handle_chinese_chars").asBoolean(true);
    this.lowercase = n.path("lowercase").asBoolean(true);
    JsonNode strip = n.get("strip_accents");
    this.stripAccents = strip == null || strip.isNull() ? lowercase : strip.asBoolean();
    JsonNode single = root.get("post_processor").get("single");
    this.before = templateIds(root, single, 0);
    this.after = templateIds(root, single, 2);
    this.addedTokens = new ArrayList<>();
    root.path("added_tokens")
        .forEach(t -> addedTokens.add(Map.entry(t.get("content").asText(), t.get("id").asLong())));
    addedTokens.sort((a, b) -> b.getKey().length() - a.getKey().length()); // longest match first
  }

  /**
   * The fast encoder for {@code tokenizerJson} when it uses the BERT pipeline and agrees with
   * {@code hf} on {@link #PROBES}; empty otherwise.
   */
  public static Optional<BertWordPieceEncoder> tryCreate(Path tokenizerJson, HfTextEncoder hf) {
    JsonNode root;
    try {
      root = JSON.readTree(tokenizerJson.toFile());
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!supported(root)) {
      return Optional.empty();
    }
    BertWordPieceEncoder fast = new BertWordPieceEncoder(hf, root);
    List<Encoded> expected = hf.encode(PROBES);
    List<Encoded> actual = fast.encode(PROBES);
    for (int i = 0; i < PROBES.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        log.warn(
            "the Java WordPiece encoder disagrees with {} on probe {}; using the Hugging Face"
                + " tokenizer",
            tokenizerJson,
            i);
        return Optional.empty();
      }
    }
    return Optional.of(fast);
  }

  private static boolean supported(JsonNode root) {
    JsonNode model = root.path("model");
    JsonNode single = root.path("post_processor").path("single");
    boolean addedOk = true;
    for (JsonNode t : root.path("added_tokens")) {
      addedOk &=
          t.path("special").asBoolean(false)
              && !t.path("normalized").asBoolean(true)
              && !t.path("lstrip").asBoolean(false)
              && !t.path("rstrip").asBoolean(false)
              && !t.path("single_word").asBoolean(false);
    }
    return addedOk
        && "WordPiece".equals(model.path("type").asText())
        && model.path("vocab").isObject()
        && model.hasNonNull("unk_token")
        && model.path("vocab").has(model.path("unk_token").asText())
        && "BertNormalizer".equals(root.path("normalizer").path("type").asText())
        && "BertPreTokenizer".equals(root.path("pre_tokenizer").path("type").asText())
        && root.path("truncation").isNull()
        && root.path("padding").isNull()
        && "TemplateProcessing".equals(root.path("post_processor").path("type").asText())
        && single.size() == 3
        && single.get(0).has("SpecialToken")
        && single.get(1).has("Sequence")
        && single.get(2).has("SpecialToken");
  }

  private static long[] templateIds(JsonNode root, JsonNode single, int i) {
    String id = single.get(i).get("SpecialToken").get("id").asText();
    JsonNode ids = root.get("post_processor").get("special_tokens").get(id).get("ids");
    long[] out = new long[ids.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = ids.get(k).asLong();
    }
    return out;
  }

  @Override
  public List<Encoded> encode(List<String> texts) {
    List<Encoded> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(encode(t));
    }
    return out;
  }

  private Encoded encode(String text) {
    Tokens tokens = new Tokens();
    for (long id : before) {
      tokens.add(id, -1, -1, -1);
    }
    int[] word = {0};
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      Map.Entry<String, Long> added = addedAt(text, i);
      if (added != null) {
        encodeSegment(text, start, i, tokens, word);
        // Like the Rust tokenizer: an added token in the text keeps its span and is a word.
        tokens.add(added.getValue(), i, i + added.getKey().length(), word[0]++);
        i += added.getKey().length();
        start = i;
      } else {
        i++;
      }
    }
    encodeSegment(text, start, text.length(), tokens, word);
    for (long id : after) {
      tokens.add(id, -1, -1, -1);
    }
    return tokens.toEncoded(text);
  }

  private Map.Entry<String, Long> addedAt(String text, int i) {
    for (Map.Entry<String, Long> t : addedTokens) {
      if (text.startsWith(t.getKey(), i)) {
        return t;
      }
    }
    return null;
  }

  /** Normalizes, pre-tokenizes and word-pieces {@code text[from, to)}. */
  private void encodeSegment(String text, int from, int to, Tokens tokens, int[] word) {
    Normalized norm = new Normalized(to - from + 8);
    for (int i = from; i < to; ) {
      int cp = text.codePointAt(i);
      int end = i + Character.charCount(cp);
      normalize(cp, i, end, norm);
      i = end;
    }
    // BertPreTokenizer: split on whitespace, isolate punctuation.
    String n = norm.text.toString();
    int wordStart = -1;
    for (int i = 0; i < n.length(); ) {
      int cp = n.codePointAt(i);
      int next = i + Character.charCount(cp);
      boolean space = isRustWhitespace(cp);
      boolean punct = !space && isBertPunctuation(cp);
      if (space || punct) {
        if (wordStart >= 0) {
          wordPiece(n, wordStart, i, norm, tokens, word[0]++);
          wordStart = -1;
        }
        if (punct) {
          wordPiece(n, i, next, norm, tokens, word[0]++);
        }
      } else if (wordStart < 0) {
        wordStart = i;
      }
      i = next;
    }
    if (wordStart >= 0) {
      wordPiece(n, wordStart, n.length(), norm, tokens, word[0]++);
    }
  }

  private void normalize(int cp, int start, int end, Normalized norm) {
    if (cleanText) {
      if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
        return;
      }
      if (isBertWhitespace(cp)) {
        cp = ' ';
      }
    }
    if (cp < 0x80) { // ASCII: nothing to decompose
      norm.append(lowercase && cp >= 'A' && cp <= 'Z' ? (char) (cp + 32) : (char) cp, start, end);
      return;
    }
    String s;
    if (chineseChars && isChinese(cp)) {
      s = " " + Character.toString(cp) + " ";
    } else {
      s = Character.toString(cp);
    }
    if (stripAccents) {
      StringBuilder stripped = new StringBuilder();
      String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
      nfd.codePoints()
          .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
          .forEach(stripped::appendCodePoint);
      s = stripped.toString();
    }
    if (lowercase) {
      StringBuilder lower = new StringBuilder();
      s.codePoints().forEach(c -> lower.append(lowerCase(c)));
      s = lower.toString();
    }
    for (int k = 0; k < s.length(); k++) {
      norm.append(s.charAt(k), start, end);
    }
  }

  /** Rust's {@code char::to_lowercase}: per code point, without context. */
  private static String lowerCase(int cp) {
    if (cp == 0x130) {
      return "i\u0307"; // the one full (non-simple) lower-case mapping without context
    }
    return Character.toString(Character.toLowerCase(cp));
  }

  private void wordPiece(
      String norm, int from, int to, Normalized origin, Tokens tokens, int word) {
    String w = norm.substring(from, to);
    int start = origin.starts[from];
    int end = origin.ends[to - 1];
    if (w.codePointCount(0, w.length()) > maxWordChars) {
      tokens.add(unkId, start, end, word);
      return;
    }
    List<long[]> pieces = new ArrayList<>(); // id, from, to (in w)
    int i = 0;
    while (i < w.length()) {
      int j = w.length();
      Long found = null;
      while (j > i) {
        String piece = i == 0 ? w.substring(i, j) : prefix + w.substring(i, j);
        found = vocab.get(piece);
        if (found != null) {
          break;
        }
        j = w.offsetByCodePoints(j, -1);
      }
      if (found == null) {
        tokens.add(unkId, start, end, word);
        return;
      }
      pieces.add(new long[] {found, i, j});
      i = j;
    }
    for (long[] p : pieces) {
      tokens.add(p[0], origin.starts[from + (int) p[1]], origin.ends[from + (int) p[2] - 1], word);
    }
  }

  private static boolean isControl(int cp) {
    if (cp == '\t' || cp == '\n' || cp == '\r') {
      return false;
    }
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE;
  }

  private static boolean isBertWhitespace(int cp) {
    return cp == '\t' || cp == '\n' || cp == '\r' || isRustWhitespace(cp);
  }

  /** Unicode White_Space, as Rust's {@code char::is_whitespace}. */
  private static boolean isRustWhitespace(int cp) {
    return (cp >= 0x9 && cp <= 0xD)
        || cp == 0x20
        || cp == 0x85
        || cp == 0xA0
        || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A)
        || cp == 0x2028
        || cp == 0x2029
        || cp == 0x202F
        || cp == 0x205F
        || cp == 0x3000;
  }

  private static boolean isBertPunctuation(int cp) {
    if ((cp >= 33 && cp <= 47)
        || (cp >= 58 && cp <= 64)
        || (cp >= 91 && cp <= 96)
        || (cp >= 123 && cp <= 126)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.CONNECTOR_PUNCTUATION
        || type == Character.DASH_PUNCTUATION
        || type == Character.START_PUNCTUATION
        || type == Character.END_PUNCTUATION
        || type == Character.INITIAL_QUOTE_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION
        || type == Character.OTHER_PUNCTUATION;
  }

  private static boolean isChinese(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F)
        || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B920 && cp <= 0x2CEAF)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }

  @Override
  public String decode(long[] ids) {
    return delegate.decode(ids);
  }

  @Override
  public OptionalLong tokenId(String token) {
    return delegate.tokenId(token);
  }

  @Override
  public long padId() {
    return delegate.padId();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** The normalized text with, per UTF-16 unit, the original span it came from. */
  private static final class Normalized {
    final StringBuilder text;
    int[] starts;
    int[] ends;

    Normalized(int capacity) {
      text = new StringBuilder(capacity);
      starts = new int[capacity];
      ends = new int[capacity];
    }

    void append(char c, int start, int end) {
      int n = text.length();
      if (n == starts.length) {
        starts = java.util.Arrays.copyOf(starts, n * 2 + 8);
        ends = java.util.Arrays.copyOf(ends, n * 2 + 8);
      }
      text.append(c);
      starts[n] = start;
      ends[n] = end;
    }
  }

  /** Growable per-token arrays. */
  private static final class Tokens {
    private long[] ids = new long[64];
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private long[] words = new long[64];
    private int n;

    void add(long id, int start, int end, long word) {
      if (n == ids.length) {
        ids = java.util.Arrays.copyOf(ids, n * 2);
        starts = java.util.Arrays.copyOf(starts, n * 2);
        ends = java.util.Arrays.copyOf(ends, n * 2);
        words = java.util.Arrays.copyOf(words, n * 2);
      }
      ids[n] = id;
      starts[n] = start;
      ends[n] = end;
      words[n] = word;
      n++;
    }

    Encoded toEncoded(String text) {
      return new Encoded(
          text,
          java.util.Arrays.copyOf(ids, n),
          java.util.Arrays.copyOf(starts, n),
          java.util.Arrays.copyOf(ends, n),
          java.util.Arrays.copyOf(words, n));
    }
  }
}
