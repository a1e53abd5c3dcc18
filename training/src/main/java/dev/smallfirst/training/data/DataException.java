package dev.smallfirst.training.data;

/** Training or evaluation data that cannot be used; the message names the file and why. */
public final class DataException extends Exception {
  public DataException(String message) {
    super(message);
  }
}
