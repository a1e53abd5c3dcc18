package dev.smallfirst.topology.deadline;

import dev.smallfirst.records.Stage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.SlotStatus;
import dev.smallfirst.records.state.StageSlot;
import dev.smallfirst.topology.internal.Effect;
import dev.smallfirst.topology.internal.LocalStores;
import dev.smallfirst.topology.internal.Slots;
import dev.smallfirst.topology.internal.Transition;
import dev.smallfirst.topology.kafka.TopologyMetrics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The deadline step: finds the stages of a message whose deadline passed, has each late one
 * re-requested once (never a late polish: a second frontier call could double the spend) and marks
 * the rest timed out. What happens next (draft without them, route, degrade) is the caller's.
 * Stateless.
 */
public final class DeadlineWatch {
  /** Re-requests a late stage: returns the state with the new attempt's slot, adds its effects. */
  @FunctionalInterface
  public interface ReRequest {
    AggregateState retry(AggregateState state, StageSlot late, Instant now, List<Effect> effects);
  }

  private final StageDeadlines deadlines;

  public DeadlineWatch(StageDeadlines deadlines) {
    this.deadlines = deadlines;
  }

  /**
   * {@link Transition.Ignored} when nothing is due; otherwise the state with late stages
   * re-requested or timed out, the re-requests, and the stages that expired.
   */
  public Transition expire(AggregateState state, Instant now, ReRequest reRequest) {
    List<Effect> effects = new ArrayList<>();
    List<Stage> expired = new ArrayList<>();
    for (StageSlot slot : List.copyOf(state.getSlots())) {
      if (slot.getStatus() != SlotStatus.PENDING || slot.getDeadline().isAfter(now)) {
        continue;
      }
      expired.add(slot.getStage());
      if (slot.getStage() != Stage.POLISH && Slots.mayRetry(slot)) {
        state = reRequest.retry(state, slot, now, effects);
      } else {
        state = Slots.put(state, timedOut(slot));
      }
    }
    if (expired.isEmpty()) {
      return new Transition.Ignored("nothing due");
    }
    return new Transition.Advanced(state, effects, expired);
  }

  /**
   * The wall-clock punctuator over {@code stores}' in-flight messages: each one with a late stage
   * gets {@code tick}, whose transition is carried out. One per processor.
   */
  public static Punctuator punctuator(
      ProcessorContext<String, SpecificRecord> context,
      LocalStores stores,
      BiFunction<AggregateState, Instant, Transition> tick,
      Clock clock,
      TopologyMetrics metrics) {
    return new DeadlinePunctuator(context, stores, tick, clock, metrics);
  }

  /** True when some stage of {@code state} waits past its deadline at {@code now}. */
  static boolean hasDue(AggregateState state, Instant now) {
    return state.getSlots().stream()
        .anyMatch(s -> s.getStatus() == SlotStatus.PENDING && !s.getDeadline().isAfter(now));
  }

  private StageSlot timedOut(StageSlot slot) {
    return StageSlot.newBuilder(slot)
        .setStatus(SlotStatus.TIMED_OUT)
        .setFailure(
            "no answer within "
                + deadlines.forAttempt(slot.getStage(), slot.getAttempt()).toMillis()
                + " ms after "
                + slot.getAttempt()
                + " attempt(s)")
        .build();
  }
}
