package dev.smallfirst.topology.finalize;

import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationResult;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.SlotStatus;
import dev.smallfirst.records.state.StageSlot;
import dev.smallfirst.topology.internal.Effect;
import dev.smallfirst.topology.internal.Slots;
import dev.smallfirst.topology.internal.Transition;
import java.time.Instant;
import java.util.List;

/**
 * The finalize step of an escalated message: the frontier's answer, or its absence, becomes the
 * reply and the message leaves the store. Stateless.
 */
public final class Finalizer {
  private final ReplyFactory replies;

  public Finalizer(ReplyFactory replies) {
    this.replies = replies;
  }

  /** The frontier worker answered the escalation; a duplicate or unrequested answer is ignored. */
  public Transition onEscalationResult(AggregateState state, EscalationResult result, Instant now) {
    if (!Slots.pending(state, Stage.POLISH)) {
      return new Transition.Ignored(
          "escalation result for "
              + result.getMessageId()
              + " is a duplicate or was not requested");
    }
    state =
        Slots.put(
            state,
            StageSlot.newBuilder(Slots.find(state, Stage.POLISH).orElseThrow())
                .setStatus(SlotStatus.DONE)
                .setEscalation(result)
                .build());
    return finished(replies.afterPolish(state, result, now), List.of());
  }

  /** True when {@code state}'s polish timed out: the message must be answered without it. */
  public static boolean polishTimedOut(AggregateState state) {
    return Slots.find(state, Stage.POLISH)
        .map(s -> s.getStatus() == SlotStatus.TIMED_OUT)
        .orElse(false);
  }

  /** The frontier never answered: reply with the small draft (or a holding reply), flagged. */
  public Transition.Advanced onPolishTimedOut(
      AggregateState state, List<Stage> expired, Instant now) {
    return finished(replies.polishTimedOut(state, now), expired);
  }

  private static Transition.Advanced finished(DraftedReply reply, List<Stage> expired) {
    return new Transition.Advanced(null, List.of(new Effect.Reply(reply)), expired);
  }
}
