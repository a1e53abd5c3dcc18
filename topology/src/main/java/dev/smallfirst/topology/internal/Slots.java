package dev.smallfirst.topology.internal;

import dev.smallfirst.records.Classification;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.Extraction;
import dev.smallfirst.records.Sentiment;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.state.AggregateState;
import dev.smallfirst.records.state.SlotStatus;
import dev.smallfirst.records.state.StageSlot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Read and replace helpers over an {@link AggregateState}'s stage slots. Stateless. */
public final class Slots {
  /** A stage is requested at most this many times: once, and once again when late or failed. */
  public static final int MAX_ATTEMPTS = 2;

  private Slots() {}

  public static Optional<StageSlot> find(AggregateState state, Stage stage) {
    return state.getSlots().stream().filter(s -> s.getStage() == stage).findFirst();
  }

  /** {@code state} with {@code slot} replacing the slot of the same stage, or appended. */
  public static AggregateState put(AggregateState state, StageSlot slot) {
    List<StageSlot> slots = new ArrayList<>(state.getSlots().size() + 1);
    boolean replaced = false;
    for (StageSlot s : state.getSlots()) {
      if (s.getStage() == slot.getStage()) {
        slots.add(slot);
        replaced = true;
      } else {
        slots.add(s);
      }
    }
    if (!replaced) {
      slots.add(slot);
    }
    return AggregateState.newBuilder(state).setSlots(slots).build();
  }

  public static boolean resolved(AggregateState state, Stage stage) {
    return find(state, stage).map(s -> s.getStatus() != SlotStatus.PENDING).orElse(false);
  }

  /** True when {@code stage}'s slot exists and is waiting for an answer. */
  public static boolean pending(AggregateState state, Stage stage) {
    return find(state, stage).map(s -> s.getStatus() == SlotStatus.PENDING).orElse(false);
  }

  /** True when {@code slot} may be requested once more. */
  public static boolean mayRetry(StageSlot slot) {
    return slot.getAttempt() < MAX_ATTEMPTS;
  }

  /** Stages that failed or timed out, in slot order. */
  public static Set<Stage> missing(AggregateState state) {
    Set<Stage> missing = new LinkedHashSet<>();
    for (StageSlot s : state.getSlots()) {
      if (s.getStatus() == SlotStatus.FAILED || s.getStatus() == SlotStatus.TIMED_OUT) {
        missing.add(s.getStage());
      }
    }
    return missing;
  }

  public static Optional<Classification> classification(AggregateState state) {
    return outcome(state, Stage.CLASSIFY, Classification.class);
  }

  public static Optional<Extraction> extraction(AggregateState state) {
    return outcome(state, Stage.EXTRACT, Extraction.class);
  }

  public static Optional<Sentiment> sentiment(AggregateState state) {
    return outcome(state, Stage.SENTIMENT, Sentiment.class);
  }

  public static Optional<Draft> draft(AggregateState state) {
    return outcome(state, Stage.DRAFT, Draft.class);
  }

  private static <T> Optional<T> outcome(AggregateState state, Stage stage, Class<T> type) {
    return find(state, stage)
        .filter(s -> s.getStatus() == SlotStatus.DONE && s.getResult() != null)
        .map(s -> s.getResult().getOutcome())
        .filter(type::isInstance)
        .map(type::cast);
  }
}
