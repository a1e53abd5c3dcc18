package dev.smallfirst.training.data;

import java.nio.file.Path;

/** One input line that was not accepted: where it is and why. */
public record BadLine(Path file, int lineNumber, String reason) {
  @Override
  public String toString() {
    return file + ":" + lineNumber + ": " + reason;
  }
}
