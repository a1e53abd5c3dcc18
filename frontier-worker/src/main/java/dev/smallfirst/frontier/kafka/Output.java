package dev.smallfirst.frontier.kafka;

import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.EscalationResult;

/** A record one escalation produces, written in the transaction that commits its offset. */
sealed interface Output {

  /**
   * The escalation's result, keyed like the request.
   *
   * @param key the request's key bytes (the ticket id)
   */
  record Reply(byte[] key, EscalationResult result) implements Output {}

  /**
   * A dead letter for an input that could not be handled.
   *
   * @param key the request's key bytes, may be null
   */
  record Dead(byte[] key, DeadLetter letter) implements Output {}
}
