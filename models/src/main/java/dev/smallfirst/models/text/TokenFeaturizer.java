package dev.smallfirst.models.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-token input of the sequence tagger: a word id (lower-cased word, 1 = unknown), up to {@link
 * #MAX_PIECES} character n-gram ids of the word (subword pieces, 0 = padding) and a shape id (case,
 * character class, length). Vocabularies are learned from training texts. Immutable and thread-safe
 * once built.
 */
public final class TokenFeaturizer {

  /** The {@code type} written in the featurizer file. */
  public static final String TYPE = "smallfirst-token-features";

  /** Character n-grams kept per token. */
  public static final int MAX_PIECES = 32;

  /** Number of distinct shape ids. */
  public static final int SHAPES = 5 * 4 * 4 * 2;

  private static final int UNKNOWN = 1;

  /** The features of one tokenized text, each array indexed by token. */
  public record Encoded(
      List<WordTokenizer.Token> tokens, int[] words, int[][] pieces, int[] shapes) {}

  private final List<String> words; // id = index + 2
  private final List<String> pieces; // id = index + 1
  private final Map<String, Integer> wordIds;
  private final Map<String, Integer> pieceIds;

  private TokenFeaturizer(List<String> words, List<String> pieces) {
    this.words = List.copyOf(words);
    this.pieces = List.copyOf(pieces);
    this.wordIds = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      wordIds.put(words.get(i), i + 2);
    }
    this.pieceIds = new HashMap<>();
    for (int i = 0; i < pieces.size(); i++) {
      pieceIds.put(pieces.get(i), i + 1);
    }
  }

  /** Learns word (seen at least {@code minWord} times) and piece (at least 2) vocabularies. */
  public static TokenFeaturizer fit(Collection<String> texts, int minWord) {
    Map<String, Integer> wc = new HashMap<>();
    Map<String, Integer> pc = new HashMap<>();
    for (String text : texts) {
      for (WordTokenizer.Token t : WordTokenizer.tokenize(text)) {
        String w = normalize(t.text());
        wc.merge(w, 1, Integer::sum);
        for (String p : piecesOf(w)) {
          pc.merge(p, 1, Integer::sum);
        }
      }
    }
    return new TokenFeaturizer(frequent(wc, minWord), frequent(pc, 2));
  }

  private static List<String> frequent(Map<String, Integer> counts, int min) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() >= min)
        .sorted(
            Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Tokenizes and encodes {@code text}. */
  public Encoded encode(String text) {
    List<WordTokenizer.Token> tokens = WordTokenizer.tokenize(text);
    int n = tokens.size();
    int[] w = new int[n];
    int[][] p = new int[n][];
    int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      String raw = tokens.get(i).text();
      String norm = normalize(raw);
      w[i] = wordIds.getOrDefault(norm, UNKNOWN);
      List<Integer> ids = new ArrayList<>();
      for (String piece : piecesOf(norm)) {
        Integer id = pieceIds.get(piece);
        if (id != null && ids.size() < MAX_PIECES) {
          ids.add(id);
        }
      }
      p[i] = ids.stream().mapToInt(Integer::intValue).toArray();
      s[i] = shape(raw, i == 0);
    }
    return new Encoded(tokens, w, p, s);
  }

  /** Rows of the word embedding (unknown and padding included). */
  public int wordCount() {
    return words.size() + 2;
  }

  /** Rows of the piece embedding (padding included). */
  public int pieceCount() {
    return pieces.size() + 1;
  }

  /** Writes the vocabularies as JSON. */
  public void write(Path file) throws IOException {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    lists.put("words", words);
    lists.put("pieces", pieces);
    StringListsFile.write(file, TYPE, lists);
  }

  /** Reads a featurizer written by {@link #write}. */
  public static TokenFeaturizer read(Path file) throws IOException {
    Map<String, List<String>> lists = StringListsFile.read(file, TYPE, "words", "pieces");
    return new TokenFeaturizer(lists.get("words"), lists.get("pieces"));
  }

  private static String normalize(String token) {
    String s = token.toLowerCase(Locale.ROOT);
    if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
      return s.length() <= 2 ? s : "0".repeat(Math.min(s.length(), 6));
    }
    return s;
  }

  /** Character 2- to 4-grams of {@code <word>}, with the boundary marks. */
  static List<String> piecesOf(String word) {
    int[] w = ("<" + word + ">").codePoints().toArray();
    List<String> out = new ArrayList<>();
    for (int n = 2; n <= 4; n++) {
      for (int i = 0; i + n <= w.length; i++) {
        out.add(new String(w, i, n));
      }
    }
    return out;
  }

  /** Case (5) x character class (4) x length bucket (4) x first-token flag (2). */
  static int shape(String raw, boolean first) {
    int kase;
    boolean upper0 = Character.isUpperCase(raw.codePointAt(0));
    boolean allUpper = raw.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
    boolean anyLetter = raw.chars().anyMatch(Character::isLetter);
    if (!anyLetter) {
      kase = 0;
    } else if (allUpper && raw.length() > 1) {
      kase = 1;
    } else if (upper0) {
      kase = 2;
    } else if (raw.chars().anyMatch(Character::isUpperCase)) {
      kase = 3;
    } else {
      kase = 4;
    }
    int cls =
        Character.isLetter(raw.codePointAt(0))
            ? 0
            : Character.isDigit(raw.codePointAt(0))
                ? 1
                : Character.isWhitespace(raw.codePointAt(0)) ? 3 : 2;
    int len = raw.length() == 1 ? 0 : raw.length() == 2 ? 1 : raw.length() <= 4 ? 2 : 3;
    return ((kase * 4 + cls) * 4 + len) * 2 + (first ? 1 : 0);
  }
}
