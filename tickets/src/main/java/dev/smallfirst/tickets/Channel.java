package dev.smallfirst.tickets;

/** Where a support message came from; shapes its style (greeting, length, punctuation). */
public enum Channel {
  EMAIL,
  CHAT,
  WEB_FORM,
  SOCIAL,
  VOICE_TRANSCRIPT
}
