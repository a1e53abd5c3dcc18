package dev.smallfirst.training.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a data file and applies the bad-line policy: every rejected line is reported with its line
 * number; in strict mode any rejected line refuses the file, otherwise rejected lines are skipped.
 * A file without a single usable line is always refused. Stateless.
 */
public final class DataChecks {

  /** Bad lines printed one by one before the rest are only counted. */
  static final int REPORTED = 20;

  private DataChecks() {}

  /** Reads {@code file} with {@code parser}; returns the accepted examples. */
  public static <T> List<T> read(
      Path file, JsonlReader.LineParser<T> parser, boolean strict, PrintStream log)
      throws IOException, DataException {
    if (!Files.isRegularFile(file)) {
      throw new DataException(file + ": no such file");
    }
    DataSet<T> set = JsonlReader.read(file, parser);
    List<BadLine> bad = set.badLines();
    for (int i = 0; i < Math.min(REPORTED, bad.size()); i++) {
      log.println("bad line " + bad.get(i));
    }
    if (bad.size() > REPORTED) {
      log.printf("... and %d more bad lines in %s%n", bad.size() - REPORTED, file);
    }
    if (!bad.isEmpty() && strict) {
      throw new DataException(
          file
              + ": "
              + bad.size()
              + " bad line(s), first at line "
              + bad.get(0).lineNumber()
              + " ("
              + bad.get(0).reason()
              + "); refusing the file (--strict)");
    }
    if (set.examples().isEmpty()) {
      throw new DataException(
          file + ": no usable examples" + (bad.isEmpty() ? " (empty file)" : " (all lines bad)"));
    }
    if (!bad.isEmpty()) {
      log.printf(
          "%s: skipped %d bad line(s) of %d; using %d examples%n",
          file, bad.size(), set.linesWithData(), set.examples().size());
    }
    return set.examples();
  }

  /** The distinct labels of {@code data}, sorted. */
  public static Set<String> labels(List<LabeledText> data) {
    Set<String> labels = new TreeSet<>();
    data.forEach(t -> labels.add(t.label()));
    return labels;
  }
}
