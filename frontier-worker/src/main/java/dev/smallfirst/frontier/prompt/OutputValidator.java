package dev.smallfirst.frontier.prompt;

import dev.smallfirst.frontier.llm.LlmReply;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a model reply before it reaches a customer: not cut off, not empty, not longer than
 * allowed, no template leakage (the prompt's nonce, canary or markers, or a run of {@value
 * #SHINGLE} words of our instructions) and no placeholder the vault never issued. Thread-safe.
 */
public final class OutputValidator {
  static final int SHINGLE = 8;
  private static final List<String> MARKERS =
      List.of("<<<", ">>>", "CUSTOMER_MESSAGE", "END_DRAFT", "END_ENTITIES", "sf-canary-");

  private final int maxChars;
  private final Set<String> instructionShingles;

  /** Rejects replies longer than {@code maxChars} or repeating {@code template}'s rules. */
  public OutputValidator(int maxChars, PromptTemplate template) {
    this.maxChars = maxChars;
    this.instructionShingles = shingles(template.rules());
  }

  /** Judges {@code reply} to {@code prompt}; restores PII through {@code vault} when valid. */
  public Validation validate(LlmReply reply, Prompt prompt, PiiVault vault) {
    String text = reply.text().strip();
    if (reply.truncated()) {
      return new Validation.Invalid("reply cut off at the output-token limit");
    }
    if (text.isEmpty()) {
      return new Validation.Invalid("empty reply");
    }
    if (text.length() > maxChars) {
      return new Validation.Invalid(
          "reply of " + text.length() + " characters exceeds the limit of " + maxChars);
    }
    if (text.contains(prompt.nonce()) || text.contains(prompt.canary())) {
      return new Validation.Invalid("template leakage: reply contains the prompt's secret tokens");
    }
    for (String marker : MARKERS) {
      if (text.contains(marker)) {
        return new Validation.Invalid("template leakage: reply contains the marker " + marker);
      }
    }
    if (!Collections.disjoint(shingles(text), instructionShingles)) {
      return new Validation.Invalid("template leakage: reply repeats our instructions");
    }
    Set<String> unknown = vault.unknownPlaceholders(text);
    if (!unknown.isEmpty()) {
      return new Validation.Invalid("reply has placeholders that were never issued: " + unknown);
    }
    return new Validation.Valid(vault.restore(text));
  }

  /** Every run of {@link #SHINGLE} consecutive words, lower-cased, punctuation dropped. */
  static Set<String> shingles(String text) {
    String[] words =
        text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s]", " ").trim().split("\\s+");
    Set<String> out = new HashSet<>();
    for (int i = 0; i + SHINGLE <= words.length; i++) {
      out.add(String.join(" ", Arrays.asList(words).subList(i, i + SHINGLE)));
    }
    return out;
  }
}
