package dev.smallfirst.topology.routing;

import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SentimentLabel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The routing rules in force for one tenant and intent, every {@link Rule} resolved to a value.
 * Immutable.
 */
public final class RoutingRules {
  /** What applies where a policy document says nothing: each rule's built-in value. */
  public static final RoutingRules BUILT_IN = builtIn();

  private final Map<Rule<?>, Object> values;

  private RoutingRules(Map<Rule<?>, Object> values) {
    this.values = Map.copyOf(values);
  }

  /** The value of {@code rule}. */
  @SuppressWarnings("unchecked") // every value was put for its own rule
  <T> T get(Rule<T> rule) {
    return (T) values.get(rule);
  }

  /** True when {@code rule}, with its value here, escalates {@code input}. */
  <T> boolean escalates(Rule<T> rule, RoutingInput input) {
    return rule.escalates(input, get(rule));
  }

  /** These rules with {@code overrides} replacing their values. */
  RoutingRules with(Map<Rule<?>, Object> overrides) {
    Map<Rule<?>, Object> merged = new HashMap<>(values);
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

  @Override
  public boolean equals(Object o) {
    return o instanceof RoutingRules other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "RoutingRules" + describe(values);
  }

  /** {@code [key=value, ...]} in rule order, for logs. */
  static String describe(Map<Rule<?>, Object> values) {
    StringJoiner out = new StringJoiner(", ", "[", "]");
    for (Rule<?> rule : Rules.ALL) {
      if (values.containsKey(rule)) {
        out.add((rule.key() == null ? rule.reason().name() : rule.key()) + "=" + values.get(rule));
      }
    }
    return out.toString();
  }

  private static RoutingRules builtIn() {
    Map<Rule<?>, Object> values = new HashMap<>();
    Rules.ALL.forEach(rule -> values.put(rule, rule.builtIn()));
    return new RoutingRules(values);
  }
}
