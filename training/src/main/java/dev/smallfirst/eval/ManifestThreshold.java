package dev.smallfirst.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.trained.ModelDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a threshold chosen by the sweep into a model's {@code manifest.json}: only {@code
 * threshold} changes and {@code thresholdSource} is added ({@code {"sweep": "<data file name>",
 * "examples": N, "maxEscalation": x}}); every other field, including ones this project does not
 * know (an encoder's {@code encoder}, {@code head}, {@code ensemble}), and every hash stay as they
 * are. The manifest is not covered by the directory's hashes, so the model still verifies. The file
 * is replaced atomically. Stateless.
 */
public final class ManifestThreshold {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestThreshold() {}

  /**
   * True when {@code data} is byte for byte the file the model was trained on (the manifest's
   * {@code training.dataSha256}): a threshold chosen there would be chosen on memorized examples.
   */
  public static boolean trainedOn(ModelManifest manifest, Path data) throws IOException {
    String trained =
        manifest.extra("training").map(t -> t.path("dataSha256").asText("")).orElse("");
    return !trained.isEmpty()
        && Files.isRegularFile(data)
        && trained.equalsIgnoreCase(ModelDirectory.sha256(data));
  }

  /**
   * Sets {@code modelDir}'s threshold.
   *
   * @param dataName the file the sweep ran on (its file name is recorded)
   * @param examples how many examples the sweep saw
   */
  public static void write(
      Path modelDir, double threshold, String dataName, int examples, double maxEscalation)
      throws IOException {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be within [0, 1], got " + threshold);
    }
    Path file = modelDir.resolve(ModelManifest.FILE_NAME);
    JsonNode root = JSON.readTree(file.toFile());
    if (!(root instanceof ObjectNode manifest)) {
      throw new IOException(file + " must hold a JSON object");
    }
    manifest.put("threshold", threshold);
    manifest
        .putObject("thresholdSource")
        .put("sweep", Path.of(dataName).getFileName().toString())
        .put("examples", examples)
        .put("maxEscalation", maxEscalation);
    Path tmp = Files.createTempFile(modelDir, ".manifest", ".json");
    try {
      Files.writeString(tmp, JSON.writeValueAsString(manifest) + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
