package dev.smallfirst.training.data;

import java.nio.file.Path;
import java.util.List;

/**
 * The examples read from one file plus the lines that were rejected. Immutable.
 *
 * @param <T> the example type
 */
public record DataSet<T>(Path file, List<T> examples, List<BadLine> badLines) {
  public DataSet {
    examples = List.copyOf(examples);
    badLines = List.copyOf(badLines);
  }

  /** Lines read that held data: accepted plus rejected. */
  public int linesWithData() {
    return examples.size() + badLines.size();
  }
}
