package dev.smallfirst.training.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON Lines file into examples with a {@link LineParser}, keeping every line that does not
 * parse as a {@link BadLine} with its 1-based line number and the reason. Blank lines are skipped
 * silently (they carry no data). Stateless and thread-safe.
 */
public final class JsonlReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses one JSON object into an example, or throws {@link BadLineException} with why not. */
  @FunctionalInterface
  public interface LineParser<T> {
    T parse(JsonNode line) throws BadLineException;
  }

  /** Why one input line was rejected. Thrown by parsers, caught and recorded by the reader. */
  public static final class BadLineException extends Exception {
    public BadLineException(String reason) {
      super(reason);
    }
  }

  private JsonlReader() {}

  /** Reads {@code file}; I/O failures throw, bad lines are returned in the result. */
  public static <T> DataSet<T> read(Path file, LineParser<T> parser) throws IOException {
    List<T> examples = new ArrayList<>();
    List<BadLine> bad = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode node = JSON.readTree(line);
          if (node == null || !node.isObject()) {
            throw new BadLineException("not a JSON object");
          }
          examples.add(parser.parse(node));
        } catch (JsonProcessingException e) {
          bad.add(new BadLine(file, number, "invalid JSON: " + e.getOriginalMessage()));
        } catch (BadLineException e) {
          bad.add(new BadLine(file, number, e.getMessage()));
        }
      }
    }
    return new DataSet<>(file, examples, bad);
  }

  /** The text field of {@code line}, required, non-blank. */
  public static String requireText(JsonNode line, String field) throws BadLineException {
    JsonNode v = line.get(field);
    if (v == null || v.isNull()) {
      throw new BadLineException("missing field \"" + field + "\"");
    }
    if (!v.isTextual()) {
      throw new BadLineException("field \"" + field + "\" is not a string");
    }
    if (v.asText().isBlank()) {
      throw new BadLineException("field \"" + field + "\" is blank");
    }
    return v.asText();
  }
}
