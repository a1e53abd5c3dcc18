package dev.smallfirst.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.smallfirst.records.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The fields of a model directory's {@code manifest.json} that the worker relies on, whatever the
 * format; format-specific fields stay readable through {@link #extra}. Unknown fields are ignored,
 * so the trainer can add its own. Immutable.
 *
 * <pre>{@code
 * {"name": "intent-tiny", "version": "2024.06.0", "stage": "CLASSIFY", "format": "torchscript",
 *  "labels": ["refund", "shipping"], "maxLength": 128, "temperature": 1.7, "threshold": 0.6,
 *  "weights": "model.pt", "sha256": "9f86d0...", "tokenizer": "tokenizer.json"}
 * }</pre>
 *
 * @param directory the model directory
 * @param name model name
 * @param version model version
 * @param stage the stage the model answers
 * @param format how the weights are stored, e.g. {@code torchscript} or {@code djl}
 * @param labels class labels (classify, sentiment) or tags (extract), in output order
 * @param maxLength most tokens one input may have, special tokens included
 * @param temperature temperature-scaling calibration of the logits (1 = none)
 * @param threshold the confidence threshold chosen by the evaluator, if any
 * @param sha256 lower-case hex SHA-256 of the weights
 * @param tokenizer file name of the tokenizer, relative to the directory
 * @param weights file name of the weights, relative to the directory, if the manifest names it
 * @param raw the whole document, for format-specific fields
 */
public record ModelManifest(
    Path directory,
    String name,
    String version,
    Stage stage,
    String format,
    List<String> labels,
    int maxLength,
    double temperature,
    OptionalDouble threshold,
    String sha256,
    String tokenizer,
    Optional<String> weights,
    JsonNode raw) {

  /** The manifest's file name inside a model directory. */
  public static final String FILE_NAME = "manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  public ModelManifest {
    labels = List.copyOf(labels);
  }

  /** Reads and validates {@code directory/manifest.json}. */
  public static ModelManifest read(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException(
          "model directory " + directory + " has no " + FILE_NAME + " (is it a model directory?)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new ModelLoadException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelLoadException(file + " must hold a JSON object");
    }
    Fields f = new Fields(file, root);
    String sha = f.text("sha256");
    if (!SHA256.matcher(sha).matches()) {
      throw f.bad("sha256", "must be 64 hex digits, got '" + sha + "'");
    }
    double temperature = f.decimal("temperature").orElse(1.0);
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw f.bad("temperature", "must be a positive number, got " + temperature);
    }
    int maxLength = f.integer("maxLength").orElseThrow(() -> f.bad("maxLength", "is required"));
    if (maxLength < 2) {
      throw f.bad("maxLength", "must be at least 2, got " + maxLength);
    }
    return new ModelManifest(
        directory,
        f.text("name"),
        f.text("version"),
        f.stage(),
        f.text("format").toLowerCase(Locale.ROOT),
        f.labels(),
        maxLength,
        temperature,
        f.decimal("threshold"),
        sha.toLowerCase(Locale.ROOT),
        f.optionalText("tokenizer").orElse("tokenizer.json"),
        f.optionalText("weights"),
        root);
  }

  /** A format-specific field, if present. */
  public Optional<JsonNode> extra(String field) {
    JsonNode node = raw.get(field);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
  }

  /** A format-specific whole-number field, if present. */
  public OptionalInt extraInt(String field) {
    return extra(field).filter(JsonNode::canConvertToInt).stream()
        .mapToInt(JsonNode::asInt)
        .findFirst();
  }

  /** A format-specific text field, if present. */
  public Optional<String> extraText(String field) {
    return extra(field).filter(JsonNode::isTextual).map(JsonNode::asText);
  }

  /** The identity this manifest pins. */
  public ModelIdentity identity() {
    return new ModelIdentity(name, version, sha256);
  }

  /** {@code directory.resolve(relative)}, refusing paths that leave the directory. */
  public Path resolve(String field, String relative) {
    Path resolved = directory.resolve(relative).normalize();
    if (!resolved.startsWith(directory.normalize())) {
      throw new ModelLoadException(
          directory.resolve(FILE_NAME) + ": field '" + field + "' points outside the directory");
    }
    return resolved;
  }

  private record Fields(Path file, JsonNode root) {
    String text(String field) {
      return optionalText(field).orElseThrow(() -> bad(field, "is required"));
    }

    Optional<String> optionalText(String field) {
      JsonNode n = root.get(field);
      if (n == null || n.isNull()) {
        return Optional.empty();
      }
      if (!n.isTextual() || n.asText().isBlank()) {
        throw bad(field, "must be a non-empty string");
      }
      return Optional.of(n.asText().trim());
    }

    OptionalInt integer(String field) {
      JsonNode n = root.get(field);
      if (n == null || n.isNull()) {
        return OptionalInt.empty();
      }
      if (!n.canConvertToInt() || !n.isIntegralNumber()) {
        throw bad(field, "must be a whole number");
      }
      return OptionalInt.of(n.asInt());
    }

    OptionalDouble decimal(String field) {
      JsonNode n = root.get(field);
      if (n == null || n.isNull()) {
        return OptionalDouble.empty();
      }
      if (!n.isNumber()) {
        throw bad(field, "must be a number");
      }
      return OptionalDouble.of(n.asDouble());
    }

    Stage stage() {
      String raw = text("stage");
      try {
        return Stage.valueOf(raw.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw bad("stage", "unknown stage '" + raw + "'");
      }
    }

    List<String> labels() {
      JsonNode n = root.get("labels");
      if (n == null || n.isNull()) {
        return List.of();
      }
      if (!n.isArray()) {
        throw bad("labels", "must be an array of strings");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode label : n) {
        if (!label.isTextual()) {
          throw bad("labels", "must be an array of strings");
        }
        out.add(label.asText());
      }
      return out;
    }

    ModelLoadException bad(String field, String problem) {
      return new ModelLoadException(file + ": field '" + field + "' " + problem);
    }
  }
}
