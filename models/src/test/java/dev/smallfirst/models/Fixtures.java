package dev.smallfirst.models;

import dev.smallfirst.records.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The committed TorchScript fixture models (made by src/test/python/make_torchscript_fixtures.py)
 * and the {@code causal-lm} draft fixture (src/test/python/make_causal_lm_fixture.py).
 */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture directory of {@code stage}: classify, extract, sentiment or draft. */
  public static Path torchscript(String stage) {
    return resource("/torchscript/" + stage);
  }

  /** The randomly initialised {@code causal-lm} draft fixture with its KV cache (TorchScript). */
  public static Path causalLm() {
    return resource("/causal-lm");
  }

  /** The same weights as {@link #causalLm} exported to ONNX in Hugging Face Optimum's layout. */
  public static Path causalLmOnnx() {
    return resource("/causal-lm-onnx");
  }

  private static Path resource(String dir) {
    try {
      return Path.of(Fixtures.class.getResource(dir + "/manifest.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads the fixture of {@code stage} through the standard loaders. */
  public static StageModel load(Stage stage, LoadOptions options) {
    return ModelLoaders.standard()
        .load(torchscript(stage.name().toLowerCase(Locale.ROOT)), stage, options);
  }

  /** Options on the CPU with one length bucket of 64, {@code overlong} and {@code maxNewTokens}. */
  public static LoadOptions cpu(LoadOptions.OverlongPolicy overlong, OptionalInt maxNewTokens) {
    return new LoadOptions(
        LoadOptions.DevicePreference.CPU, overlong, List.of(64), OptionalInt.empty(), maxNewTokens);
  }

  /** Copies the fixture of {@code stage} into {@code target} and returns it. */
  public static Path copy(String stage, Path target) {
    return copyDirectory(torchscript(stage), target);
  }

  /** Copies the files of model directory {@code source} into {@code target} and returns it. */
  public static Path copyDirectory(Path source, Path target) {
    try {
      Files.createDirectories(target);
      try (var files = Files.list(source)) {
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
