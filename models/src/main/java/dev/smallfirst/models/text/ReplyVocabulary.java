package dev.smallfirst.models.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The draft model's vocabulary and its text conventions. A reply is delexicalized (entity values
 * from the input replaced by slot tokens such as {@code ⟦ORDER_ID⟧}), split into word, punctuation
 * and newline tokens that carry a leading {@code ▁} when a space precedes them (so detokenizing is
 * exact). The model is conditioned on fixed-length condition tokens: primary intent, second intent,
 * sentiment, channel, and one present/absent token per slot. Generated slot tokens are lexicalized
 * by copying the input's entity values. Immutable and thread-safe once built.
 */
public final class ReplyVocabulary {

  /** The {@code type} written in the vocabulary file. */
  public static final String TYPE = "smallfirst-reply-vocabulary";

  public static final String PAD = "<pad>";
  public static final String UNK = "<unk>";
  public static final String BOS = "<bos>";
  public static final String EOS = "<eos>";

  /**
   * Entity types that have a slot, in prefix order; NAME is the first word of a PERSON_NAME (or of
   * a PERSON, the type's name before the Bitext taxonomy).
   */
  public static final List<String> SLOTS =
      List.of("ORDER_ID", "AMOUNT", "DATE", "PRODUCT", "EMAIL", "NAME");

  /** Number of condition tokens per input: intent, second intent, sentiment, channel, slots. */
  public static final int CONDITIONS = 4 + SLOTS.size();

  private static final Pattern TOKEN =
      Pattern.compile("\\n|⟦[A-Z_]+⟧|[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*|[^\\s]");

  /** Tokens that look like entity values never enter the vocabulary. */
  private static final Pattern ENTITY_LIKE = Pattern.compile("\\d{3,}|[$€£]|.*@.*");

  private final List<String> tokens;
  private final Map<String, Integer> ids;

