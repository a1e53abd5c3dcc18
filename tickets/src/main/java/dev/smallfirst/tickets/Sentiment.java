package dev.smallfirst.tickets;

import java.util.Locale;

/** The customer's tone; the sentiment stage's labels are the lower-case names. */
public enum Sentiment {
  NEGATIVE,
  NEUTRAL,
  POSITIVE;

  /** The label used in data files: {@code negative}, {@code neutral}, {@code positive}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
