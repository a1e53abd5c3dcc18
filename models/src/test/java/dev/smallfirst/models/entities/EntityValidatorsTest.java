package dev.smallfirst.models.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.smallfirst.models.StageOutcome.EntitySpan;
import org.junit.jupiter.api.Test;

class EntityValidatorsTest {

  @Test
  void shouldFindEveryExactFormatWithItsOffsets() {
    String text =
        "Order ORD-1234567 for anna.ben@example.com: charged $1,049.99 on 2024-03-15, see INV-20931.";

    assertThat(EntityValidators.find(text))
        .extracting(EntitySpan::type, EntitySpan::value, EntitySpan::confidence)
        .containsExactly(
            tuple("ORDER_ID", "ORD-1234567", 1.0),
            tuple("EMAIL", "anna.ben@example.com", 1.0),
            tuple("AMOUNT", "$1,049.99", 1.0),
            tuple("DATE", "2024-03-15", 1.0),
            tuple("INVOICE_ID", "INV-20931", 1.0));
    assertThat(EntityValidators.find(text))
        .allSatisfy(e -> assertThat(text.substring(e.start(), e.end())).isEqualTo(e.value()));
  }

  @Test
  void shouldFindAmountsWithACurrencyCodeAndDatesInOtherForms() {
    assertThat(EntityValidators.find("refund 12.50 EUR by 3/15/2024 or March 3rd, 2024"))
        .extracting(EntitySpan::type, EntitySpan::value)
        .containsExactly(
            tuple("AMOUNT", "12.50 EUR"),
            tuple("DATE", "3/15/2024"),
            tuple("DATE", "March 3rd, 2024"));
  }

  @Test
  void shouldFindOnlyTheTypesAModelExtracts() {
    String text = "Table for 4 on March 3rd, 2024, reply to anna.ben@example.com";

    assertThat(EntityValidators.find(text, java.util.List.of("date", "people", "time")))
        .as("a tenant model's own 'date' is not overridden by the validators' DATE")
        .isEmpty();
    assertThat(EntityValidators.find(text, java.util.List.of("DATE", "PERSON_NAME")))
        .extracting(EntitySpan::type, EntitySpan::value)
        .containsExactly(tuple("DATE", "March 3rd, 2024"));
  }

  @Test
  void shouldRejectNearMissesThatAreNotExact() {
    assertThat(EntityValidators.find("order 1234, 2024-13-45, 2/30/2024, foo@bar, ORD-12, $"))
        .isEmpty();
  }

  @Test
  void shouldJudgeTheShapeOfModelSpans() {
    org.assertj.core.api.Assertions.assertThat(EntityValidators.plausible("EMAIL", "fucking"))
        .isFalse();
    org.assertj.core.api.Assertions.assertThat(EntityValidators.plausible("EMAIL", "a@b.io"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(EntityValidators.plausible("ORDER_ID", "understand"))
        .isFalse();
    org.assertj.core.api.Assertions.assertThat(EntityValidators.plausible("ORDER_ID", "#482913"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(EntityValidators.plausible("DATE", "fu")).isFalse();
    org.assertj.core.api.Assertions.assertThat(EntityValidators.plausible("DATE", "March"))
        .isTrue();
    org.assertj.core.api.Assertions.assertThat(EntityValidators.plausible("PERSON_NAME", "Maria"))
        .isTrue();
  }
}
