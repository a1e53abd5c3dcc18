package dev.smallfirst.runtime.kafka;

/** Where a {@link TransactionalLoop} is in its life; {@code RUNNING} is what readiness reports. */
public enum LoopState {
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  FAILED
}
