package dev.smallfirst.frontier.resilience;

import dev.smallfirst.frontier.llm.LlmReply;
import dev.smallfirst.records.FallbackReason;

/** How a guarded provider call ended: with a reply, or with the reason to fall back. */
public sealed interface CallOutcome {

  /** Micro-dollars booked against the budget for this escalation. */
  long costMicros();

  /** Provider attempts made (0 when refused before any). */
  int attempts();

  /**
   * The provider answered.
   *
   * @param reply the reply; its usage is the provider's, or an estimate when it reported none
   * @param costMicros its cost from the price table
   * @param attempts attempts it took
   */
  record Completed(LlmReply reply, long costMicros, int attempts) implements CallOutcome {}

  /**
   * No usable answer; fall back to the small draft.
   *
   * @param reason the fallback reason written to the result
   * @param detail a human-readable explanation (no prompt text, no keys)
   * @param costMicros money booked anyway (a paid but malformed reply), usually 0
   * @param attempts attempts made
   */
  record Failed(FallbackReason reason, String detail, long costMicros, int attempts)
      implements CallOutcome {}
}
