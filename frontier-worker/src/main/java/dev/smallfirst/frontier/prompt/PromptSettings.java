package dev.smallfirst.frontier.prompt;

import dev.smallfirst.runtime.config.ConfigException;
import dev.smallfirst.runtime.config.ConfigSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the prompt says and what a reply may be. Immutable.
 *
 * @param brand the company name the reply speaks for
 * @param policy brand and policy instructions (tone, what may be promised)
 * @param maxInputChars the customer's text is cut to this many characters
 * @param maxOutputChars longer replies are rejected
 * @param piiMasking whether e-mails, phone and card numbers are masked before the call
 */
public record PromptSettings(
    String brand, String policy, int maxInputChars, int maxOutputChars, boolean piiMasking) {

  public static final String BRAND = "frontier.brand.name";
  public static final String POLICY_FILE = "frontier.policy.file";
  public static final String MAX_INPUT_CHARS = "frontier.input.max.chars";
  public static final String MAX_OUTPUT_CHARS = "frontier.output.max.chars";
  public static final String PII_MASKING = "frontier.pii.masking";

  /** Used when no policy file is configured. */
  public static final String DEFAULT_POLICY =
      """
      - Be warm, concise and specific; use the customer's name only if they gave it.
      - Apologise once when something went wrong; do not grovel.
      - Never promise refunds, credits, delivery dates or exceptions that the draft does not \
      already contain; say that a colleague will confirm instead.
      - Never ask for a full card number, password or one-time code.""";

  public PromptSettings {
    if (brand.isBlank()) {
      throw new ConfigException(BRAND, "must not be blank");
    }
  }

  public static PromptSettings from(ConfigSource c) {
    String policy = DEFAULT_POLICY;
    if (c.optional(POLICY_FILE).isPresent()) {
      Path file = Path.of(c.required(POLICY_FILE));
      try {
        policy = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ConfigException(POLICY_FILE, "cannot read " + file + ": " + e);
      }
      if (policy.isEmpty()) {
        throw new ConfigException(POLICY_FILE, file + " is empty");
      }
    }
    return new PromptSettings(
        c.string(BRAND, "our company"),
        policy,
        c.integer(MAX_INPUT_CHARS, 8_000, 100, 1_000_000),
        c.integer(MAX_OUTPUT_CHARS, 4_000, 50, 100_000),
        c.bool(PII_MASKING, true));
  }
}
