package dev.smallfirst.frontier.polish;

import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;

/**
 * Turns an escalation into its result: a polished reply, or the small draft with the reason for
 * falling back. Expected failures are results, never exceptions. Thread-safe; called concurrently
 * from the worker's call threads.
 */
public interface Polisher extends AutoCloseable {
  EscalationResult polish(EscalationRequest request);

  /** Written to {@code EscalationResult.provider}. */
  String provider();

  @Override
  default void close() {}
}
