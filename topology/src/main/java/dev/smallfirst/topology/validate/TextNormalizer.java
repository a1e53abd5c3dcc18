package dev.smallfirst.topology.validate;

import java.text.Normalizer;

/**
 * Turns a message's subject and body into the text the stage models see: Unicode NFC, control
 * characters removed, whitespace runs folded to one space, trimmed, and cut to a maximum length at
 * a word boundary (never inside a surrogate pair). Thread-safe.
 */
final class TextNormalizer {
  private final int maxChars;

  TextNormalizer(int maxChars) {
    if (maxChars < 16) {
      throw new IllegalArgumentException("text.max.chars: must be at least 16, got " + maxChars);
    }
    this.maxChars = maxChars;
  }

  /** The model text of a message; {@code subject} may be null. */
  String normalize(String subject, String body) {
    String joined = subject == null || subject.isBlank() ? body : subject + ". " + body;
    return bound(fold(joined));
  }

  /** NFC, control characters to spaces, whitespace runs to one space, trimmed. */
  static String fold(String text) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(nfc.length());
    boolean pendingSpace = false;
    for (int i = 0; i < nfc.length(); ) {
      int cp = nfc.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp)
          || Character.isISOControl(cp)
          || Character.getType(cp) == Character.FORMAT) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  private String bound(String text) {
    if (text.length() <= maxChars) {
      return text;
    }
    int cut = maxChars;
    if (Character.isLowSurrogate(text.charAt(cut))) {
      cut--;
    }
    int space = text.lastIndexOf(' ', cut);
    if (space > maxChars * 3 / 4) {
      cut = space;
    }
    return text.substring(0, cut).stripTrailing();
  }
}
