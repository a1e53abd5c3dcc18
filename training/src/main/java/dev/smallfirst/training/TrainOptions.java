package dev.smallfirst.training;

import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.training.cli.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * Command-line options of {@code smallfirst train}, validated in the constructor with errors that
 * name the option. Immutable; {@link Flags} is what picocli fills.
 *
 * @param stage which stage's model to train
 * @param data training file (JSON Lines)
 * @param out model directory to write
 * @param seed random seed; the same seed, data and thread count give the same weights
 * @param epochs passes over the data, or 0 for the stage's default
 * @param validation validation files; when present they calibrate and choose the threshold
 * @param maxEscalation largest fraction of known validation examples the threshold may escalate
 * @param holdout fraction of the training data held out for calibration without validation
 * @param refit after calibrating on a holdout, retrain on all data (calibration is kept)
 * @param strict refuse the data when any line is bad (default: report and skip)
 * @param name model name in the manifest
 * @param version model version in the manifest, or null for one derived from the weights hash
 * @param overrides hyperparameter overrides ({@code --set key=value}), applied by each stage's job
 * @param labelGroups optional JSON file mapping labels to routing groups (for error severity)
 * @param encoder {@code none}, or the pretrained encoder whose embeddings a head is trained on
 *     ({@code minilm-int8}, {@code minilm-fp32}); for the draft stage, the encoder of a {@code
 *     reply-bank} directory ({@link ReplyBankJob}) instead of the {@code djl} slot LM
 */
