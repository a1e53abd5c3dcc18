package dev.smallfirst.topology.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SentimentLabel;
import java.util.Set;

/**
 * One layer of routing rules as written in a policy document: every field is optional (null means
 * "inherit from the layer below"). Layers are merged with {@link #over(RuleSet)}; the fully
 * resolved result is a {@link RoutingRules}.
 *
 * @param escalateCustomerFacing escalate drafts whose audience is the customer
 * @param minIntentConfidence escalate below this intent confidence, in [0,1]
 * @param minDraftConfidence escalate below this draft confidence, in [0,1]
 * @param escalateSentiments escalate messages with one of these sentiments
 * @param escalateTiers escalate messages from customers of these tiers
 * @param alwaysEscalate escalate every message this layer applies to (e.g. an intent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record RuleSet(
    Boolean escalateCustomerFacing,
    Double minIntentConfidence,
    Double minDraftConfidence,
    Set<SentimentLabel> escalateSentiments,
    Set<CustomerTier> escalateTiers,
    Boolean alwaysEscalate) {

  /** A layer that sets nothing. */
  public static final RuleSet EMPTY = new RuleSet(null, null, null, null, null, null);

  public RuleSet {
    escalateSentiments = escalateSentiments == null ? null : Set.copyOf(escalateSentiments);
    escalateTiers = escalateTiers == null ? null : Set.copyOf(escalateTiers);
  }

  /** This layer on top of {@code below}: fields set here win. */
  public RuleSet over(RuleSet below) {
    return new RuleSet(
        escalateCustomerFacing != null ? escalateCustomerFacing : below.escalateCustomerFacing,
        minIntentConfidence != null ? minIntentConfidence : below.minIntentConfidence,
        minDraftConfidence != null ? minDraftConfidence : below.minDraftConfidence,
        escalateSentiments != null ? escalateSentiments : below.escalateSentiments,
        escalateTiers != null ? escalateTiers : below.escalateTiers,
        alwaysEscalate != null ? alwaysEscalate : below.alwaysEscalate);
  }

  /** Resolves every field, taking unset ones from {@link RoutingRules#BUILT_IN}. */
  public RoutingRules resolve() {
    RoutingRules d = RoutingRules.BUILT_IN;
    return new RoutingRules(
        escalateCustomerFacing != null ? escalateCustomerFacing : d.escalateCustomerFacing(),
        minIntentConfidence != null ? minIntentConfidence : d.minIntentConfidence(),
        minDraftConfidence != null ? minDraftConfidence : d.minDraftConfidence(),
        escalateSentiments != null ? escalateSentiments : d.escalateSentiments(),
        escalateTiers != null ? escalateTiers : d.escalateTiers(),
        alwaysEscalate != null ? alwaysEscalate : d.alwaysEscalate());
  }
}
