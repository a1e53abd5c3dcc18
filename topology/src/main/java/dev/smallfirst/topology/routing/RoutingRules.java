package dev.smallfirst.topology.routing;

import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SentimentLabel;
import java.util.Set;

/**
 * The routing rules in force for one tenant and intent, every field resolved. Immutable.
 *
 * @param escalateCustomerFacing escalate drafts whose audience is the customer
 * @param minIntentConfidence escalate below this intent confidence, in [0,1]
 * @param minDraftConfidence escalate below this draft confidence, in [0,1]
 * @param escalateSentiments escalate messages with one of these sentiments
 * @param escalateTiers escalate messages from customers of these tiers
 * @param alwaysEscalate escalate every message these rules apply to
 */
public record RoutingRules(
    boolean escalateCustomerFacing,
    double minIntentConfidence,
    double minDraftConfidence,
    Set<SentimentLabel> escalateSentiments,
    Set<CustomerTier> escalateTiers,
    boolean alwaysEscalate) {

  /**
   * What applies where a policy document says nothing: customer-facing replies are polished, and
   * confidences below 0.5 escalate. Negative sentiment and tiers escalate only when configured.
   */
  public static final RoutingRules BUILT_IN =
      new RoutingRules(true, 0.5, 0.5, Set.of(), Set.of(), false);

  public RoutingRules {
    escalateSentiments = Set.copyOf(escalateSentiments);
    escalateTiers = Set.copyOf(escalateTiers);
  }
}
