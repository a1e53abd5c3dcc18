package dev.smallfirst.models.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into word, number and symbol tokens with their character offsets.
 *
 * <p>A token is a run of letters (with inner apostrophes), a run of digits, or one other non-space
 * character. Letters and digits are separate tokens ("23rd" is "23", "rd") so that entity spans
 * such as "7" in "7pm" fall on token boundaries. Stateless and thread-safe.
 *
 * <pre>{@code
 * List<Token> tokens = WordTokenizer.tokenize("Order #A-1234 didn't arrive");
 * }</pre>
 */
public final class WordTokenizer {

  /** One token: its text and its {@code [start, end)} character offsets in the source. */
  public record Token(String text, int start, int end) {}

  private WordTokenizer() {}

  /** Tokenizes {@code text}; never returns null, an empty list for blank text. */
  public static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        i += width;
        continue;
      }
      int start = i;
      if (Character.isLetter(cp)) {
        i = endOfWord(text, i);
      } else if (Character.isDigit(cp)) {
        i += width;
        while (i < n && Character.isDigit(text.codePointAt(i))) {
          i += Character.charCount(text.codePointAt(i));
        }
      } else {
        i += width;
      }
      tokens.add(new Token(text.substring(start, i), start, i));
    }
    return tokens;
  }

  private static int endOfWord(String text, int from) {
    int i = from;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (Character.isLetter(cp) || Character.getType(cp) == Character.NON_SPACING_MARK) {
        i += Character.charCount(cp);
      } else if ((cp == '\'' || cp == '\u2019')
          && i + 1 < n
          && Character.isLetter(text.codePointAt(i + 1))) {
        i += 1; // keep "didn't" and "customer's" as one word
      } else {
        break;
      }
    }
    return i;
  }
}
