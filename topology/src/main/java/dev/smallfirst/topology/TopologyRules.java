package dev.smallfirst.topology;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.aggregate.InlineAggregate;
import dev.smallfirst.topology.cost.CostModel;
import dev.smallfirst.topology.deadline.StageDeadlines;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.kafka.ExactlyOnceStreams;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.validate.MessageValidator;
import dev.smallfirst.topology.validate.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What a one-process rival of the topology (the demo's naive baseline) shares with it, so the two
 * are compared on equal terms: the same checks and normalization of an incoming {@link
 * SupportMessage}, the same routing policy (loaded from the same settings), the same aggregate,
 * route and finalize steps ({@link #answer}), the same prices for a reply and the same exactly-once
 * Streams settings. The topology's public entry point for that; its step packages stay internal.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * TopologyRules rules = TopologyRules.of(settings); // the topology's settings
 * switch (rules.intake(message)) {
 *   case TopologyRules.Intake.Accepted a ->
 *       rules.answer(message, a.text(), stages, frontier, clock);
 *   case TopologyRules.Intake.Rejected r -> reject(r.reason());
 *   case TopologyRules.Intake.Unusable u -> throw new IllegalArgumentException(u.reason());
 * }
 * }</pre>
 */
public final class TopologyRules {
  /** The topology's default limit on a message body ({@code body.max.chars}). */
  public static final int MAX_BODY_CHARS = 20_000;

  /** The topology's default limit on the models' text ({@code text.max.chars}). */
  public static final int MAX_TEXT_CHARS = 2_000;

  private final MessageValidator validator;
  private final CostModel costs;
  private final PolicyDocument policy;
  private final ReplyFactory replies;
  private final InlineAggregate aggregate;

  private TopologyRules(
      MessageValidator validator,
      CostModel costs,
      PolicyDocument policy,
      StageDeadlines deadlines,
      String holdingReply) {
    this.validator = validator;
    this.costs = costs;
    this.policy = policy;
    this.replies = new ReplyFactory(costs, holdingReply);
    this.aggregate = new InlineAggregate(deadlines, policy, replies);
  }

  /**
   * The rules of a topology started with its default settings and the built-in routing policy
   * (minimum confidences of 0.5; a deployment takes its policy from its models, see {@link #of}).
   */
  public static TopologyRules defaults() {
    return new TopologyRules(
        MessageValidator.of(MAX_BODY_CHARS, MAX_TEXT_CHARS),
        CostModel.defaults(),
        PolicyDocument.BUILT_IN,
        StageDeadlines.defaults(),
        TopologySettings.DEFAULT_HOLDING_REPLY);
  }

  /**
   * The rules of a topology started with {@code settings}: its limits, prices, deadlines, holding
   * reply and start-up routing policy ({@code policy.file}, else generated from {@code
   * policy.models}, read exactly as the topology reads it).
   *
   * @throws dev.smallfirst.runtime.config.ConfigException naming the policy key when the policy is
   *     missing or invalid
   */
  public static TopologyRules of(TopologySettings settings) throws IOException {
    return new TopologyRules(
        MessageValidator.of(settings.maxBodyChars(), settings.maxTextChars()),
        settings.costs(),
        TopologyApp.initialPolicy(settings),
        settings.deadlines(),
        settings.holdingReply());
  }

  /** The routing policy these rules route by. */
  public PolicyDocument policy() {
    return policy;
  }

  /** The verdict on an incoming message, as the topology's validate step judges it. */
  public sealed interface Intake {
    /** Good to answer; {@code text} is what the models see. */
    record Accepted(String text) implements Intake {}

    /** Identifiable but unusable: the topology answers it with a REJECTED reply. */
    record Rejected(String reason) implements Intake {}

    /** Not even identifiable (no message or ticket id): the topology dead-letters it. */
    record Unusable(String reason) implements Intake {}
  }

  /** Judges {@code message} and normalizes its text. */
  public Intake intake(SupportMessage message) {
    return switch (validator.validate(message)) {
      case Validation.Valid v -> new Intake.Accepted(v.text());
      case Validation.Rejected r -> new Intake.Rejected(r.reason());
      case Validation.Unusable u -> new Intake.Unusable(u.reason());
    };
  }

  /**
   * Answers an accepted {@code message} (its normalized text from {@link #intake}) through the
   * topology's own fan-out, aggregate, route and finalize steps: each stage request goes to {@code
   * stages}, an escalation to {@code frontier}, one call at a time; returns the reply the topology
   * would send for the same answers.
   */
  public DraftedReply answer(
      SupportMessage message,
      String text,
      Function<StageRequest, StageResult> stages,
      Function<EscalationRequest, EscalationResult> frontier,
      Clock clock) {
    return aggregate.answer(message, text, stages, frontier, clock);
  }

  /** The REJECTED reply the topology sends for an identifiable but unusable message. */
  public DraftedReply rejected(SupportMessage message, String reason, Instant now) {
    return replies.rejected(message, reason, now);
  }

  /** What {@code calls} small-model stage calls cost, in micro-dollars. */
  public long smallCallsMicros(int calls) {
    return costs.smallCalls(calls);
  }

  /** What sending every stage of a {@code textChars}-character text to the frontier would cost. */
  public long allFrontierMicros(int textChars) {
    return costs.allFrontier(textChars);
  }

  /**
   * A reply to {@code message} with its ids, text, route, latency and times set and both costs
   * zero, as every reply of the topology starts.
   */
  public DraftedReply.Builder reply(SupportMessage message, String text, Route route, Instant now) {
    return ReplyFactory.header(message, text, route, now);
  }

  /**
   * The Streams settings the topology runs with: exactly-once v2, its commit interval and the
   * dead-lettering exception handlers writing to {@code deadLetterTopic}; callers add their own.
   */
  public static Properties exactlyOnceStreams(
      String applicationId, String bootstrapServers, Path stateDir, String deadLetterTopic) {
    return ExactlyOnceStreams.properties(
        applicationId, bootstrapServers, stateDir, deadLetterTopic);
  }

  /**
   * The Streams settings a topology started with {@code settings} runs with (exactly-once v2, its
   * {@code commit.interval.ms}, threads, replication, registry and every {@code kafka.*} override),
   * with {@code applicationId} and {@code stateDir} instead of its own; callers add their own.
   */
  public static Properties streamsProperties(
      TopologySettings settings, String applicationId, Path stateDir) {
    Properties p = TopologyApp.streamsProperties(settings, null);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    return p;
  }

  /** The commit interval, in milliseconds, of a topology started with {@code settings}. */
  public static long commitIntervalMillis(TopologySettings settings) {
    return Long.parseLong(
        String.valueOf(
            TopologyApp.streamsProperties(settings, null)
                .get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)));
  }
}
