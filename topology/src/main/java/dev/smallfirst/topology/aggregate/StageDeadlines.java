package dev.smallfirst.topology.aggregate;

import dev.smallfirst.records.Stage;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long the topology waits for each stage before it re-requests once and then degrades.
 *
 * @param byStage a positive deadline for each of CLASSIFY, EXTRACT, SENTIMENT, DRAFT, POLISH
 */
public record StageDeadlines(Map<Stage, Duration> byStage) {

  /** Defaults: 2 s per small stage attempt, 5 s for a draft, 30 s for the frontier's polish. */
  public static StageDeadlines defaults() {
    Map<Stage, Duration> d = new EnumMap<>(Stage.class);
    d.put(Stage.CLASSIFY, Duration.ofSeconds(2));
    d.put(Stage.EXTRACT, Duration.ofSeconds(2));
    d.put(Stage.SENTIMENT, Duration.ofSeconds(2));
    d.put(Stage.DRAFT, Duration.ofSeconds(5));
    d.put(Stage.POLISH, Duration.ofSeconds(30));
    return new StageDeadlines(d);
  }

  public StageDeadlines {
    byStage = Map.copyOf(byStage);
    for (Stage stage :
        new Stage[] {Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT, Stage.DRAFT, Stage.POLISH}) {
      Duration d = byStage.get(stage);
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(
            "deadline."
                + stage.name().toLowerCase(java.util.Locale.ROOT)
                + ".ms: must be positive, got "
                + d);
      }
    }
  }

  /** The deadline of {@code stage}. */
  public Duration of(Stage stage) {
    return byStage.get(stage);
  }
}
