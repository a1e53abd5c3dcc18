package dev.smallfirst.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RoutingPolicyProperties {

  @Property
  void shouldDecideTheSameWayEveryTime(
      @ForAll("inputs") RoutingInput input, @ForAll("policies") PolicyDocument policy) {
    assertThat(RoutingPolicy.decide(input, policy)).isEqualTo(RoutingPolicy.decide(input, policy));
  }

  @Property
  void shouldGiveEveryEscalationAReason(
      @ForAll("inputs") RoutingInput input, @ForAll("policies") PolicyDocument policy) {
    if (RoutingPolicy.decide(input, policy) instanceof RoutingDecision.Escalate e) {
      assertThat(e.reasons()).isNotEmpty().doesNotHaveDuplicates();
    }
  }

  @Property
  void shouldAlwaysEscalateCustomerFacingUnlessThePolicyTurnsItOff(
      @ForAll("inputs") RoutingInput input, @ForAll("policies") PolicyDocument policy) {
    boolean customerFacingRuleOn =
        policy.rulesFor(input.tenantId(), input.intent()).escalateCustomerFacing();
    RoutingDecision decision = RoutingPolicy.decide(input, policy);

    if (input.audience() == Audience.CUSTOMER && customerFacingRuleOn) {
      assertThat(decision).isInstanceOf(RoutingDecision.Escalate.class);
      assertThat(((RoutingDecision.Escalate) decision).reasons())
          .contains(EscalationReason.CUSTOMER_FACING);
    }
  }

  @Property
  void shouldNeverEscalateForLowConfidenceWhenConfidenceRises(
      @ForAll("inputs") RoutingInput input, @ForAll("policies") PolicyDocument policy) {
    RoutingInput surer =
        new RoutingInput(
            input.tenantId(),
            input.audience(),
            input.tier(),
            input.intent(),
            input.intentConfidence() == null ? null : 1.0,
            input.sentiment(),
            input.draftConfidence() == null ? null : 1.0,
            input.missingStages());

    assertThat(RoutingPolicyTest.reasons(RoutingPolicy.decide(surer, policy)))
        .doesNotContain(
            EscalationReason.LOW_INTENT_CONFIDENCE, EscalationReason.LOW_DRAFT_CONFIDENCE);
  }

  @Provide
  Arbitrary<RoutingInput> inputs() {
    Arbitrary<Double> confidence = Arbitraries.doubles().between(0, 1).injectNull(0.1);
    return Combinators.combine(
            Arbitraries.of("acme", "globex"),
            Arbitraries.of(Audience.class),
            Arbitraries.of(CustomerTier.class),
            Arbitraries.of("track_order", "get_refund", "complaint").injectNull(0.1),
            confidence,
            Arbitraries.of(SentimentLabel.class).injectNull(0.1),
            confidence,
            Arbitraries.subsetOf(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT, Stage.DRAFT))
        .as(RoutingInput::new);
  }

  @Provide
  Arbitrary<PolicyDocument> policies() {
    Arbitrary<RuleSet> rules =
        Combinators.combine(
                Arbitraries.of(true, false).injectNull(0.5),
                Arbitraries.doubles().between(0, 1).injectNull(0.5),
                Arbitraries.doubles().between(0, 1).injectNull(0.5),
                Arbitraries.subsetOf(SentimentLabel.values()).injectNull(0.5),
                Arbitraries.subsetOf(CustomerTier.values()).injectNull(0.5),
                Arbitraries.of(true, false).injectNull(0.7))
            .as(RuleSet::new);
    return Combinators.combine(rules, rules, rules)
        .as(
            (defaults, complaint, acme) ->
                new PolicyDocument(
                    1,
                    defaults,
                    Map.of("complaint", complaint),
                    Map.of("acme", new PolicyDocument.TenantPolicy(acme, Map.of()))));
  }
}
