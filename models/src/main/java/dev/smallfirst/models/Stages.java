package dev.smallfirst.models;

import dev.smallfirst.records.Stage;
import java.util.List;
import java.util.Locale;

/** The stages a small model can serve, and their lower-case names in files and on command lines. */
public final class Stages {
  /** The stages small models serve, in pipeline order. */
  public static final List<Stage> SMALL_MODEL_STAGES =
      List.of(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT, Stage.DRAFT);

  private Stages() {}

  /** The lower-case name used in manifests and on the command line. */
  public static String id(Stage stage) {
    return stage.name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code classify|extract|sentiment|draft} (any case). */
  public static Stage parse(String s) {
    for (Stage st : SMALL_MODEL_STAGES) {
      if (id(st).equalsIgnoreCase(s.strip())) {
        return st;
      }
    }
    throw new IllegalArgumentException(
        "unknown stage '" + s + "' (expected classify, extract, sentiment or draft)");
  }
}
