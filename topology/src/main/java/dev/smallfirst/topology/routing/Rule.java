package dev.smallfirst.topology.routing;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.smallfirst.records.EscalationReason;

/**
 * One routing rule: the key it is set by in a policy document layer, the value it has where no
 * layer sets it, and when it escalates a draft (with its {@link EscalationReason}). Adding a rule
 * means: its reason symbol in {@code EscalationReason.avsc}, one class implementing this, and its
 * entry in {@link Rules#ALL}; the parser, the layering and the decision follow. Implementations are
 * immutable.
 *
 * @param <T> the type of the rule's value
 */
interface Rule<T> {

  /** The key in a policy layer, e.g. {@code minDraftConfidence}; null if no policy can set it. */
  String key();

  /** The reason an escalation by this rule carries. */
  EscalationReason reason();

  /** The value where no layer of the policy sets one. */
  T builtIn();

  /** The type a policy document's value is read as. */
  JavaType type(TypeFactory types);

  /** True when this rule, with {@code value} in force, escalates {@code input}'s draft. */
  boolean escalates(RoutingInput input, T value);

  /** The value as kept once read (e.g. an immutable copy); fails on an unusable one. */
  default T normalize(T value) {
    return value;
  }

  /** Fails with {@code path} in the message when {@code value} is out of range. */
  default void validate(String path, T value) throws InvalidPolicyException {}
}
