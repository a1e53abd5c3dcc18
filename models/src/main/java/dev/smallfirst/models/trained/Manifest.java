package dev.smallfirst.models.trained;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code manifest.json} of a model directory: what the model is, how to rebuild it, and the
 * SHA-256 of every file it needs. Immutable. See {@code training/TRAINING.md} for the format.
 *
 * @param name model name, e.g. {@code smallfirst-classify}
 * @param version version string; with {@code sha256} it pins the exact weights
 * @param stage {@code classify|extract|sentiment|draft}
 * @param format {@code djl} (parameters of a block defined in this module) or {@code torchscript}
 *     (reserved for Hugging Face exports)
 * @param architecture the block to rebuild, e.g. {@code bag-ngram-mlp-ensemble}
 * @param hyperparameters what the architecture needs to rebuild the block (integers and floats)
 * @param labels output labels in index order (classes, or span types for extraction)
 * @param labelGroups optional label to routing-group map (confusions across groups are severe)
 * @param maxLength longest input the model reads, in characters; longer input is truncated
 * @param temperature calibration temperature applied to logits before the softmax
 * @param threshold escalation threshold: confidence below it escalates
 * @param weights file name of the weights
 * @param sha256 SHA-256 (hex) of the weights file
 * @param tokenizer file name of the tokenizer / featurizer
 * @param tokenizerType {@code smallfirst-ngram-tfidf}, {@code smallfirst-word-vocab} or {@code
 *     huggingface}
 * @param files SHA-256 of every other file of the directory (tokenizer, ...)
 * @param training summary of the training run (data, seed, epochs, time)
 * @param validation validation metrics measured by the trainer
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
    String name,
    String version,
    String stage,
    String format,
    String architecture,
    Map<String, Object> hyperparameters,
    List<String> labels,
    Map<String, String> labelGroups,
    int maxLength,
    double temperature,
    double threshold,
    String weights,
    String sha256,
    String tokenizer,
    String tokenizerType,
    Map<String, String> files,
    Map<String, Object> training,
    Map<String, Object> validation) {

  public Manifest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(format, "format");
    labels = labels == null ? List.of() : List.copyOf(labels);
    // Sorted, so that a retrained manifest is the same file byte for byte (Map.copyOf iterates in
    // an order that changes from one JVM to the next).
    hyperparameters = hyperparameters == null ? Map.of() : sorted(hyperparameters);
    files = files == null ? Map.of() : sorted(files);
  }

  /** The stage as an enum; throws {@link IllegalArgumentException} when unknown. */
  public Stage stageEnum() {
    return StageCatalogue.parseSmallModel(stage);
  }

  /** This manifest with a new calibration and new metrics; files and hashes unchanged. */
  public Manifest withCalibration(
      double temperature,
      double threshold,
      Map<String, Object> training,
      Map<String, Object> validation) {
    return new Manifest(
        name,
        version,
        stage,
        format,
        architecture,
        hyperparameters,
        labels,
        labelGroups,
        maxLength,
        temperature,
        threshold,
        weights,
        sha256,
        tokenizer,
        tokenizerType,
        files,
        training,
        validation);
  }

  /** An integer hyperparameter; throws when it is missing. */
  public int intParam(String key) {
    Object v = hyperparameters.get(key);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("manifest hyperparameter '" + key + "' missing");
    }
    return n.intValue();
  }

  /** An integer hyperparameter, or {@code fallback} when missing. */
  public int intParam(String key, int fallback) {
    return hyperparameters.get(key) instanceof Number n ? n.intValue() : fallback;
  }

  /** A float hyperparameter, or {@code fallback} when missing. */
  public double doubleParam(String key, double fallback) {
    return hyperparameters.get(key) instanceof Number n ? n.doubleValue() : fallback;
  }

  /** The routing group of {@code label}: from {@code labelGroups}, else the text before a dot. */
  public String groupOf(String label) {
    if (labelGroups != null && labelGroups.containsKey(label)) {
      return labelGroups.get(label);
    }
    int dot = label.indexOf('.');
    return dot < 0 ? label : label.substring(0, dot);
  }

  /**
   * An unmodifiable copy in key order; null keys or values are refused as by {@link Map#copyOf}.
   */
  private static <V> Map<String, V> sorted(Map<String, V> m) {
    return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(Map.copyOf(m)));
  }
}
