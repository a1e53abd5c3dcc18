package dev.smallfirst.topology.validate;

import dev.smallfirst.records.SupportMessage;

/**
 * Checks an incoming {@link SupportMessage}: ids present, tenant present, body non-empty and within
 * the size limit; produces the normalized text. Thread-safe.
 */
public final class MessageValidator {
  private final int maxBodyChars;
  private final TextNormalizer normalizer;

  MessageValidator(int maxBodyChars, TextNormalizer normalizer) {
    if (maxBodyChars < 1) {
      throw new IllegalArgumentException("body.max.chars: must be positive, got " + maxBodyChars);
    }
    this.maxBodyChars = maxBodyChars;
    this.normalizer = normalizer;
  }

  /**
   * A validator rejecting bodies over {@code maxBodyChars} and cutting the normalized text to
   * {@code maxTextChars}.
   *
   * @throws IllegalArgumentException naming the setting when a limit is out of range
   */
  public static MessageValidator of(int maxBodyChars, int maxTextChars) {
    return new MessageValidator(maxBodyChars, new TextNormalizer(maxTextChars));
  }

  /** Judges {@code message}. */
  public Validation validate(SupportMessage message) {
    if (blank(message.getMessageId())) {
      return new Validation.Unusable("messageId is missing");
    }
    if (blank(message.getTicketId())) {
      return new Validation.Unusable(
          "ticketId is missing (message " + message.getMessageId() + ")");
    }
    if (blank(message.getTenantId())) {
      return new Validation.Rejected(message, "tenantId is missing");
    }
    String body = message.getBody();
    if (body.length() > maxBodyChars) {
      return new Validation.Rejected(
          message,
          "body has " + body.length() + " characters, more than the limit of " + maxBodyChars);
    }
    if (TextNormalizer.fold(body).isEmpty()) {
      return new Validation.Rejected(message, "body is empty");
    }
    return new Validation.Valid(message, normalizer.normalize(message.getSubject(), body));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
