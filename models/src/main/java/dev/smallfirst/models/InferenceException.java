package dev.smallfirst.models;

/**
 * A forward pass failed for a whole batch (e.g. a DJL {@code TranslateException} or a native
 * error). The runtime maps it to {@code MODEL_ERROR} outcomes after isolating the input at fault.
 */
public final class InferenceException extends Exception {
  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
