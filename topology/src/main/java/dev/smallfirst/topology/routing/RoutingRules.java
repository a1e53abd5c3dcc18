package dev.smallfirst.topology.routing;

import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SentimentLabel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The routing rules in force for one tenant and intent, every {@link Rule} resolved to a value.
 * Immutable.
 */
public final class RoutingRules extends RuleValues {
  /** What applies where a policy document says nothing: each rule's built-in value. */
  public static final RoutingRules BUILT_IN = builtIn();

  private RoutingRules(Map<Rule<?>, Object> values) {
    super(values);
  }

  /** True when {@code rule}, with its value here, escalates {@code input}. */
  <T> boolean escalates(Rule<T> rule, RoutingInput input) {
    return rule.escalates(input, get(rule));
  }

  /** These rules with {@code overrides} replacing their values. */
  RoutingRules with(Map<Rule<?>, Object> overrides) {
    Map<Rule<?>, Object> merged = new HashMap<>(values());
    merged.putAll(overrides);
    return new RoutingRules(merged);
  }

  /** Escalate drafts whose audience is the customer. */
  public boolean escalateCustomerFacing() {
    return get(Rules.CUSTOMER_FACING);
  }

  /** Escalate below this intent confidence, in [0,1]. */
  public double minIntentConfidence() {
    return get(Rules.MIN_INTENT_CONFIDENCE);
  }

  /** Escalate below this draft confidence, in [0,1]. */
  public double minDraftConfidence() {
    return get(Rules.MIN_DRAFT_CONFIDENCE);
  }

  /** Escalate below this sentiment confidence, in [0,1] (0: never, unless a policy sets it). */
  public double minSentimentConfidence() {
    return get(Rules.MIN_SENTIMENT_CONFIDENCE);
  }

  /** Escalate messages with one of these sentiments. */
  public Set<SentimentLabel> escalateSentiments() {
    return get(Rules.SENTIMENTS);
  }

  /** Escalate messages from customers of these tiers. */
  public Set<CustomerTier> escalateTiers() {
    return get(Rules.TIERS);
  }

  /** Escalate every message these rules apply to. */
  public boolean alwaysEscalate() {
    return get(Rules.ALWAYS);
  }

  private static RoutingRules builtIn() {
    Map<Rule<?>, Object> values = new HashMap<>();
    Rules.ALL.forEach(rule -> values.put(rule, rule.builtIn()));
    return new RoutingRules(values);
  }
}
