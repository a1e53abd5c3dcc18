package dev.smallfirst.topology.aggregate;

import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageFailure;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.Phase;
import dev.smallfirst.records.state.SlotStatus;
import dev.smallfirst.records.state.StageSlot;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.RoutingDecision;
import dev.smallfirst.topology.routing.RoutingInput;
import dev.smallfirst.topology.routing.RoutingPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The life of one message as a pure state machine: fan out to classify, extract and sentiment; when
 * all three have answered (or given up), ask for the draft; route it by policy; finalize or
 * escalate; enforce deadlines by re-requesting once and then degrading. No I/O: the topology's
 * processors persist the returned state and send the returned effects. Thread-safe if the policy
 * supplier is.
 */
public final class Aggregator {
  /** Stages fanned out when a message arrives. */
  public static final List<Stage> FIRST_STAGES = StageCatalogue.fanOutStages();

  private static final int MAX_ATTEMPTS = 2;

  private final StageDeadlines deadlines;
  private final Supplier<PolicyDocument> policy;
  private final ReplyFactory replies;

  public Aggregator(
      StageDeadlines deadlines, Supplier<PolicyDocument> policy, ReplyFactory replies) {
    this.deadlines = deadlines;
    this.policy = policy;
    this.replies = replies;
  }

  /** A valid message arrives: request the first three stages. */
  public Transition.Advanced start(SupportMessage message, String text, Instant now) {
    List<StageSlot> slots = new ArrayList<>();
    List<Effect> effects = new ArrayList<>();
    AggregateState state =
        AggregateState.newBuilder()
            .setMessage(message)
            .setText(text)
            .setStartedAt(now)
            .setPhase(Phase.GATHERING)
            .setSlots(slots)
            .build();
    for (Stage stage : FIRST_STAGES) {
      StageSlot slot = pending(stage, 1, now);
      state = Slots.put(state, slot);
      effects.add(new Effect.Request(request(state, slot, null)));
    }
    return new Transition.Advanced(state, effects, List.of());
  }

  /** A worker answered. Duplicates and results for stages not awaited are ignored. */
  public Transition onStageResult(AggregateState state, StageResult result, Instant now) {
    Optional<StageSlot> found = Slots.find(state, result.getStage());
    if (found.isEmpty() || found.get().getStatus() != SlotStatus.PENDING) {
      return new Transition.Ignored(
          result.getStage()
              + " result for "
              + result.getMessageId()
              + (found.isEmpty() ? " was not requested" : " is a duplicate or late"));
    }
    StageSlot slot = found.get();
    List<Effect> effects = new ArrayList<>();
    if (result.getOutcome() instanceof StageFailure failure) {
      if (failure.getRetriable() && slot.getAttempt() < MAX_ATTEMPTS) {
        StageSlot retry = pending(slot.getStage(), slot.getAttempt() + 1, now);
        state = Slots.put(state, retry);
        effects.add(new Effect.Request(request(state, retry, draftContext(state))));
        return new Transition.Advanced(state, effects, List.of());
      }
      state =
          Slots.put(
              state,
              StageSlot.newBuilder(slot)
                  .setStatus(SlotStatus.FAILED)
                  .setResult(result)
                  .setFailure(failure.getCode() + ": " + failure.getMessage())
                  .build());
    } else {
      state =
          Slots.put(
              state,
              StageSlot.newBuilder(slot).setStatus(SlotStatus.DONE).setResult(result).build());
    }
    return advance(state, effects, List.of(), now);
  }

  /** The frontier worker answered the escalation. */
  public Transition onEscalationResult(AggregateState state, EscalationResult result, Instant now) {
    Optional<StageSlot> polish = Slots.find(state, Stage.POLISH);
    if (polish.isEmpty() || polish.get().getStatus() != SlotStatus.PENDING) {
      return new Transition.Ignored(
          "escalation result for "
              + result.getMessageId()
              + " is a duplicate or was not requested");
    }
    state =
        Slots.put(
            state,
            StageSlot.newBuilder(polish.get())
                .setStatus(SlotStatus.DONE)
                .setEscalation(result)
                .build());
    return new Transition.Advanced(
        null, List.of(new Effect.Reply(replies.afterPolish(state, result, now))), List.of());
  }

