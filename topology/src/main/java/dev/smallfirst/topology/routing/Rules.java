package dev.smallfirst.topology.routing;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.SentimentLabel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every routing rule, in the order their reasons are listed in an escalation. Immutable.
 *
 * <p>The defaults where no policy says otherwise: customer-facing replies are polished, a missing
 * stage escalates, intent and draft confidences below 0.5 escalate (a policy generated from the
 * deployed models' manifests, {@link ModelPolicy}, replaces them with the models' thresholds);
 * sentiment confidence, sentiments, tiers and intents escalate only when configured.
 */
final class Rules {
  static final Rule<Boolean> CUSTOMER_FACING =
      new FlagRule(
          "escalateCustomerFacing",
          EscalationReason.CUSTOMER_FACING,
          true,
          input -> input.audience() == Audience.CUSTOMER);
  static final Rule<Boolean> STAGE_MISSING =
      new FlagRule(
          null, EscalationReason.STAGE_MISSING, true, input -> !input.missingStages().isEmpty());
  static final Rule<Double> MIN_INTENT_CONFIDENCE =
      new ConfidenceRule(
          "minIntentConfidence",
          EscalationReason.LOW_INTENT_CONFIDENCE,
          0.5,
          RoutingInput::intentConfidence);
  static final Rule<Double> MIN_DRAFT_CONFIDENCE =
      new ConfidenceRule(
          "minDraftConfidence",
          EscalationReason.LOW_DRAFT_CONFIDENCE,
          0.5,
          RoutingInput::draftConfidence);
  static final Rule<Double> MIN_SENTIMENT_CONFIDENCE =
      new ConfidenceRule(
          "minSentimentConfidence",
          EscalationReason.LOW_SENTIMENT_CONFIDENCE,
          0.0,
          RoutingInput::sentimentConfidence);
  static final Rule<Set<SentimentLabel>> SENTIMENTS =
      new SetRule<>(
          "escalateSentiments",
          EscalationReason.NEGATIVE_SENTIMENT,
          SentimentLabel.class,
          RoutingInput::sentiment);
  static final Rule<Set<CustomerTier>> TIERS =
      new SetRule<>(
          "escalateTiers", EscalationReason.CUSTOMER_TIER, CustomerTier.class, RoutingInput::tier);
  static final Rule<Boolean> ALWAYS =
      new FlagRule("alwaysEscalate", EscalationReason.INTENT_RULE, false, input -> true);

  /** Every rule, in reason order. */
  static final List<Rule<?>> ALL =
      List.of(
          CUSTOMER_FACING,
          STAGE_MISSING,
          MIN_INTENT_CONFIDENCE,
          MIN_DRAFT_CONFIDENCE,
          MIN_SENTIMENT_CONFIDENCE,
          SENTIMENTS,
          TIERS,
          ALWAYS);

  private static final Map<String, Rule<?>> BY_KEY =
      ALL.stream()
          .filter(r -> r.key() != null)
          .collect(Collectors.toUnmodifiableMap(Rule::key, Function.identity()));

  private Rules() {}

  /** The rule a policy layer sets with {@code key}, or null. */
  static Rule<?> byKey(String key) {
    return BY_KEY.get(key);
  }

  /** Every key a policy layer may set. */
  static Set<String> keys() {
    return BY_KEY.keySet();
  }
}
