package dev.smallfirst.models.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotFoldingTest {

  @Test
  void shouldFillTheReferenceFromGoldEntitiesAndTheKitAndBareTheRest() {
    String folded =
        SlotFolding.reference(
            "Order {{Order Number Anonymized}} on {{Website Name}}; use {{Live Chat}}.\r\nBye",
            Map.of("ORDER_ID", "12345"),
            Map.of("Website Name", "shop.example"));
    assertThat(folded).isEqualTo("Order 12345 on shop.example; use Live Chat.\nBye");
  }

  @Test
  void shouldBareWhatADraftLeftUnfilled() {
    assertThat(SlotFolding.bare("call {{Customer Support Phone Number}}"))
        .isEqualTo("call Customer Support Phone Number");
  }
}
