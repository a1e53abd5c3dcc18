package dev.smallfirst.topology.aggregate;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.topology.deadline.StageDeadlines;
import dev.smallfirst.topology.fanout.FanOut;
import dev.smallfirst.topology.finalize.Finalizer;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.internal.Effect;
import dev.smallfirst.topology.internal.Transition;
import dev.smallfirst.topology.routing.PolicyDocument;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * The topology's own steps (fan-out, aggregate, route, finalize) driven in-process for one message
 * at a time: every stage request and every escalation is answered by a direct call instead of a
 * Kafka hop. The same state machine the topology runs, so a caller gets the same requests (the
 * draft's context), the same retry of a retriable failure, the same routing decision with its
 * reasons and the same reply. No deadlines: the calls are synchronous. Thread-safe if the calls
 * are.
 */
public final class InlineAggregate {
  private final FanOut fanOut;
  private final Aggregator aggregator;
  private final Finalizer finalizer;

  /** The steps wired as the topology wires them, with {@code policy} in force. */
  public InlineAggregate(StageDeadlines deadlines, PolicyDocument policy, ReplyFactory replies) {
    this.fanOut = new FanOut(deadlines);
    this.aggregator = new Aggregator(deadlines, () -> policy, replies);
    this.finalizer = new Finalizer(replies);
  }

  /**
   * Answers an accepted {@code message} whose normalized text is {@code text}: each stage request
   * goes to {@code stages}, an escalation to {@code frontier}; returns the reply.
   */
  public DraftedReply answer(
      SupportMessage message,
      String text,
      Function<StageRequest, StageResult> stages,
      Function<EscalationRequest, EscalationResult> frontier,
      Clock clock) {
    Transition.Advanced started = fanOut.start(message, text, clock.instant());
    AggregateState state = started.state();
    Deque<Effect> effects = new ArrayDeque<>(started.effects());
    while (!effects.isEmpty()) {
      Effect effect = effects.poll();
      if (effect instanceof Effect.Reply reply) {
        return reply.reply();
      }
      Transition next =
          switch (effect) {
            case Effect.Request r ->
                aggregator.onStageResult(state, stages.apply(r.request()), clock.instant());
            case Effect.Escalate e ->
                finalizer.onEscalationResult(state, frontier.apply(e.request()), clock.instant());
            case Effect.Reply r -> throw new AssertionError("handled above");
          };
      if (!(next instanceof Transition.Advanced advanced)) {
        throw new IllegalStateException(
            "the aggregate ignored an inline answer for "
                + message.getMessageId()
                + ": "
                + ((Transition.Ignored) next).reason());
      }
      state = advanced.state();
      effects.addAll(advanced.effects());
    }
    throw new IllegalStateException("no reply for " + message.getMessageId());
  }
}