  /** Wall-clock tick: re-request late stages once, then give up on them and degrade. */
  public Transition onTick(AggregateState state, Instant now) {
    List<Effect> effects = new ArrayList<>();
    List<Stage> expired = new ArrayList<>();
    boolean changed = false;
    for (StageSlot slot : List.copyOf(state.getSlots())) {
      if (slot.getStatus() != SlotStatus.PENDING || slot.getDeadline().isAfter(now)) {
        continue;
      }
      changed = true;
      expired.add(slot.getStage());
      // A late polish is not re-requested: a second frontier call could double the spend.
      if (slot.getStage() != Stage.POLISH && slot.getAttempt() < MAX_ATTEMPTS) {
        StageSlot retry = pending(slot.getStage(), slot.getAttempt() + 1, now);
        state = Slots.put(state, retry);
        effects.add(
            new Effect.Request(
                request(
                    state, retry, slot.getStage() == Stage.DRAFT ? draftContext(state) : null)));
      } else {
        state =
            Slots.put(
                state,
                StageSlot.newBuilder(slot)
                    .setStatus(SlotStatus.TIMED_OUT)
                    .setFailure(
                        "no answer within "
                            + deadlines.of(slot.getStage()).toMillis()
                            + " ms after "
                            + slot.getAttempt()
                            + " attempt(s)")
                    .build());
      }
    }
    if (!changed) {
      return new Transition.Ignored("nothing due");
    }
    if (Slots.find(state, Stage.POLISH)
        .map(s -> s.getStatus() == SlotStatus.TIMED_OUT)
        .orElse(false)) {
      return new Transition.Advanced(
          null, List.of(new Effect.Reply(replies.polishTimedOut(state, now))), expired);
    }
    return advance(state, effects, expired, now);
  }

  private Transition advance(
      AggregateState state, List<Effect> effects, List<Stage> expired, Instant now) {
    if (state.getPhase() == Phase.GATHERING
        && FIRST_STAGES.stream().allMatch(s -> Slots.resolved(state, s))) {
      StageSlot draft = pending(Stage.DRAFT, 1, now);
      AggregateState drafting =
          AggregateState.newBuilder(Slots.put(state, draft)).setPhase(Phase.DRAFTING).build();
      effects.add(new Effect.Request(request(drafting, draft, draftContext(drafting))));
      return new Transition.Advanced(drafting, effects, expired);
    }
    if (state.getPhase() == Phase.DRAFTING && Slots.resolved(state, Stage.DRAFT)) {
      return route(state, effects, expired, now);
    }
    return new Transition.Advanced(state, effects, expired);
  }

  private Transition route(
      AggregateState state, List<Effect> effects, List<Stage> expired, Instant now) {
    RoutingDecision decision = RoutingPolicy.decide(routingInput(state), policy.get());
    if (decision instanceof RoutingDecision.Escalate escalate) {
      StageSlot polish = pending(Stage.POLISH, 1, now);
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
        Slots.draft(state).map(Draft::getConfidence).orElse(null),
        Slots.missing(state));
  }

  private StageSlot pending(Stage stage, int attempt, Instant now) {
    return StageSlot.newBuilder()
        .setStage(stage)
        .setStatus(SlotStatus.PENDING)
        .setAttempt(attempt)
        .setRequestedAt(now)
        .setDeadline(now.plus(deadlines.of(stage)))
        .setResult(null)
        .setEscalation(null)
        .setFailure(null)
        .build();
  }

  private static StageRequest request(AggregateState state, StageSlot slot, DraftContext context) {
    SupportMessage m = state.getMessage();
    return StageRequest.newBuilder()
        .setMessageId(m.getMessageId())
        .setTicketId(m.getTicketId())
        .setTenantId(m.getTenantId())
        .setStage(slot.getStage())
        .setText(state.getText())
        .setContext(slot.getStage() == Stage.DRAFT ? context : null)
        .setAttempt(slot.getAttempt())
        .setRequestedAt(slot.getRequestedAt())
        .setDeadline(slot.getDeadline())
        .build();
  }

  private static DraftContext draftContext(AggregateState state) {
    Optional<Classification> intent = Slots.classification(state);
    return DraftContext.newBuilder()
        .setIntent(intent.map(Classification::getLabel).orElse(null))
        .setIntentConfidence(intent.map(Classification::getConfidence).orElse(null))
        .setEntities(Slots.extraction(state).map(e -> e.getEntities()).orElse(List.of()))
        .setSentiment(Slots.sentiment(state).map(Sentiment::getLabel).orElse(null))
        .setChannel(state.getMessage().getChannel().name())
        .setMissingStages(List.copyOf(Slots.missing(state)))
        .build();
  }

  private static EscalationRequest escalation(AggregateState state, StageSlot polish) {
    SupportMessage m = state.getMessage();
    return EscalationRequest.newBuilder()
        .setMessageId(m.getMessageId())
        .setTicketId(m.getTicketId())
        .setTenantId(m.getTenantId())
        .setMessage(m)
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