  private ReplyVocabulary(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    this.ids = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      ids.put(tokens.get(i), i);
    }
  }

  /** Builds the vocabulary from inputs and their references (tokens seen at least twice). */
  public static ReplyVocabulary fit(List<DraftInput> inputs, List<String> references) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < inputs.size(); i++) {
      for (String t : split(delexicalize(references.get(i), inputs.get(i)))) {
        if (!ENTITY_LIKE.matcher(t.replace("▁", "")).matches()) {
          counts.merge(t, 1, Integer::sum);
        }
      }
      for (String c : conditions(inputs.get(i))) {
        counts.merge(c, 2, Integer::sum);
      }
    }
    List<String> vocab = new ArrayList<>(List.of(PAD, UNK, BOS, EOS));
    for (String slot : SLOTS) {
      vocab.add("▁" + slotToken(slot));
      vocab.add(slotToken(slot));
    }
    counts.entrySet().stream()
        .filter(e -> e.getValue() >= 2 && !vocab.contains(e.getKey()))
        .sorted(
            Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .forEach(e -> vocab.add(e.getKey()));
    return new ReplyVocabulary(vocab);
  }

  /** The slot token of an entity type: {@code ⟦ORDER_ID⟧}. */
  public static String slotToken(String slot) {
    return "⟦" + slot + "⟧";
  }

  /** The value each slot takes for {@code input} (first entity of each type). */
  public static Map<String, String> slotValues(DraftInput input) {
    Map<String, String> v = new LinkedHashMap<>();
    for (DraftInput.Entity e : input.entities()) {
      String type = e.type().toUpperCase(Locale.ROOT);
      if (type.equals("PERSON_NAME") || type.equals("PERSON")) {
        v.putIfAbsent("NAME", e.value().strip().split("\\s+")[0]);
      } else if (SLOTS.contains(type)) {
        v.putIfAbsent(type, e.value());
      }
    }
    return v;
  }

  /** Replaces the input's entity values in {@code reply} by slot tokens, longest value first. */
  public static String delexicalize(String reply, DraftInput input) {
    List<Map.Entry<String, String>> values = new ArrayList<>(slotValues(input).entrySet());
    values.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getValue().length()));
    String out = reply;
    for (Map.Entry<String, String> e : values) {
      if (e.getValue().isBlank()) {
        continue;
      }
      String pattern = Pattern.quote(e.getValue());
      if (e.getKey().equals("NAME")) {
        pattern = "(?<![\\p{L}])" + pattern + "(?![\\p{L}])";
      }
      out = out.replaceAll(pattern, Matcher.quoteReplacement(slotToken(e.getKey())));
    }
    return out;
  }

  /** Splits text into tokens, marking with {@code ▁} those preceded by a space. */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    int last = 0;
    while (m.find()) {
      boolean space = m.start() > last && text.substring(last, m.start()).contains(" ");
      out.add((space ? "▁" : "") + m.group());
      last = m.end();
    }
    return out;
  }

  /** Joins tokens back into text, filling slots from {@code values}. */
  public static String join(List<String> tokens, Map<String, String> values) {
    StringBuilder b = new StringBuilder();
    for (String t : tokens) {
      String s = t.startsWith("▁") ? " " + t.substring(1) : t;
      for (Map.Entry<String, String> v : values.entrySet()) {
        s = s.replace(slotToken(v.getKey()), v.getValue());
      }
      b.append(s);
    }
    return b.toString().strip();
  }

  /** The fixed-length condition tokens of an input. */
  public static List<String> conditions(DraftInput input) {
    List<String> c = new ArrayList<>();
    c.add("<intent:" + (input.intents().isEmpty() ? "none" : input.intents().get(0)) + ">");
    c.add("<also:" + (input.intents().size() > 1 ? input.intents().get(1) : "none") + ">");
    c.add(
        "<sentiment:"
            + (input.sentiment() == null ? "none" : input.sentiment().toLowerCase(Locale.ROOT))
            + ">");
    c.add(
        "<channel:"
            + (input.channel() == null ? "none" : input.channel().toUpperCase(Locale.ROOT))
            + ">");
    Map<String, String> values = slotValues(input);
    for (String slot : SLOTS) {
      c.add("<" + slot + (values.containsKey(slot) ? ":yes>" : ":no>"));
    }
    return c;
  }

  /** Token ids of the conditions (unknown conditions map to {@code <unk>}). */
  public int[] conditionIds(DraftInput input) {
    return conditions(input).stream().mapToInt(this::id).toArray();
  }

  /**
   * Token ids of a reference reply for training: {@code <bos>}, delexicalized reply, {@code <eos>}.
   */
  public int[] target(String reply, DraftInput input) {
    List<String> toks = split(delexicalize(reply, input));
    int[] out = new int[toks.size() + 2];
    out[0] = id(BOS);
    for (int i = 0; i < toks.size(); i++) {
      out[i + 1] = id(toks.get(i));
    }
    out[toks.size() + 1] = id(EOS);
    return out;
  }

  /** The id of {@code token}, or that of {@code <unk>}. */
  public int id(String token) {
    return ids.getOrDefault(token, ids.get(UNK));
  }

  /** The token of {@code id}. */
  public String token(int id) {
    return tokens.get(id);
  }

  /** Vocabulary size. */
  public int size() {
    return tokens.size();
  }

  /**
   * Ids the decoder must never produce for {@code input}: padding, unknown, begin and condition
   * tokens, and slots whose entity the input lacks (so no value can be invented).
   */
  public boolean[] forbidden(DraftInput input) {
    Map<String, String> values = slotValues(input);
    boolean[] f = new boolean[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      String bare = t.startsWith("▁") ? t.substring(1) : t;
      if (t.equals(PAD)
          || t.equals(UNK)
          || t.equals(BOS)
          || (t.startsWith("<") && t.endsWith(">") && !t.equals(EOS))) {
        f[i] = true;
      } else if (bare.startsWith("⟦")) {
        String slot = bare.substring(1, bare.length() - 1);
        f[i] = !values.containsKey(slot);
      }
    }
    return f;
  }

  /** Writes the token list as JSON. */
  public void write(Path file) throws IOException {
    StringListsFile.write(file, TYPE, Map.of("tokens", tokens));
  }

  /** Reads a vocabulary written by {@link #write}. */
  public static ReplyVocabulary read(Path file) throws IOException {
    List<String> t = StringListsFile.read(file, TYPE, "tokens").get("tokens");
    if (t.size() < 4 || !t.get(0).equals(PAD) || !t.get(3).equals(EOS)) {
      throw new IOException(file + ": malformed token list");
    }
    return new ReplyVocabulary(t);
  }
}
