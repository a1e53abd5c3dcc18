package dev.smallfirst.training;

import dev.smallfirst.models.Stages;
import dev.smallfirst.records.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@code smallfirst train}, validated on parsing with errors that name the
 * option.
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
    java.util.Map<String, String> overrides,
    Path labelGroups) {

  public TrainOptions {
    validation = List.copyOf(validation);
    overrides = java.util.Map.copyOf(overrides);
  }

  /** Throws when an override names a hyperparameter the stage does not have. */
  static void requireKnown(TrainOptions o, String... known) {
    java.util.Set<String> k = java.util.Set.of(known);
    for (String key : o.overrides().keySet()) {
      if (!k.contains(key)) {
        throw new IllegalArgumentException(
            "unknown hyperparameter '"
                + key
                + "' for stage "
                + Stages.id(o.stage())
                + "; known: "
                + new java.util.TreeSet<>(k));
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

  /** Usage text. */
  public static final String USAGE =
      """
      usage: smallfirst train --stage classify|extract|sentiment|draft --data FILE.jsonl --out DIR
                              [--seed S] [--epochs E] [--validation FILE[,FILE...]]
                              [--max-escalation 0.10] [--holdout 0.1] [--no-refit] [--strict]
                              [--name NAME] [--version V] [--set KEY=VALUE ...]
                              [--label-groups GROUPS.json]
        --validation      files to calibrate on and choose the escalation threshold from; labels
                          they have that the training data lacks (e.g. CLINC150's oos) are
                          examples the model should escalate; repeat or comma-separate files
        --max-escalation  at most this fraction of known validation examples may escalate
        --holdout         without --validation, hold out this fraction for calibration
        --no-refit        keep the model trained without the holdout (faster)
        --strict          refuse the data if any line is bad (default: report and skip)
        --label-groups    {"label": "group", ...}: labels of one group route alike, so the
                          evaluator rates confusions inside a group minor (default: the
                          text before the first '.' of a label is its group)
        --set KEY=VALUE   override a hyperparameter (see model-workers/TRAINING.md), e.g.
                          --set hidden=128 --set members=2
      """;

  /** Parses {@code args}; throws {@link IllegalArgumentException} naming the bad option. */
  public static TrainOptions parse(String[] args) {
    Stage stage = null;
    Path data = null;
    Path out = null;
    long seed = 42;
    int epochs = 0;
    List<Path> validation = new ArrayList<>();
    double maxEscalation = 0.10;
    double holdout = 0.1;
    boolean refit = true;
    boolean strict = false;
    String name = null;
    String version = null;
    java.util.Map<String, String> overrides = new java.util.TreeMap<>();
    Path labelGroups = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--no-refit" -> refit = false;
        case "--strict" -> strict = true;
        default -> {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException("missing value for " + a);
          }
          String v = args[++i];
          switch (a) {
            case "--stage" -> stage = Stages.parse(v);
            case "--data" -> data = Path.of(v);
            case "--out" -> out = Path.of(v);
            case "--seed" -> seed = parseLong(a, v);
            case "--epochs" -> epochs = (int) parseLong(a, v);
            case "--validation" -> {
              for (String f : v.split(",")) {
                if (!f.isBlank()) {
                  validation.add(Path.of(f.strip()));
                }
              }
            }
            case "--max-escalation" -> maxEscalation = parseFraction(a, v);
            case "--holdout" -> holdout = parseFraction(a, v);
            case "--name" -> name = v;
            case "--version" -> version = v;
            case "--label-groups" -> labelGroups = Path.of(v);
            case "--set" -> {
              int eq = v.indexOf('=');
              if (eq <= 0) {
                throw new IllegalArgumentException("--set expects KEY=VALUE, got '" + v + "'");
              }
              overrides.put(v.substring(0, eq).strip(), v.substring(eq + 1).strip());
            }
            default -> throw new IllegalArgumentException("unknown option " + a);
          }
        }
      }
    }
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
    if (holdout <= 0 || holdout >= 0.5) {
      throw new IllegalArgumentException("--holdout must be in (0, 0.5)");
    }
    return new TrainOptions(
        stage,
        data,
        out,
        seed,
        epochs,
        validation,
        maxEscalation,
        holdout,
        refit,
        strict,
        name == null ? "smallfirst-" + Stages.id(stage) : name,
        version,
        overrides,
        labelGroups);
  }

  private static long parseLong(String option, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " expects an integer, got '" + v + "'");
    }
  }

  private static double parseFraction(String option, String v) {
    try {
      double d = Double.parseDouble(v);
      if (d < 0 || d > 1) {
        throw new IllegalArgumentException(option + " must be between 0 and 1, got " + v);
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " expects a number, got '" + v + "'");
    }
  }
}
