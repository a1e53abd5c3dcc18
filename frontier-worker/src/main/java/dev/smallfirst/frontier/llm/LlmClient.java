package dev.smallfirst.frontier.llm;

/**
 * One frontier API behind one method. Implementations make exactly one HTTP call per {@link
 * #complete} (no retries of their own: resilience is layered around them) and map every failure to
 * an {@link LlmException}. Thread-safe.
 */
public interface LlmClient extends AutoCloseable {

  /**
   * Sends {@code request} and returns the model's reply with the provider's token usage.
   *
   * @throws LlmException on any provider, transport or response-format failure
   */
  LlmReply complete(LlmRequest request);

  /** Provider name as written to results, e.g. {@code anthropic}. */
  String provider();

  /** The configured model. */
  String model();

  @Override
  void close();
}
