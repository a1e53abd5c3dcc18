package dev.smallfirst.models.entities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.smallfirst.models.StageOutcome.EntitySpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanMergerTest {
  private static final String TEXT = "refund ORD-1234567 for the coffee maker, ORD-99";

  @Test
  void shouldLetAValidatorFindReplaceAnOverlappingModelSpan() {
    List<EntitySpan> model = List.of(new EntitySpan("ORDER_ID", "ORD-12345", 7, 16, 0.7));
    List<EntitySpan> found = EntityValidators.find(TEXT);

    assertThat(SpanMerger.merge(model, found))
        .extracting(EntitySpan::type, EntitySpan::value, EntitySpan::confidence)
        .containsExactly(tuple("ORDER_ID", "ORD-1234567", 1.0));
  }

  @Test
  void shouldDropAModelSpanOfAValidatedTypeThatNoValidatorConfirms() {
    List<EntitySpan> model = List.of(new EntitySpan("ORDER_ID", "ORD-99", 41, 47, 0.9));

    assertThat(SpanMerger.merge(model, List.of())).isEmpty();
  }

  @Test
  void shouldKeepModelSpansOfOtherTypesWithTheirConfidence() {
    List<EntitySpan> model = List.of(new EntitySpan("PRODUCT", "coffee maker", 27, 39, 0.83));

    assertThat(SpanMerger.merge(model, EntityValidators.find(TEXT)))
        .extracting(EntitySpan::type, EntitySpan::confidence)
        .containsExactly(tuple("ORDER_ID", 1.0), tuple("PRODUCT", 0.83));
  }

  @Test
  void shouldKeepAnUnconfirmedModelSpanWhenAskedButStillPreferTheValidator() {
    List<EntitySpan> model =
        List.of(
            new EntitySpan("ORDER_ID", "ORD-12345", 7, 16, 0.7),
            new EntitySpan("ORDER_ID", "ORD-99", 41, 47, 0.9));

    assertThat(SpanMerger.mergeKeepingModel(model, EntityValidators.find(TEXT)))
        .extracting(EntitySpan::value, EntitySpan::confidence)
        .containsExactly(tuple("ORD-1234567", 1.0), tuple("ORD-99", 0.9));
  }
}
