package dev.smallfirst.frontier.resilience;

/**
 * The escalation's deadline passed before (another) attempt could start: the topology has moved on.
 */
public final class DeadlinePassedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DeadlinePassedException(String detail) {
    super(detail, null, false, false);
  }
}
