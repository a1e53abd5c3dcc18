package dev.smallfirst.topology.routing;

/** A policy document that cannot be used; the message says where and why. */
public final class InvalidPolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidPolicyException(String message) {
    super(message);
  }

  public InvalidPolicyException(String message, Throwable cause) {
    super(message, cause);
  }
}
