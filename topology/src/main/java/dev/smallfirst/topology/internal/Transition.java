package dev.smallfirst.topology.internal;

import dev.smallfirst.records.Stage;
import dev.smallfirst.records.state.AggregateState;
import java.util.List;

/** What an event did to an in-flight message. */
public sealed interface Transition {

  /**
   * The event changed nothing (a duplicate, late or unexpected input).
   *
   * @param reason why, for logs and metrics
   */
  record Ignored(String reason) implements Transition {}

  /**
   * The event moved the message on.
   *
   * @param state the new state, or null when the message is answered and leaves the store
   * @param effects what to send, in order
   * @param expired stages whose deadline passed in this transition (for metrics)
   */
  record Advanced(AggregateState state, List<Effect> effects, List<Stage> expired)
      implements Transition {
    public Advanced {
      effects = List.copyOf(effects);
      expired = List.copyOf(expired);
    }

    /** True when the message was answered and its state must be removed. */
    public boolean finished() {
      return state == null;
    }
  }
}
