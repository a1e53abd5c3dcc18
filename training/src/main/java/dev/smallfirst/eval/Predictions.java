package dev.smallfirst.eval;

import ai.djl.translate.TranslateException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Runs a model over examples in batches and writes one JSON prediction per line. Stateless. */
final class Predictions {

  /** A shared, thread-safe mapper for the prediction lines. */
  static final ObjectMapper JSON = new ObjectMapper();

  private Predictions() {}

  /** One batch call of a model. */
  @FunctionalInterface
  interface Batch<I, O> {
    List<O> apply(List<I> inputs) throws TranslateException;
  }

  /** {@code model} applied to {@code inputs} in batches of {@code size}, in input order. */
  static <I, O> List<O> batched(List<I> inputs, int size, Batch<I, O> model)
      throws TranslateException {
    List<O> out = new ArrayList<>(inputs.size());
    for (int from = 0; from < inputs.size(); from += size) {
      out.addAll(model.apply(inputs.subList(from, Math.min(inputs.size(), from + size))));
    }
    return out;
  }

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
