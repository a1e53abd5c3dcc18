package dev.smallfirst.topology.validate;

import dev.smallfirst.records.SupportMessage;

/** The verdict on an incoming support message. */
public sealed interface Validation {

  /**
   * Good to process.
   *
   * @param message the message as received
   * @param text the normalized text for the stages
   */
  record Valid(SupportMessage message, String text) implements Validation {}

  /**
   * Identifiable but unusable (empty or oversized body, no tenant): answered with a REJECTED reply.
   *
   * @param message the message as received
   * @param reason why, for the reply's notes
   */
  record Rejected(SupportMessage message, String reason) implements Validation {}

  /**
   * Not even identifiable (no message or ticket id): dead-lettered.
   *
   * @param reason why, for the dead letter
   */
  record Unusable(String reason) implements Validation {}
}
