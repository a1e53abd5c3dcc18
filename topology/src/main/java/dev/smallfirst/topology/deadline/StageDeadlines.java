package dev.smallfirst.topology.deadline;

import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.schemas.stages.StageSpec;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long the topology waits for each stage before it re-requests once and then degrades.
 *
 * @param byStage a positive deadline for each stage of the {@link StageCatalogue}
 */
public record StageDeadlines(Map<Stage, Duration> byStage) {

  /**
   * The catalogue's defaults: 2 s per small stage attempt, 5 s for a draft, 30 s for the frontier's
   * polish.
   */
  public static StageDeadlines defaults() {
    Map<Stage, Duration> d = new EnumMap<>(Stage.class);
    StageCatalogue.all().forEach(s -> d.put(s.stage(), s.defaultDeadline()));
    return new StageDeadlines(d);
  }

  public StageDeadlines {
    byStage = Map.copyOf(byStage);
    for (StageSpec spec : StageCatalogue.all()) {
      Duration d = byStage.get(spec.stage());
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(
            "deadline." + spec.id() + ".ms: must be positive, got " + d);
      }
    }
  }

  /** The deadline of {@code stage}. */
  public Duration of(Stage stage) {
    return byStage.get(stage);
  }
}
