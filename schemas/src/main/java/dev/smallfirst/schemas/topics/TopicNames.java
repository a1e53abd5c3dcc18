package dev.smallfirst.schemas.topics;

import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every topic name of the pipeline, derived from one optional prefix (e.g. {@code acme.} gives
 * {@code acme.support.messages}). Immutable; build it once from settings and pass it around.
 *
 * <pre>{@code
 * TopicNames topics = TopicNames.withPrefix("acme.");
 * topics.stageRequests(Stage.CLASSIFY); // "acme.stage.classify.requests"
 * }</pre>
 *
 * @param prefix prepended to every name; empty for none
 */
public record TopicNames(String prefix) {
  /** The settings key deployables read the prefix from. */
  public static final String PREFIX_KEY = "topic.prefix";

  /**
   * Stages served by small-model workers, each with a request and a result topic, in stage order.
   * Unmodifiable; derived from {@link StageCatalogue#smallModelStages()}.
   */
  public static final Set<Stage> WORKER_STAGES = StageCatalogue.smallModelStages();

  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");
  private static final int LONGEST_SUFFIX = "support.escalations.results".length();
  private static final int KAFKA_MAX_TOPIC_LENGTH = 249;

  public TopicNames {
    if (prefix == null) {
      throw new IllegalArgumentException(PREFIX_KEY + ": must not be null (use \"\" for none)");
    }
    if (!LEGAL.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          PREFIX_KEY
              + ": '"
              + prefix
              + "' has characters Kafka topic names forbid (allowed: a-z A-Z 0-9 . _ -)");
    }
    if (prefix.length() + LONGEST_SUFFIX > KAFKA_MAX_TOPIC_LENGTH) {
      throw new IllegalArgumentException(
          PREFIX_KEY
              + ": too long; topic names must stay within "
              + KAFKA_MAX_TOPIC_LENGTH
              + " characters");
    }
  }

  /** Names without a prefix. */
  public static TopicNames unprefixed() {
    return new TopicNames("");
  }

  /** Names with {@code prefix} in front. */
  public static TopicNames withPrefix(String prefix) {
    return new TopicNames(prefix);
  }

  /** Support platforms produce {@code SupportMessage}s here. */
  public String messages() {
    return prefix + "support.messages";
  }

  /** {@code DeadLetter}s: every record that could not be processed. */
  public String deadLetters() {
    return prefix + "support.dlq";
  }

  /** {@code DraftedReply}s: the product, consumed by agents. */
  public String replies() {
    return prefix + "support.replies";
  }

  /** {@code EscalationRequest}s for the frontier worker. */
  public String escalations() {
    return prefix + "support.escalations";
  }

  /** {@code EscalationResult}s from the frontier worker. */
  public String escalationResults() {
    return prefix + "support.escalations.results";
  }

  /** The compacted routing-policy topic. */
  public String policy() {
    return prefix + "support.policy";
  }

  /** {@code StageRequest}s for a worker stage, e.g. {@code stage.classify.requests}. */
  public String stageRequests(Stage stage) {
    return stageTopic(stage, "requests");
  }

  /** {@code StageResult}s from a worker stage, e.g. {@code stage.classify.results}. */
  public String stageResults(Stage stage) {
    return stageTopic(stage, "results");
  }

  /** Every name above, the per-stage ones in stage order. */
  public List<String> all() {
    List<String> names =
        new ArrayList<>(
            List.of(
                messages(),
                deadLetters(),
                replies(),
                escalations(),
                escalationResults(),
                policy()));
    for (Stage stage : WORKER_STAGES) {
      names.add(stageRequests(stage));
      names.add(stageResults(stage));
    }
    return List.copyOf(names);
  }

  private String stageTopic(Stage stage, String direction) {
    if (!WORKER_STAGES.contains(stage)) {
      throw new IllegalArgumentException(
          "no worker topic for stage " + stage + "; worker stages are " + WORKER_STAGES);
    }
    return prefix + "stage." + StageCatalogue.id(stage) + "." + direction;
  }
}
