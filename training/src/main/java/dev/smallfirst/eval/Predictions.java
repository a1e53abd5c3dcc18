package dev.smallfirst.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/** Writes the evaluator's prediction files: one JSON object per line. Stateless. */
final class Predictions {

  /** A shared, thread-safe mapper for the prediction lines. */
  static final ObjectMapper JSON = new ObjectMapper();

  private Predictions() {}

  /** Writes {@code count} lines, line {@code i} being {@code line.apply(i)}, creating parents. */
  static void write(Path file, int count, IntFunction<ObjectNode> line) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        w.write(JSON.writeValueAsString(line.apply(i)));
        w.newLine();
      }
    }
  }
}
