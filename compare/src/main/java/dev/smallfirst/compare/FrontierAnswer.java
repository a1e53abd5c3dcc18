package dev.smallfirst.compare;

/** What the frontier gave for one example: an answer, a failed call, or nothing (spend limit). */
public sealed interface FrontierAnswer {

  /** What the answer cost at the price table, micro-dollars (0 when none was billed). */
  long costMicros();

  /**
   * The provider answered (its text may still be unusable for the stage).
   *
   * @param text the reply text
   * @param inputTokens input tokens as reported (or estimated when the server reported none)
   * @param outputTokens output tokens likewise
   * @param costMicros their cost at the frontier's token prices
   * @param cached whether it came from the cache (then nothing was paid in this run)
   * @param truncated whether the model stopped at the output-token limit
   */
  record Replied(
      String text,
      long inputTokens,
      long outputTokens,
      long costMicros,
      boolean cached,
      boolean truncated)
      implements FrontierAnswer {}

  /**
   * The call failed after the worker's retries (provider error, timeout, open breaker).
   *
   * @param reason the worker's fallback reason
   * @param detail why, without prompt text or keys
   * @param costMicros what was booked anyway (a paid but malformed response)
   */
  record Failed(String reason, String detail, long costMicros) implements FrontierAnswer {}

  /** Not asked: the run's spend limit was reached first. */
  record NotScored() implements FrontierAnswer {
    @Override
    public long costMicros() {
      return 0;
    }
  }
}
