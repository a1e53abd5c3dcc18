package dev.smallfirst.frontier.prompt;

/** The verdict on a model reply: usable (PII restored) or rejected with the reason. */
public sealed interface Validation {

  /**
   * The reply can be sent.
   *
   * @param text the reply with masked values restored
   */
  record Valid(String text) implements Validation {}

  /**
   * The reply must not be used.
   *
   * @param reason why, for {@code fallbackDetail} and logs (never contains the reply itself)
   */
  record Invalid(String reason) implements Validation {}
}
