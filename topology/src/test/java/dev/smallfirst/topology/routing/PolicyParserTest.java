package dev.smallfirst.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.CustomerTier;
import dev.smallfirst.records.SentimentLabel;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
  static final String YAML =
      """
      version: 7
      defaults:
        escalateCustomerFacing: true
        minIntentConfidence: 0.6
        minDraftConfidence: 0.7
        escalateSentiments: [NEGATIVE]
      intents:
        complaint: {alwaysEscalate: true}
      tenants:
        acme:
          defaults: {escalateCustomerFacing: false, escalateTiers: [ENTERPRISE]}
          intents:
            get_refund: {minDraftConfidence: 0.9}
      """;

  @Test
  void shouldResolveTheMostSpecificLayerFieldByField() throws Exception {
    PolicyDocument policy = PolicyParser.parse(YAML);

    RoutingRules acmeRefund = policy.rulesFor("acme", "get_refund");

    assertThat(policy.version()).isEqualTo(7);
    assertThat(acmeRefund.minDraftConfidence()).isEqualTo(0.9); // tenant + intent
    assertThat(acmeRefund.escalateCustomerFacing()).isFalse(); // tenant
    assertThat(acmeRefund.escalateTiers()).containsExactly(CustomerTier.ENTERPRISE); // tenant
    assertThat(acmeRefund.minIntentConfidence()).isEqualTo(0.6); // defaults
    assertThat(acmeRefund.escalateSentiments()).containsExactly(SentimentLabel.NEGATIVE);
  }

  @Test
  void shouldApplyIntentRulesToEveryTenant() throws Exception {
    PolicyDocument policy = PolicyParser.parse(YAML);

    assertThat(policy.rulesFor("globex", "complaint").alwaysEscalate()).isTrue();
    assertThat(policy.rulesFor("globex", "track_order").alwaysEscalate()).isFalse();
  }

  @Test
  void shouldFallBackToBuiltInRulesForUnsetFields() throws Exception {
    PolicyDocument policy = PolicyParser.parse("{\"version\": 1}");

    assertThat(policy.rulesFor("any", null)).isEqualTo(RoutingRules.BUILT_IN);
  }

  @Test
  void shouldReadJsonAsWellAsYaml() throws Exception {
    PolicyDocument policy =
        PolicyParser.parse("{\"version\":2,\"defaults\":{\"minDraftConfidence\":0.8}}");

    assertThat(policy.rulesFor("t", "i").minDraftConfidence()).isEqualTo(0.8);
  }

  @Test
  void shouldNameThePathOfAThresholdOutOfRange() {
    String bad = YAML.replace("minDraftConfidence: 0.9", "minDraftConfidence: 1.5");

    assertThatThrownBy(() -> PolicyParser.parse(bad))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("tenants.acme.intents.get_refund.minDraftConfidence")
        .hasMessageContaining("1.5");
  }

  @Test
  void shouldRejectAnUnknownField() {
    String bad = YAML.replace("minIntentConfidence: 0.6", "minIntentConfidance: 0.6");

    assertThatThrownBy(() -> PolicyParser.parse(bad))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("defaults.minIntentConfidance");
  }

  @Test
  void shouldRejectAnUnknownSentiment() {
    String bad = YAML.replace("[NEGATIVE]", "[FURIOUS]");

    assertThatThrownBy(() -> PolicyParser.parse(bad))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("escalateSentiments")
        .hasMessageContaining("FURIOUS");
  }

  @Test
  void shouldRequireAVersion() {
    assertThatThrownBy(() -> PolicyParser.parse("defaults: {minDraftConfidence: 0.5}"))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("version");
  }

  @Test
  void shouldRejectGarbage() {
    assertThatThrownBy(() -> PolicyParser.parse("{not json"))
        .isInstanceOf(InvalidPolicyException.class);
    assertThatThrownBy(() -> PolicyParser.parse("  "))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("empty");
  }
}
