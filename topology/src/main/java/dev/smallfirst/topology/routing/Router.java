package dev.smallfirst.topology.routing;

import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.Phase;
import dev.smallfirst.records.state.StageSlot;
import dev.smallfirst.topology.fanout.FanOut;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.internal.Effect;
import dev.smallfirst.topology.internal.Slots;
import dev.smallfirst.topology.internal.Transition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The route step: once the draft is in (or given up on), the policy in force decides: the small
 * draft becomes the reply, or the message is escalated to the frontier worker for polish.
 * Thread-safe if the policy supplier is.
 */
public final class Router {
  private final Supplier<PolicyDocument> policy;
  private final FanOut fanOut;
  private final ReplyFactory replies;

  public Router(Supplier<PolicyDocument> policy, FanOut fanOut, ReplyFactory replies) {
    this.policy = policy;
    this.fanOut = fanOut;
    this.replies = replies;
  }

  /** Routes {@code state}'s draft; {@code effects} and {@code expired} come before the decision. */
  public Transition.Advanced route(
      AggregateState state, List<Effect> effects, List<Stage> expired, Instant now) {
    RoutingDecision decision = RoutingPolicy.decide(routingInput(state), policy.get());
    if (decision instanceof RoutingDecision.Escalate escalate) {
      StageSlot polish = fanOut.pending(Stage.POLISH, 1, now);
      AggregateState polishing =
          AggregateState.newBuilder(Slots.put(state, polish))
              .setPhase(Phase.POLISHING)
              .setEscalationReasons(escalate.reasons())
              .build();
      effects.add(new Effect.Escalate(escalation(polishing, polish)));
      return new Transition.Advanced(polishing, effects, expired);
    }
    effects.add(new Effect.Reply(replies.smallOnly(state, now)));
    return new Transition.Advanced(null, effects, expired);
  }

  private static RoutingInput routingInput(AggregateState state) {
    SupportMessage m = state.getMessage();
    Optional<Classification> intent = Slots.classification(state);
    return new RoutingInput(
        m.getTenantId(),
        m.getAudience(),
        m.getCustomer().getTier(),
        intent.map(Classification::getLabel).orElse(null),
        intent.map(Classification::getConfidence).orElse(null),
        Slots.sentiment(state).map(Sentiment::getLabel).orElse(null),
        Slots.sentiment(state).map(Sentiment::getConfidence).orElse(null),
        Slots.draft(state).map(Draft::getConfidence).orElse(null),
        Slots.missing(state));
  }

  private static EscalationRequest escalation(AggregateState state, StageSlot polish) {
    SupportMessage m = state.getMessage();
    return EscalationRequest.newBuilder()
        .setMessage(m)
        .setMessageId(m.getMessageId())
        .setTicketId(m.getTicketId())
        .setTenantId(m.getTenantId())
        .setClassification(Slots.classification(state).orElse(null))
        .setExtraction(Slots.extraction(state).orElse(null))
        .setSentiment(Slots.sentiment(state).orElse(null))
        .setSmallDraft(Slots.draft(state).orElse(null))
        .setReasons(state.getEscalationReasons())
        .setRequestedAt(polish.getRequestedAt())
        .setDeadline(polish.getDeadline())
        .build();
  }
}
