package dev.smallfirst.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeasuredPolicyTest {
  private static final String BASE =
      """
      version: 7
      defaults:
        escalateCustomerFacing: false
        minIntentConfidence: 0.9
        minSentimentConfidence: 0.4
      intents:
        complaint: {escalateCustomerFacing: true}
      tenants:
        acme:
          defaults: {minDraftConfidence: 0.8}
      """;

  @Test
  void shouldSetTheStagesMinimumAndKeepEverythingElseOfTheBase() throws Exception {
    // When
    String doc = MeasuredPolicy.apply(Optional.of(BASE), "classify", 0.615, List.of("measured"));

    // Then
    PolicyDocument p = PolicyParser.parse(doc);
    assertThat(p.version()).isEqualTo(8);
    assertThat(p.rulesFor("other", null).minIntentConfidence()).isEqualTo(0.615);
    assertThat(p.rulesFor("other", null).minSentimentConfidence()).isEqualTo(0.4);
    assertThat(p.rulesFor("other", null).escalateCustomerFacing()).isFalse();
    assertThat(p.rulesFor("other", "complaint").escalateCustomerFacing()).isTrue();
    assertThat(p.rulesFor("acme", null).minDraftConfidence()).isEqualTo(0.8);
    assertThat(doc).startsWith("# measured\n").contains("-> defaults.minIntentConfidence");
  }

  @Test
  void shouldWriteVersionOneWithOnlyTheStagesRuleWithoutABase() throws Exception {
    // When
    String doc = MeasuredPolicy.apply(Optional.empty(), "draft", 0.42, List.of());

    // Then
    PolicyDocument p = PolicyParser.parse(doc);
    assertThat(p.version()).isEqualTo(1);
    assertThat(p.rulesFor("t", null).minDraftConfidence()).isEqualTo(0.42);
    assertThat(p.rulesFor("t", null).minIntentConfidence())
        .isEqualTo(RoutingRules.BUILT_IN.minIntentConfidence());
  }

  @Test
  void shouldRecordTheExtractThresholdInTheCommentOnlyForNoRuleReadsIt() throws Exception {
    // When
    String doc = MeasuredPolicy.apply(Optional.of(BASE), "extract", 0.3, List.of());

    // Then
    assertThat(MeasuredPolicy.ruleKey("extract")).isEmpty();
    assertThat(doc).contains("# extract threshold 0.3 (no routing rule reads it)");
    assertThat(PolicyParser.parse(doc).defaults()).isEqualTo(PolicyParser.parse(BASE).defaults());
  }

  @Test
  void shouldRefuseAnInvalidBaseOrThreshold() {
    assertThatThrownBy(
            () -> MeasuredPolicy.apply(Optional.of("version: 0\n"), "classify", 0.5, List.of()))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> MeasuredPolicy.apply(Optional.empty(), "classify", 1.5, List.of()))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> MeasuredPolicy.apply(Optional.empty(), "route", 0.5, List.of()))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("unknown stage");
  }
}
