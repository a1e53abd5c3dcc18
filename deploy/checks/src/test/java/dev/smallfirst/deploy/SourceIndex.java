package dev.smallfirst.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The main Java sources of the modules the deployables are built from, as text: to check that a
 * setting key or a metric name in a manifest is one the code really uses (as a string literal).
 */
record SourceIndex(String text) {
  private static final List<String> MODULES =
      List.of("schemas", "runtime", "models", "topology", "model-workers", "frontier-worker");

  static SourceIndex mainSources() {
    StringBuilder all = new StringBuilder();
    for (String module : MODULES) {
      try (Stream<Path> files =
          Files.walk(Deployment.ROOT.resolve(module).resolve("src/main/java"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          all.append(Files.readString(f)).append('\n');
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new SourceIndex(all.toString());
  }

  /** Whether some deployable reads the settings key {@code key} (a literal {@code "key"}). */
  boolean readsKey(String key) {
    return text.contains("\"" + key + "\"");
  }

  /**
   * Whether the code registers the meter behind Prometheus name {@code name}: the name itself or
   * the name without the suffixes the Prometheus registry appends ({@code _total}, {@code
   * _seconds}, {@code _bucket}, {@code _sum}, {@code _count}, {@code _max}), with underscores or
   * dots.
   */
  boolean registersMeter(String name) {
    String n = name;
    while (true) {
      if (text.contains("\"" + n + "\"") || text.contains("\"" + n.replace('_', '.') + "\"")) {
        return true;
      }
      String stripped = n.replaceFirst("_(total|seconds|bucket|sum|count|max)$", "");
      if (stripped.equals(n)) {
        return false;
      }
      n = stripped;
    }
  }
}
