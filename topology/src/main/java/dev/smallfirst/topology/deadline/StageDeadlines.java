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
 * @param byStage a positive deadline for each stage of the {@link StageCatalogue}: how long its
 *     first attempt may take
 * @param retryFactor how many times longer the second attempt may take than the first. A late first
 *     attempt usually means the stage's worker is down or restarting (a SIGKILLed draft worker is
 *     back with its partitions after about 17 s), not that the stage is slow: a second attempt as
 *     short as the first would degrade every message the restart overlaps.
 */
public record StageDeadlines(Map<Stage, Duration> byStage, int retryFactor) {
  /** The setting of {@link #retryFactor}. */
  public static final String RETRY_FACTOR_KEY = "deadline.retry.factor";

  /** The default {@link #retryFactor}. */
  public static final int DEFAULT_RETRY_FACTOR = 3;

  /**
   * The catalogue's defaults: 2 s per small stage attempt, 5 s for a draft, 30 s for the frontier's
   * polish; a second attempt may take 3 times as long.
   */
  public static StageDeadlines defaults() {
    Map<Stage, Duration> d = new EnumMap<>(Stage.class);
    StageCatalogue.all().forEach(s -> d.put(s.stage(), s.defaultDeadline()));
    return new StageDeadlines(d);
  }

  /** {@code byStage} with the default retry factor. */
  public StageDeadlines(Map<Stage, Duration> byStage) {
    this(byStage, DEFAULT_RETRY_FACTOR);
  }

  public StageDeadlines {
    if (retryFactor < 1) {
      throw new IllegalArgumentException(
          RETRY_FACTOR_KEY + ": must be at least 1, got " + retryFactor);
    }
    byStage = Map.copyOf(byStage);
    for (StageSpec spec : StageCatalogue.all()) {
      Duration d = byStage.get(spec.stage());
      if (d == null || d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(
            "deadline." + spec.id() + ".ms: must be positive, got " + d);
      }
    }
  }

  /** The deadline of {@code stage}'s first attempt. */
  public Duration of(Stage stage) {
    return byStage.get(stage);
  }

  /** How long attempt {@code attempt} (1 or more) of {@code stage} may take. */
  public Duration forAttempt(Stage stage, int attempt) {
    return attempt <= 1 ? of(stage) : of(stage).multipliedBy(retryFactor);
  }
}
