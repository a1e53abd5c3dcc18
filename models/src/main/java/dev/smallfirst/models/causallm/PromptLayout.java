package dev.smallfirst.models.causallm;

import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.grounding.DraftChecks;
import dev.smallfirst.models.translate.DraftPrompt;
import dev.smallfirst.records.DraftContext;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a {@code causal-lm} draft model continues: the manifest's {@code prompt} template with
 * four placeholders filled in one pass (so a message that contains {@code {intents}} stays as it
 * is):
 *
 * <ul>
 *   <li>{@code {message}}: the request text (required in every template);
 *   <li>{@code {intents}}: every predicted intent, primary first, joined with {@code ", "}, or
 *       {@code unknown};
 *   <li>{@code {entities}}: {@code TYPE=value} pairs joined with {@code "; "}, or {@code none};
 *   <li>{@code {sentiment}}: {@code negative}, {@code neutral}, {@code positive}, or {@code
 *       unknown}.
 * </ul>
 *
 * Everything else is literal, a chat template's special tokens included, e.g. {@code "<|user|>
 * {message} <|assistant|>"}; any other {@code {lower_case}} word is refused as a misspelt
 * placeholder. Immutable and thread-safe.
 */
public final class PromptLayout {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
  private static final Set<String> KNOWN = Set.of("message", "intents", "entities", "sentiment");

  private final String template;

  private PromptLayout(String template) {
    this.template = template;
  }

  /**
   * Parses {@code template}.
   *
   * @throws IllegalArgumentException naming the unknown placeholder, or when {@code {message}} is
   *     missing
   */
  public static PromptLayout parse(String template) {
    Objects.requireNonNull(template, "template");
    Matcher m = PLACEHOLDER.matcher(template);
    boolean message = false;
    while (m.find()) {
      if (!KNOWN.contains(m.group(1))) {
        throw new IllegalArgumentException(
            "unknown placeholder {" + m.group(1) + "}; known: " + new java.util.TreeSet<>(KNOWN));
      }
      message |= m.group(1).equals("message");
    }
    if (!message) {
      throw new IllegalArgumentException("must contain {message}: a draft reads the message");
    }
    return new PromptLayout(template);
  }

  /** The template as written. */
  public String template() {
    return template;
  }

  /** The prompt for {@code input}. */
  public String render(StageInput input) {
    return render(input.text(), input.context().orElse(null));
  }

  /** The prompt for {@code message} with {@code context} (null: nothing known). */
  public String render(String message, DraftContext context) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), message, context)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String value(String name, String message, DraftContext c) {
    return switch (name) {
      case "message" -> message;
      case "intents" -> {
        String joined = String.join(", ", DraftChecks.intents(c));
        yield joined.isEmpty() ? "unknown" : joined;
      }
      case "entities" -> DraftPrompt.entities(c);
      case "sentiment" ->
          c == null || c.getSentiment() == null
              ? "unknown"
              : c.getSentiment().name().toLowerCase(Locale.ROOT);
      default -> throw new IllegalStateException("parse() admits no {" + name + "}");
    };
  }
}
