package dev.smallfirst.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.eval.FailureModes.Outcome;
import dev.smallfirst.models.trained.Manifest;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureModesTest {

  private static String group(String label) {
    return label.contains(".") ? label.substring(0, label.indexOf('.')) : label;
  }

  @Test
  void shouldRateCrossGroupConfusionSevereAndNearSynonymMinor() {
    List<FailureGroup> groups =
        FailureModes.classify(
            List.of(
                new Outcome("t1", "billing.refund", "orders.status", false, true),
                new Outcome("t2", "billing.refund", "orders.status", false, true),
                new Outcome("t3", "billing.refund", "billing.double_charge", false, true),
                new Outcome("t4", "billing.refund", "orders.status", true, true),
                new Outcome("t5", "billing.refund", "billing.refund", true, true),
                new Outcome("t6", "oos", "orders.status", false, false),
                new Outcome("t7", "oos", "orders.status", true, false),
                new Outcome("t8", "billing.refund", "billing.refund", false, true)),
            FailureModesTest::group);
    assertThat(groups)
        .extracting(FailureGroup::mode)
        .containsExactly(
            "cross-group confusion",
            "unanswerable accepted",
            "near-synonym confusion",
            "error caught by escalation",
            "unnecessary escalation");
    assertThat(groups.get(0).severity()).isEqualTo(Severity.SEVERE);
    assertThat(groups.get(0).count()).isEqualTo(2);
    assertThat(groups.get(0).examples()).containsExactly("t1", "t2");
    assertThat(groups.get(2).severity()).isEqualTo(Severity.MINOR);
    assertThat(FailureModes.totals(groups))
        .containsEntry(Severity.SEVERE, 3)
        .containsEntry(Severity.MINOR, 1)
        .containsEntry(Severity.CAUGHT, 1)
        .containsEntry(Severity.COST, 1);
  }

  @Test
  void shouldTakeRoutingGroupsFromTheManifestBeforeTheLabelPrefix() {
    Manifest m =
        new Manifest(
            "m",
            "1",
            "classify",
            "djl",
            "x",
            null,
            List.of("card_arrival", "card_lost"),
            java.util.Map.of("card_arrival", "cards", "card_lost", "cards"),
            10,
            1,
            0.5,
            "w",
            "s",
            null,
            null,
            null,
            null,
            null);
    assertThat(m.groupOf("card_arrival")).isEqualTo(m.groupOf("card_lost"));
    assertThat(m.groupOf("billing.refund")).isEqualTo("billing");
  }
}
