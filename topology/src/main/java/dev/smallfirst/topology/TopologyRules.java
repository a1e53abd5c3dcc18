package dev.smallfirst.topology;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.cost.CostModel;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.kafka.ExactlyOnceStreams;
import dev.smallfirst.topology.validate.MessageValidator;
import dev.smallfirst.topology.validate.Validation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * What a one-process rival of the topology (the demo's naive baseline) shares with it, so the two
 * are compared on equal terms: the same checks and normalization of an incoming {@link
 * SupportMessage}, the same prices for a reply, the same reply header and the same exactly-once
 * Streams settings. The topology's public entry point for that; its step packages stay internal.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * TopologyRules rules = TopologyRules.defaults();
 * switch (rules.intake(message)) {
 *   case TopologyRules.Intake.Accepted a -> answer(a.text());
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

  private TopologyRules(MessageValidator validator, CostModel costs) {
    this.validator = validator;
    this.costs = costs;
  }

  /** The rules of a topology started with its default settings. */
  public static TopologyRules defaults() {
    return new TopologyRules(
        MessageValidator.of(MAX_BODY_CHARS, MAX_TEXT_CHARS), CostModel.defaults());
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
}
