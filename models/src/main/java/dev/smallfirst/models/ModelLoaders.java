package dev.smallfirst.models;

import dev.smallfirst.records.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Opens model directories: reads the manifest, checks the stage, picks the {@link StageModelLoader}
 * of its format and checks that the loaded model pins what the manifest says. Immutable.
 *
 * <pre>{@code
 * StageModel model = ModelLoaders.standard().load(Path.of("models/classify"), Stage.CLASSIFY,
 *     LoadOptions.defaults());
 * }</pre>
 */
public final class ModelLoaders {
  private final Map<String, StageModelLoader> byFormat;

  private ModelLoaders(Map<String, StageModelLoader> byFormat) {
    this.byFormat = Map.copyOf(byFormat);
  }

  /** The loaders registered with {@link ServiceLoader} on the class path. */
  public static ModelLoaders standard() {
    return of(
        ServiceLoader.load(StageModelLoader.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  /** Exactly {@code loaders}; a later loader of the same format replaces an earlier one. */
  public static ModelLoaders of(List<StageModelLoader> loaders) {
    Map<String, StageModelLoader> map = new TreeMap<>();
    loaders.forEach(l -> map.put(l.format(), l));
    return new ModelLoaders(map);
  }

  /** The formats these loaders read. */
  public List<String> formats() {
    return List.copyOf(new TreeMap<>(byFormat).keySet());
  }

  /**
   * Loads the model in {@code directory}, which must answer {@code stage}.
   *
   * @throws ModelLoadException when the directory cannot be served (the message says why)
   */
  public StageModel load(Path directory, Stage stage, LoadOptions options) {
    if (!Files.isDirectory(directory)) {
      throw new ModelLoadException("model directory " + directory + " does not exist");
    }
    ModelManifest manifest = ModelManifest.read(directory);
    if (manifest.stage() != stage) {
      throw new ModelLoadException(
          "model "
              + manifest.identity()
              + " in "
              + directory
              + " answers "
              + manifest.stage()
              + ", but this worker serves "
              + stage);
    }
    StageModelLoader loader = byFormat.get(manifest.format());
    if (loader == null) {
      throw new ModelLoadException(
          directory.resolve(ModelManifest.FILE_NAME)
              + ": format '"
              + manifest.format()
              + "' has no loader here; known formats: "
              + formats());
    }
    StageModel model = loader.load(manifest, options);
    if (!model.identity().equals(manifest.identity()) || model.stage() != stage) {
      model.close();
      throw new ModelLoadException(
          "loader '"
              + manifest.format()
              + "' returned "
              + model.identity()
              + " for "
              + model.stage()
              + " but the manifest pins "
              + manifest.identity()
              + " for "
              + stage);
    }
    return model;
  }
}
