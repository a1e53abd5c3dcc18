package dev.smallfirst.models;

import java.util.Locale;

/** The pipeline stages a small model can serve; names in files are lower case. */
public enum Stage {
  CLASSIFY,
  EXTRACT,
  SENTIMENT,
  DRAFT;

  /** The lower-case name used in manifests and on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code classify|extract|sentiment|draft} (any case). */
  public static Stage parse(String s) {
    for (Stage st : values()) {
      if (st.id().equalsIgnoreCase(s.strip())) {
        return st;
      }
    }
    throw new IllegalArgumentException(
        "unknown stage '" + s + "' (expected classify, extract, sentiment or draft)");
  }
}
