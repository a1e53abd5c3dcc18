package dev.smallfirst.schemas.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.Stage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  @Test
  void shouldPriceEverySmallStageCallAtTwentyMicrosInTheReference() {
    PriceTable prices = PriceTable.reference();

    for (Stage stage : StageCatalogue.smallModelStages()) {
      assertThat(prices.smallCallMicros(stage)).isEqualTo(20);
    }
    assertThat(prices.smallPipelineMicros()).isEqualTo(80);
  }

  @Test
  void shouldPriceTheFrontierByItsTokensRoundingUp() {
    TokenPrices frontier = PriceTable.reference().frontier();

    assertThat(frontier.cost(2_000, 400)).isEqualTo(12_000);
    assertThat(frontier.cost(1, 0)).isEqualTo(3);
    assertThat(new TokenPrices(1, 0).cost(1, 0)).isEqualTo(1);
    assertThat(new TokenPrices(1, 0).estimate(1, 0)).isZero();
  }

  @Test
  void shouldRefuseATableWithoutAPriceForASmallStage() {
    assertThatThrownBy(
            () -> new PriceTable(Map.of(Stage.CLASSIFY, 20L), PriceTable.FRONTIER_REFERENCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extract");
    assertThatThrownBy(() -> PriceTable.reference().smallCallMicros(Stage.POLISH))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKnowBuiltInPricesByTheLongestModelPrefix() {
    assertThat(TokenPrices.builtIn("gpt-4o-mini-2024")).contains(new TokenPrices(150_000, 600_000));
    assertThat(TokenPrices.builtIn("gpt-4o-2024")).contains(new TokenPrices(2_500_000, 10_000_000));
    assertThat(TokenPrices.builtIn("llama")).isEmpty();
  }
}
