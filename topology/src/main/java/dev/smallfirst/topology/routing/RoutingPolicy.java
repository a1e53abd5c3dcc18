package dev.smallfirst.topology.routing;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.EscalationReason;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing decision as a pure function of a message's stage outputs and a policy document: same
 * input, same decision, and every escalation carries its reasons.
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
    if (rules.escalateCustomerFacing() && input.audience() == Audience.CUSTOMER) {
      reasons.add(EscalationReason.CUSTOMER_FACING);
    }
    if (!input.missingStages().isEmpty()) {
      reasons.add(EscalationReason.STAGE_MISSING);
    }
    if (input.intentConfidence() != null
        && input.intentConfidence() < rules.minIntentConfidence()) {
      reasons.add(EscalationReason.LOW_INTENT_CONFIDENCE);
    }
    if (input.draftConfidence() != null && input.draftConfidence() < rules.minDraftConfidence()) {
      reasons.add(EscalationReason.LOW_DRAFT_CONFIDENCE);
    }
    if (input.sentiment() != null && rules.escalateSentiments().contains(input.sentiment())) {
      reasons.add(EscalationReason.NEGATIVE_SENTIMENT);
    }
    if (rules.escalateTiers().contains(input.tier())) {
      reasons.add(EscalationReason.CUSTOMER_TIER);
    }
    if (rules.alwaysEscalate()) {
      reasons.add(EscalationReason.INTENT_RULE);
    }
    return reasons.isEmpty()
        ? new RoutingDecision.SmallOnly()
        : new RoutingDecision.Escalate(reasons);
  }
}
