package dev.smallfirst.topology.routing;

import java.util.Map;
import java.util.StringJoiner;

/**
 * Values of {@link Rule}s, by rule: what {@link RuleSet} (some rules) and {@link RoutingRules}
 * (every rule) are made of. Equal when of the same class with the same values. Immutable.
 */
abstract class RuleValues {
  private final Map<Rule<?>, Object> values;

  RuleValues(Map<Rule<?>, Object> values) {
    this.values = Map.copyOf(values);
  }

  final Map<Rule<?>, Object> values() {
    return values;
  }

  /** The value of {@code rule}, or null when not set. */
  @SuppressWarnings("unchecked") // every value is put for its own rule, see RuleSet.Builder
  final <T> T get(Rule<T> rule) {
    return (T) values.get(rule);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && values.equals(((RuleValues) o).values);
  }

  @Override
  public final int hashCode() {
    return values.hashCode();
  }

  /** {@code Name[key=value, ...]} in rule order. */
  @Override
  public final String toString() {
    StringJoiner out = new StringJoiner(", ", getClass().getSimpleName() + "[", "]");
    for (Rule<?> rule : Rules.ALL) {
      if (values.containsKey(rule)) {
        out.add((rule.key() == null ? rule.reason().name() : rule.key()) + "=" + values.get(rule));
      }
    }
    return out.toString();
  }
}
