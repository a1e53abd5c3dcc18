package dev.smallfirst.topology.routing;

import dev.smallfirst.records.EscalationReason;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing decision as a pure function of a message's stage outputs and a policy document: same
 * input, same decision, and every escalation carries its reasons, one per {@link Rule} that fires,
 * in rule order.
 *
 * <pre>{@code
 * RoutingDecision d = RoutingPolicy.decide(input, policy);
 * if (d instanceof RoutingDecision.Escalate e) { ... e.reasons() ... }
 * }</pre>
 */
public final class RoutingPolicy {
  private RoutingPolicy() {}

  /** Decides whether {@code input}'s small draft is the reply or must be polished. */
  public static RoutingDecision decide(RoutingInput input, PolicyDocument policy) {
    RoutingRules rules = policy.rulesFor(input.tenantId(), input.intent());
    List<EscalationReason> reasons = new ArrayList<>();
    for (Rule<?> rule : Rules.ALL) {
      if (rules.escalates(rule, input)) {
        reasons.add(rule.reason());
      }
    }
    return reasons.isEmpty()
        ? new RoutingDecision.SmallOnly()
        : new RoutingDecision.Escalate(reasons);
  }
}
