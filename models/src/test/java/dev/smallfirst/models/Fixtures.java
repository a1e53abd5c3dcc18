package dev.smallfirst.models;

import dev.smallfirst.records.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The committed TorchScript fixture models (made by src/test/python/make_torchscript_fixtures.py).
 */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture directory of {@code stage}: classify, extract, sentiment or draft. */
  public static Path torchscript(String stage) {
    try {
      return Path.of(Fixtures.class.getResource("/torchscript/" + stage + "/manifest.json").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads the fixture of {@code stage} through the standard loaders. */
  public static StageModel load(Stage stage, LoadOptions options) {
    return ModelLoaders.standard()
        .load(torchscript(stage.name().toLowerCase(Locale.ROOT)), stage, options);
  }

  /** Copies the fixture of {@code stage} into {@code target} and returns it. */
  public static Path copy(String stage, Path target) {
    try {
      Files.createDirectories(target);
      try (var files = Files.list(torchscript(stage))) {
        for (Path f : files.toList()) {
          Files.copy(f, target.resolve(f.getFileName()));
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
