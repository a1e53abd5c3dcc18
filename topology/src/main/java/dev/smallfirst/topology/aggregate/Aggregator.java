package dev.smallfirst.topology.aggregate;

import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageFailure;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.Phase;
import dev.smallfirst.records.state.SlotStatus;
import dev.smallfirst.records.state.StageSlot;
import dev.smallfirst.schemas.stages.StageCatalogue;
import dev.smallfirst.topology.deadline.DeadlineWatch;
import dev.smallfirst.topology.deadline.StageDeadlines;
import dev.smallfirst.topology.fanout.FanOut;
import dev.smallfirst.topology.finalize.Finalizer;
import dev.smallfirst.topology.finalize.ReplyFactory;
import dev.smallfirst.topology.internal.Effect;
import dev.smallfirst.topology.internal.Slots;
import dev.smallfirst.topology.internal.Transition;
import dev.smallfirst.topology.routing.PolicyDocument;
import dev.smallfirst.topology.routing.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The aggregate step of one message, as a pure state machine: it gathers the workers' results,
 * re-requests a retriable failure once, asks for the draft when every fan-out stage has answered
 * (or given up), and hands the draft to the {@link Router}. On a wall-clock tick it lets the {@link
 * DeadlineWatch} expire late stages and carries on without them. No I/O: the processors persist the
 * returned state and send the returned effects. Thread-safe if the policy supplier is.
 */
final class Aggregator {
  private final FanOut fanOut;
  private final DeadlineWatch deadlines;
  private final Router router;
  private final Finalizer finalizer;

  /** The steps wired together: fan-out and deadlines from {@code deadlines}, routing by policy. */
  Aggregator(StageDeadlines deadlines, Supplier<PolicyDocument> policy, ReplyFactory replies) {
    this.fanOut = new FanOut(deadlines);
    this.deadlines = new DeadlineWatch(deadlines);
    this.router = new Router(policy, fanOut, replies);
    this.finalizer = new Finalizer(replies);
  }

  /** {@link #onStageResult} for {@code result}, as the step of its message's in-flight state. */
  BiFunction<AggregateState, Instant, Transition> stepOn(StageResult result) {
    return (state, now) -> onStageResult(state, result, now);
  }

  /**
   * A worker answered. Duplicates, results for stages not awaited, and failures of an attempt that
   * was already retried are ignored: a worker that writes at least once may repeat any of them.
   */
  Transition onStageResult(AggregateState state, StageResult result, Instant now) {
    Optional<StageSlot> found = Slots.find(state, result.getStage());
    if (found.isEmpty() || found.get().getStatus() != SlotStatus.PENDING) {
      return new Transition.Ignored(
          result.getStage()
              + " result for "
              + result.getMessageId()
              + (found.isEmpty() ? " was not requested" : " is a duplicate or late"));
    }
    StageSlot slot = found.get();
    if (result.getOutcome() instanceof StageFailure && result.getAttempt() < slot.getAttempt()) {
      return new Transition.Ignored(
          result.getStage()
              + " failure of attempt "
              + result.getAttempt()
              + " for "
              + result.getMessageId()
              + " came after attempt "
              + slot.getAttempt()
              + " was requested");
    }
    List<Effect> effects = new ArrayList<>();
    if (result.getOutcome() instanceof StageFailure failure) {
      if (failure.getRetriable() && Slots.mayRetry(slot)) {
        state = fanOut.retry(state, slot, now, effects);
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

  /** Wall-clock tick: re-request late stages once, then give up on them and degrade. */
  Transition onTick(AggregateState state, Instant now) {
    Transition expiry = deadlines.expire(state, now, fanOut::retry);
    if (!(expiry instanceof Transition.Advanced expired)) {
      return expiry;
    }
    if (Finalizer.polishTimedOut(expired.state())) {
      return finalizer.onPolishTimedOut(expired.state(), expired.expired(), now);
    }
    return advance(expired.state(), new ArrayList<>(expired.effects()), expired.expired(), now);
  }

  private Transition advance(
      AggregateState state, List<Effect> effects, List<Stage> expired, Instant now) {
    if (state.getPhase() == Phase.GATHERING
        && StageCatalogue.fanOutStages().stream().allMatch(s -> Slots.resolved(state, s))) {
      AggregateState drafting =
          AggregateState.newBuilder(fanOut.request(state, Stage.DRAFT, 1, now, effects))
              .setPhase(Phase.DRAFTING)
              .build();
      return new Transition.Advanced(drafting, effects, expired);
    }
    if (state.getPhase() == Phase.DRAFTING && Slots.resolved(state, Stage.DRAFT)) {
      return router.route(state, effects, expired, now);
    }
    return new Transition.Advanced(state, effects, expired);
  }
}