public record TrainOptions(
    Stage stage,
    Path data,
    Path out,
    long seed,
    int epochs,
    List<Path> validation,
    double maxEscalation,
    double holdout,
    boolean refit,
    boolean strict,
    String name,
    String version,
    Map<String, String> overrides,
    Path labelGroups,
    String encoder) {

  /**
   * The encoder classify and sentiment train on unless told otherwise. Extract defaults to {@code
   * none}, the LSTM tagger: measured on the same data it beat the encoder's token head (Bitext
   * holdout span F1 0.921 against 0.872, restaurant-8k 0.915 against 0.652), TRAINING.md.
   */
  public static final String DEFAULT_ENCODER = "minilm-int8";

  public TrainOptions {
    if (stage == null) {
      throw new IllegalArgumentException("--stage is required");
    }
    if (data == null) {
      throw new IllegalArgumentException("--data is required");
    }
    if (out == null) {
      throw new IllegalArgumentException("--out is required");
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("--epochs must not be negative");
    }
    checkFraction("--max-escalation", maxEscalation);
    checkFraction("--holdout", holdout);
    if (holdout <= 0 || holdout >= 0.5) {
      throw new IllegalArgumentException("--holdout must be in (0, 0.5)");
    }
    validation = List.copyOf(validation);
    overrides = Map.copyOf(overrides);
    name = name == null ? "smallfirst-" + StageCatalogue.id(stage) : name;
    encoder =
        encoder == null
            ? (stage == Stage.CLASSIFY || stage == Stage.SENTIMENT ? DEFAULT_ENCODER : "none")
            : encoder.trim().toLowerCase(java.util.Locale.ROOT);
    if (!encoder.equals("none")) {
      dev.smallfirst.models.encoder.EncoderSpec.named(encoder); // throws naming the known ones
    }
  }

  /** Throws when an override names a hyperparameter the stage does not have. */
  static void requireKnown(TrainOptions o, String... known) {
    Set<String> k = Set.of(known);
    for (String key : o.overrides().keySet()) {
      if (!k.contains(key)) {
        throw new IllegalArgumentException(
            "unknown hyperparameter '"
                + key
                + "' for stage "
                + StageCatalogue.id(o.stage())
                + "; known: "
                + new TreeSet<>(k));
      }
    }
  }

  /** An integer override, or {@code fallback}. */
  public int intOverride(String key, int fallback) {
    String v = overrides.get(key);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--set " + key + " expects an integer, got '" + v + "'");
    }
  }

  /** A float override, or {@code fallback}. */
  public float floatOverride(String key, float fallback) {
    String v = overrides.get(key);
    try {
      return v == null ? fallback : Float.parseFloat(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--set " + key + " expects a number, got '" + v + "'");
    }
  }

  /**
   * Parses {@code args} as {@code smallfirst train} does.
   *
   * @throws IllegalArgumentException naming the bad option (picocli's {@code ParameterException}
   *     for syntax errors)
   */
  public static TrainOptions parse(String... args) {
    return Cli.parse(new Flags(), args).toOptions();
  }

  private static void checkFraction(String option, double d) {
    if (!(d >= 0 && d <= 1)) {
      throw new IllegalArgumentException(option + " must be between 0 and 1, got " + d);
    }
  }

  /** The command-line flags, as picocli fills them; {@link #toOptions()} validates them. */
  public static final class Flags {
    @Option(
        names = "--stage",
        paramLabel = "classify|extract|sentiment|draft",
        converter = Cli.StageConverter.class,
        description = "which stage's model to train (required)")
    Stage stage;

    @Option(names = "--data", paramLabel = "FILE.jsonl", description = "training file (required)")
    Path data;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "model directory to write (required)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "random seed (default: 42)")
    long seed = 42;

    @Option(
        names = "--epochs",
        paramLabel = "E",
        description = "passes over the data (default: the stage's)")
    int epochs;

    @Option(
        names = "--validation",
        paramLabel = "FILE[,FILE...]",
        split = ",",
        description = {
          "files to calibrate on and choose the escalation threshold from; labels they have that",
          "the training data lacks (e.g. CLINC150's oos) are examples the model should escalate;",
          "repeat or comma-separate files"
        })
    List<String> validation = new ArrayList<>();

    @Option(
        names = "--max-escalation",
        paramLabel = "F",
        description = "at most this fraction of known validation examples may escalate (0.10)")
    double maxEscalation = 0.10;

    @Option(
        names = "--holdout",
        paramLabel = "F",
        description = "without --validation, hold out this fraction for calibration (0.1)")
    double holdout = 0.1;

    @Option(names = "--no-refit", description = "keep the model trained without the holdout")
    boolean noRefit;

    @Option(
        names = "--encoder",
        paramLabel = "none|minilm-int8|minilm-fp32|e5-small-int8",
        description = {
          "train a head on this pretrained ONNX encoder (format onnx-encoder; the default for",
          "classify and sentiment: minilm-int8), or none for the n-gram / LSTM models (format",
          "djl; the default for extract, which measured better)"
        })
    String encoder;

    @Option(names = "--strict", description = "refuse the data if any line is bad")
    boolean strict;

    @Option(names = "--name", paramLabel = "NAME", description = "model name in the manifest")
    String name;

    @Option(
        names = "--version",
        paramLabel = "V",
        description = "model version (default: derived from the weights hash)")
    String version;

    @Option(
        names = "--set",
        paramLabel = "KEY=VALUE",
        description = {
          "override a hyperparameter (see training/TRAINING.md),",
          "e.g. --set hidden=128 --set members=2"
        })
    List<String> set = new ArrayList<>();

    @Option(
        names = "--label-groups",
        paramLabel = "GROUPS.json",
        description = {
          "{\"label\": \"group\", ...}: labels of one group route alike, so the evaluator rates",
          "confusions inside a group minor (default: the text before a label's first '.')"
        })
    Path labelGroups;

    /** The validated options; throws {@link IllegalArgumentException} naming the bad option. */
    public TrainOptions toOptions() {
      Map<String, String> overrides = new TreeMap<>();
      for (String v : set) {
        int eq = v.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + v + "'");
        }
        overrides.put(v.substring(0, eq).strip(), v.substring(eq + 1).strip());
      }
      return new TrainOptions(
          stage,
          data,
          out,
          seed,
          epochs,
          validation.stream().filter(f -> !f.isBlank()).map(f -> Path.of(f.strip())).toList(),
          maxEscalation,
          holdout,
          !noRefit,
          strict,
          name,
          version,
          overrides,
          labelGroups,
          encoder);
    }
  }
}
