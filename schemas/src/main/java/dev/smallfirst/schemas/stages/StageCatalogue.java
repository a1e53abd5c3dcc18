package dev.smallfirst.schemas.stages;

import dev.smallfirst.records.Stage;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every stage of the pipeline, defined once, in pipeline order. Immutable and thread-safe.
 *
 * <pre>{@code
 * for (Stage s : StageCatalogue.fanOutStages()) { ... }           // CLASSIFY, EXTRACT, SENTIMENT
 * StageCatalogue.of(Stage.DRAFT).defaultDeadline();                 // PT5S
 * StageCatalogue.parse("classify");                                 // Stage.CLASSIFY
 * }</pre>
 */
public final class StageCatalogue {
  private static final List<StageSpec> ALL =
      List.of(
          new StageSpec(Stage.CLASSIFY, StageRole.ANALYSIS, Duration.ofSeconds(2), 20, 10),
          new StageSpec(Stage.EXTRACT, StageRole.ANALYSIS, Duration.ofSeconds(2), 20, 60),
          new StageSpec(Stage.SENTIMENT, StageRole.ANALYSIS, Duration.ofSeconds(2), 20, 5),
          new StageSpec(Stage.DRAFT, StageRole.DRAFT, Duration.ofSeconds(5), 20, 180),
          new StageSpec(Stage.POLISH, StageRole.POLISH, Duration.ofSeconds(30), 0, 180));

  private static final Map<Stage, StageSpec> BY_STAGE = index();
  private static final List<Stage> STAGES = ALL.stream().map(StageSpec::stage).toList();
  private static final List<Stage> FAN_OUT = withRole(StageRole.ANALYSIS);
  private static final Set<Stage> SMALL_MODEL =
      Collections.unmodifiableSet(
          EnumSet.copyOf(
              ALL.stream().filter(StageSpec::smallModel).map(StageSpec::stage).toList()));

  private StageCatalogue() {}

  /** Every stage's entry, in pipeline order. */
  public static List<StageSpec> all() {
    return ALL;
  }

  /** Every stage, in pipeline order (never {@link Stage#UNKNOWN}). */
  public static List<Stage> stages() {
    return STAGES;
  }

  /** The entry of {@code stage}; fails for {@link Stage#UNKNOWN}. */
  public static StageSpec of(Stage stage) {
    StageSpec spec = BY_STAGE.get(stage);
    if (spec == null) {
      throw new IllegalArgumentException("no such stage: " + stage + "; stages are " + STAGES);
    }
    return spec;
  }

  /** Stages fanned out when a message arrives, in pipeline order. */
  public static List<Stage> fanOutStages() {
    return FAN_OUT;
  }

  /** Stages served by small-model workers, each with a request and a result topic. */
  public static Set<Stage> smallModelStages() {
    return SMALL_MODEL;
  }

  /** The lower-case id of {@code stage}: {@code Stage.CLASSIFY} is {@code "classify"}. */
  public static String id(Stage stage) {
    return of(stage).id();
  }

  /** The stage whose id is {@code id} (case-insensitive), if any. */
  public static Optional<Stage> find(String id) {
    return ALL.stream().filter(s -> s.id().equalsIgnoreCase(id)).map(StageSpec::stage).findFirst();
  }

  /** The stage whose id is {@code id}; fails with the valid ids when there is none. */
  public static Stage parse(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown stage '"
                        + id
                        + "'; stages are "
                        + ALL.stream().map(StageSpec::id).toList()));
  }

  /**
   * Parses the id of a stage a small model serves ({@code classify|extract|sentiment|draft}, any
   * case), for model manifests and command lines; fails naming the valid ids.
   */
  public static Stage parseSmallModel(String id) {
    return find(id.strip())
        .filter(SMALL_MODEL::contains)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown stage '"
                        + id
                        + "' (expected "
                        + String.join(", ", SMALL_MODEL.stream().map(StageCatalogue::id).toList())
                        + ")"));
  }

  private static List<Stage> withRole(StageRole role) {
    return ALL.stream().filter(s -> s.role() == role).map(StageSpec::stage).toList();
  }

  private static Map<Stage, StageSpec> index() {
    Map<Stage, StageSpec> byStage = new EnumMap<>(Stage.class);
    for (StageSpec spec : ALL) {
      if (byStage.put(spec.stage(), spec) != null) {
        throw new IllegalStateException("stage " + spec.stage() + " is catalogued twice");
      }
    }
    return Collections.unmodifiableMap(byStage);
  }
}
