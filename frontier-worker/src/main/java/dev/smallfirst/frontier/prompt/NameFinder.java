package dev.smallfirst.frontier.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds person names by the words around them, without any model: a salutation ({@code "Dear Anna
 * Smith,"}, {@code "Hi Bob"}), a title ({@code "Mr. Smith"}, {@code "Dr Jane Doe"}), a
 * self-introduction ({@code "my name is Anna Smith"}, {@code "Name: Anna Smith"}) or a sign-off
 * ({@code "Thanks, Anna Smith"}, {@code "Kind regards,\nAnna"}). A name is one to three capitalised
 * words ({@code O'Brien}, {@code McDonald}, {@code Jean-Luc}); after a salutation or a sign-off it
 * must end its line or be followed by punctuation, so that {@code "Thanks Again for the help"} or
 * {@code "Hello There"} find nothing, and common words ({@code Team}, {@code Support}, {@code
 * Customer}, {@code Sir}, {@code There}) end a name or, first, rule it out. Stateless.
 *
 * <p>It does not find a name without such a cue ({@code "Anna called yesterday"}), one written in
 * lower case ({@code "thanks, anna"}), a name in a script without letter case, one introduced by
 * {@code "I am"} or {@code "I'm"} (too often an adjective follows), nor a sign-off name that runs
 * on into the sentence ({@code "Thanks Anna for your help"}).
 */
final class NameFinder {
  private static final String WORD = "\\p{Lu}(?:['’]\\p{Lu})?\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?";
  private static final String TOKEN = WORD + "(?:-" + WORD + ")?";
  private static final String NAME = "(?<name>" + TOKEN + "(?:[ \\t]" + TOKEN + "){0,2})";
  private static final String TITLE = "(?:(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof)\\.?[ \\t]+)";

  /** The name ends its line, or punctuation follows it. */
  private static final String ENDS = "(?=[ \\t]*(?:[,.!:;)]|\\r?\\n|$))";

  private static final List<Pattern> CUES =
      List.of(
          Pattern.compile(
              "(?<![\\p{L}])(?i:dear|hi|hello|hey|good (?:morning|afternoon|evening))[ \\t]+"
                  + TITLE
                  + "?"
                  + NAME
                  + ENDS,
              Pattern.MULTILINE),
          Pattern.compile("(?<![\\p{L}])" + TITLE + NAME),
          Pattern.compile(
              "(?<![\\p{L}])(?i:my name is|my name's|name is|name:|signed:?)[ \\t]+" + NAME),
          Pattern.compile(
              "(?<![\\p{L}])(?i:thanks|thank you|many thanks|thanks again|regards|best regards"
                  + "|kind regards|warm regards|warmest regards|best wishes|all the best|best"
                  + "|cheers|sincerely|yours sincerely|yours truly|yours faithfully|respectfully"
                  + "|cordially)"
                  + "[ \\t]*[,.!-]?[ \\t]*(?:\\r?\\n[ \\t]*)?"
                  + NAME
                  + ENDS,
              Pattern.MULTILINE));

  /** Capitalised words that are not names: greetings' objects, sign-off fillers, roles. */
  private static final Set<String> NOT_NAMES =
      Set.of(
          "a",
          "again",
          "all",
          "an",
          "and",
          "admin",
          "advance",
          "afternoon",
          "am",
          "billing",
          "care",
          "customer",
          "customers",
          "day",
          "dear",
          "department",
          "desk",
          "everybody",
          "everyone",
          "evening",
          "folks",
          "for",
          "friend",
          "friends",
          "from",
          "good",
          "guys",
          "hello",
          "help",
          "hey",
          "hi",
          "i",
          "in",
          "is",
          "it",
          "madam",
          "me",
          "morning",
          "much",
          "my",
          "no",
          "not",
          "ok",
          "okay",
          "our",
          "please",
          "regards",
          "sales",
          "service",
          "sir",
          "so",
          "sorry",
          "support",
          "team",
          "thanks",
          "that",
          "the",
          "there",
          "this",
          "to",
          "we",
          "world",
          "yes",
          "you",
          "your",
          "yours");

  private NameFinder() {}

  /** Every name found in {@code text}, in order, each once. */
  static List<String> names(String text) {
    List<String> found = new ArrayList<>();
    for (Pattern cue : CUES) {
      Matcher m = cue.matcher(text);
      while (m.find()) {
        String name = trim(m.group("name"));
        if (!name.isEmpty() && !found.contains(name)) {
          found.add(name);
        }
      }
    }
    return found;
  }

  /** The words of a name that may stand alone as one (not common words, at least two letters). */
  static List<String> parts(String name) {
    List<String> parts = new ArrayList<>();
    for (String w : name.split("[ \\t]+")) {
      if (w.length() >= 2 && !NOT_NAMES.contains(w.toLowerCase(Locale.ROOT))) {
        parts.add(w);
      }
    }
    return parts;
  }

  /** The name up to its first common word; empty when it starts with one. */
  private static String trim(String candidate) {
    StringBuilder name = new StringBuilder();
    for (String w : candidate.split("[ \\t]+")) {
      if (NOT_NAMES.contains(w.toLowerCase(Locale.ROOT))) {
        break;
      }
      name.append(name.isEmpty() ? "" : " ").append(w);
    }
    return name.toString();
  }
}
