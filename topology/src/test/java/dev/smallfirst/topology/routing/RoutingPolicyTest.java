package dev.smallfirst.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingPolicyTest {
  private static final RoutingInput CONFIDENT_AGENT_FACING =
      new RoutingInput(
          "acme",
          Audience.AGENT,
          CustomerTier.STANDARD,
          "track_order",
          0.95,
          SentimentLabel.NEUTRAL,
          0.9,
          Set.of());

  private static PolicyDocument policy(String yaml) throws InvalidPolicyException {
    return PolicyParser.parse(yaml);
  }

  @Test
  void shouldKeepTheSmallDraftWhenNothingCallsForEscalation() {
    assertThat(RoutingPolicy.decide(CONFIDENT_AGENT_FACING, PolicyDocument.BUILT_IN))
        .isInstanceOf(RoutingDecision.SmallOnly.class);
  }

  @Test
  void shouldEscalateCustomerFacingReplies() {
    RoutingInput input = withAudience(Audience.CUSTOMER);

    assertThat(RoutingPolicy.decide(input, PolicyDocument.BUILT_IN))
        .isEqualTo(
            new RoutingDecision.Escalate(java.util.List.of(EscalationReason.CUSTOMER_FACING)));
  }

  @Test
  void shouldNotEscalateCustomerFacingRepliesWhenThePolicySaysSo() throws Exception {
    RoutingInput input = withAudience(Audience.CUSTOMER);

    assertThat(
            RoutingPolicy.decide(
                input, policy("version: 1\ndefaults: {escalateCustomerFacing: false}")))
        .isInstanceOf(RoutingDecision.SmallOnly.class);
  }

  @Test
  void shouldEscalateWhenIntentConfidenceBelowTheTenantsThreshold() throws Exception {
    PolicyDocument policy =
        policy(
            "version: 1\ntenants:\n  acme:\n    intents:\n      track_order: {minIntentConfidence: 0.97}");

    assertThat(reasons(RoutingPolicy.decide(CONFIDENT_AGENT_FACING, policy)))
        .containsExactly(EscalationReason.LOW_INTENT_CONFIDENCE);
  }

  @Test
  void shouldEscalateWhenDraftConfidenceBelowThreshold() throws Exception {
    PolicyDocument policy = policy("version: 1\ndefaults: {minDraftConfidence: 0.95}");

    assertThat(reasons(RoutingPolicy.decide(CONFIDENT_AGENT_FACING, policy)))
        .containsExactly(EscalationReason.LOW_DRAFT_CONFIDENCE);
  }

  @Test
  void shouldEscalateOnAConfiguredSentiment() throws Exception {
    RoutingInput angry =
        new RoutingInput(
            "acme",
            Audience.AGENT,
            CustomerTier.STANDARD,
            "track_order",
            0.95,
            SentimentLabel.NEGATIVE,
            0.9,
            Set.of());

    assertThat(
            reasons(
                RoutingPolicy.decide(
                    angry, policy("version: 1\ndefaults: {escalateSentiments: [NEGATIVE]}"))))
        .containsExactly(EscalationReason.NEGATIVE_SENTIMENT);
    assertThat(RoutingPolicy.decide(angry, PolicyDocument.BUILT_IN))
        .isInstanceOf(RoutingDecision.SmallOnly.class);
  }

  @Test
  void shouldEscalateOnAConfiguredTier() throws Exception {
    RoutingInput enterprise =
        new RoutingInput(
            "acme",
            Audience.AGENT,
            CustomerTier.ENTERPRISE,
            "track_order",
            0.95,
            SentimentLabel.NEUTRAL,
            0.9,
            Set.of());

    assertThat(
            reasons(
                RoutingPolicy.decide(
                    enterprise, policy("version: 1\ndefaults: {escalateTiers: [ENTERPRISE]}"))))
        .containsExactly(EscalationReason.CUSTOMER_TIER);
  }

  @Test
  void shouldEscalateAnIntentMarkedAlwaysEscalate() throws Exception {
    PolicyDocument policy = policy("version: 1\nintents:\n  track_order: {alwaysEscalate: true}");

    assertThat(reasons(RoutingPolicy.decide(CONFIDENT_AGENT_FACING, policy)))
        .containsExactly(EscalationReason.INTENT_RULE);
  }

  @Test
  void shouldEscalateWhenAStageIsMissing() {
    RoutingInput noClassification =
        new RoutingInput(
            "acme",
            Audience.AGENT,
            CustomerTier.STANDARD,
            null,
            null,
            SentimentLabel.NEUTRAL,
            0.9,
            Set.of(Stage.CLASSIFY));

    assertThat(reasons(RoutingPolicy.decide(noClassification, PolicyDocument.BUILT_IN)))
        .containsExactly(EscalationReason.STAGE_MISSING);
  }

  @Test
  void shouldListEveryReasonThatApplies() throws Exception {
    RoutingInput everything =
        new RoutingInput(
            "acme",
            Audience.CUSTOMER,
            CustomerTier.ENTERPRISE,
            "complaint",
            0.2,
            SentimentLabel.NEGATIVE,
            0.1,
            Set.of(Stage.EXTRACT));
    PolicyDocument policy =
        policy(
            """
            version: 1
            defaults: {escalateSentiments: [NEGATIVE], escalateTiers: [ENTERPRISE]}
            intents: {complaint: {alwaysEscalate: true}}
            """);

    assertThat(reasons(RoutingPolicy.decide(everything, policy)))
        .containsExactly(
            EscalationReason.CUSTOMER_FACING,
            EscalationReason.STAGE_MISSING,
            EscalationReason.LOW_INTENT_CONFIDENCE,
            EscalationReason.LOW_DRAFT_CONFIDENCE,
            EscalationReason.NEGATIVE_SENTIMENT,
            EscalationReason.CUSTOMER_TIER,
            EscalationReason.INTENT_RULE);
  }

  @Test
  void shouldEscalateWhenSentimentConfidenceIsBelowTheMinimum() throws Exception {
    RoutingInput i = CONFIDENT_AGENT_FACING;
    RoutingInput unsure =
        new RoutingInput(
            i.tenantId(),
            i.audience(),
            i.tier(),
            i.intent(),
            i.intentConfidence(),
            i.sentiment(),
            0.6,
            i.draftConfidence(),
            i.missingStages());
    PolicyDocument policy = policy("version: 1\ndefaults: {minSentimentConfidence: 0.8}\n");

    assertThat(reasons(RoutingPolicy.decide(unsure, policy)))
        .containsExactly(EscalationReason.LOW_SENTIMENT_CONFIDENCE);
    assertThat(reasons(RoutingPolicy.decide(unsure, PolicyDocument.BUILT_IN))).isEmpty();
  }

  static java.util.List<EscalationReason> reasons(RoutingDecision decision) {
    return decision instanceof RoutingDecision.Escalate e ? e.reasons() : java.util.List.of();
  }

  private static RoutingInput withAudience(Audience audience) {
    RoutingInput i = CONFIDENT_AGENT_FACING;
    return new RoutingInput(
        i.tenantId(),
        audience,
        i.tier(),
        i.intent(),
        i.intentConfidence(),
        i.sentiment(),
        i.draftConfidence(),
        i.missingStages());
  }
}
