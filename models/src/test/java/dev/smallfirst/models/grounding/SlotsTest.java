package dev.smallfirst.models.grounding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotsTest {

  @Test
  void shouldFillEntitySlotsFromEntitiesAndCompanySlotsFromTheKitOnly() {
    Slots.Filled f =
        Slots.fill(
            "Order {{ORDER_ID}} on {{Website Name}}; call {{Customer Support Phone Number}}.",
            Map.of("ORDER_ID", "ORD-7", "Website Name", "from-an-entity"),
            Map.of("Website Name", "shop.example", "ORDER_ID", "from-the-kit"));
    assertThat(f.text()).startsWith("Order ORD-7 on shop.example; call ");
    assertThat(f.unfilled()).containsExactly("Customer Support Phone Number");
    assertThat(f.text()).contains("{{Customer Support Phone Number}}");
  }

  @Test
  void shouldTellWellFormedTemplatesFromStrayBraces() {
    assertThat(Slots.wellFormed("see {{Website Name}}")).isTrue();
    assertThat(Slots.wellFormed("see {{Website Name}")).isFalse();
    assertThat(Slots.isEntitySlot("ORDER_ID")).isTrue();
    assertThat(Slots.isEntitySlot("Order Number")).isFalse();
  }
}
