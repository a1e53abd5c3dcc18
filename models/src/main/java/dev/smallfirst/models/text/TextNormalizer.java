package dev.smallfirst.models.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalization every featurizer applies before it looks at text: Unicode NFKC, lower case,
 * URLs and e-mail addresses folded to placeholder words, runs of a repeated letter capped at three.
 * Stateless and thread-safe.
 */
public final class TextNormalizer {

  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
  private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern REPEAT = Pattern.compile("(\\p{L})\\1{3,}");

  private TextNormalizer() {}

  /** Returns the normalized form of {@code text}. */
  public static String normalize(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = URL.matcher(s).replaceAll(" urltoken ");
    s = EMAIL.matcher(s).replaceAll(" emailtoken ");
    s = REPEAT.matcher(s).replaceAll("$1$1$1");
    return s.toLowerCase(Locale.ROOT);
  }
}
