package dev.smallfirst.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code shared/datasets} beside the project (or {@code SMALLFIRST_DATASETS}). */
final class SharedDatasets {

  private SharedDatasets() {}

  static Optional<Path> find() {
    String env = System.getenv("SMALLFIRST_DATASETS");
    if (env != null && Files.isDirectory(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/datasets");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
