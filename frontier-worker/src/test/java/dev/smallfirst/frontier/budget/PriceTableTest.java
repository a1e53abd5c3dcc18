package dev.smallfirst.frontier.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.schemas.stages.TokenPrices;
import org.junit.jupiter.api.Test;

class PriceTableTest {
  @Test
  void shouldPriceUsageExactlyInMicroDollars() {
    TokenPrices sonnet = new TokenPrices(3_000_000, 15_000_000);

    assertThat(sonnet.cost(812, 96)).isEqualTo(2_436 + 1_440);
    assertThat(sonnet.cost(1_000_000, 0)).isEqualTo(3_000_000);
    assertThat(sonnet.cost(0, 0)).isZero();
  }

  @Test
  void shouldRoundFractionsOfAMicroDollarUp() {
    // 812 x 0.15 + 96 x 0.60 = 121.8 + 57.6 = 179.4 micro-dollars
    assertThat(new TokenPrices(150_000, 600_000).cost(812, 96)).isEqualTo(180);
  }

  @Test
  void shouldFindBuiltInPricesByTheLongestModelPrefix() {
    assertThat(TokenPrices.builtIn("gpt-4o-mini-2024-07-18"))
        .contains(new TokenPrices(150_000, 600_000));
    assertThat(TokenPrices.builtIn("gpt-4o-2024-08-06"))
        .contains(new TokenPrices(2_500_000, 10_000_000));
    assertThat(TokenPrices.builtIn("claude-sonnet-4-5"))
        .contains(new TokenPrices(3_000_000, 15_000_000));
    assertThat(TokenPrices.builtIn("llama3.1:8b")).isEmpty();
  }

  @Test
  void shouldFormatMicroDollars() {
    assertThat(Money.format(7_752)).isEqualTo("$0.007752");
    assertThat(Money.format(12_345_678)).isEqualTo("$12.345678");
  }
}
