package dev.smallfirst.topology.routing;

import dev.smallfirst.records.EscalationReason;
import java.util.List;

/** The routing policy's verdict for one message, with its reasons. */
public sealed interface RoutingDecision {

  /** The small draft is good enough: finalize it as the reply. */
  record SmallOnly() implements RoutingDecision {}

  /**
   * The draft goes to the frontier worker for polish.
   *
   * @param reasons why, never empty, in a stable order
   */
  record Escalate(List<EscalationReason> reasons) implements RoutingDecision {
    public Escalate {
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("an escalation needs at least one reason");
      }
      reasons = List.copyOf(reasons);
    }
  }
}
