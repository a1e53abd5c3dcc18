package dev.smallfirst.topology.routing;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SentimentLabel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One layer of routing rules as written in a policy document: the {@link Rule}s it sets, by their
 * keys; a rule it does not set is inherited from the layer below. Layers are merged with {@link
 * #over(RuleSet)}; the fully resolved result is a {@link RoutingRules}. Immutable.
 */
@JsonDeserialize(using = RuleSetDeserializer.class)
public final class RuleSet extends RuleValues {
  /** A layer that sets nothing. */
  public static final RuleSet EMPTY = new RuleSet(Map.of());

  RuleSet(Map<Rule<?>, Object> values) {
    super(values);
  }

  /**
   * A layer setting the six classic rules (null: inherit): {@code escalateCustomerFacing}, {@code
   * minIntentConfidence}, {@code minDraftConfidence}, {@code escalateSentiments}, {@code
   * escalateTiers}, {@code alwaysEscalate}.
   */
  public RuleSet(
      Boolean escalateCustomerFacing,
      Double minIntentConfidence,
      Double minDraftConfidence,
      Set<SentimentLabel> escalateSentiments,
      Set<CustomerTier> escalateTiers,
      Boolean alwaysEscalate) {
    this(
        new Builder()
            .set(Rules.CUSTOMER_FACING, escalateCustomerFacing)
            .set(Rules.MIN_INTENT_CONFIDENCE, minIntentConfidence)
            .set(Rules.MIN_DRAFT_CONFIDENCE, minDraftConfidence)
            .set(Rules.SENTIMENTS, escalateSentiments)
            .set(Rules.TIERS, escalateTiers)
            .set(Rules.ALWAYS, alwaysEscalate)
            .values);
  }

  /** This layer on top of {@code below}: rules set here win. */
  public RuleSet over(RuleSet below) {
    Map<Rule<?>, Object> merged = new HashMap<>(below.values());
    merged.putAll(values());
    return new RuleSet(merged);
  }

  /** Resolves every rule, taking unset ones from their built-in values. */
  public RoutingRules resolve() {
    return RoutingRules.BUILT_IN.with(values());
  }

  /** Fails naming {@code path}'s offending key when a value set here is out of range. */
  void validate(String path) throws InvalidPolicyException {
    for (Rule<?> rule : Rules.ALL) {
      validate(path, rule);
    }
  }

  private <T> void validate(String path, Rule<T> rule) throws InvalidPolicyException {
    T value = get(rule);
    if (value != null) {
      rule.validate(path + "." + rule.key(), value);
    }
  }

  /** Collects the values of one layer, each normalized by its rule. */
  static final class Builder {
    private final Map<Rule<?>, Object> values = new HashMap<>();

    <T> Builder set(Rule<T> rule, T value) {
      if (value != null) {
        values.put(rule, rule.normalize(value));
      }
      return this;
    }

    RuleSet build() {
      return new RuleSet(values);
    }
  }
}
