package dev.smallfirst.frontier.budget;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriceTableTest {
  @Test
  void shouldPriceUsageExactlyInMicroDollars() {
    PriceTable sonnet = new PriceTable(3_000_000, 15_000_000);

    assertThat(sonnet.cost(812, 96)).isEqualTo(2_436 + 1_440);
    assertThat(sonnet.cost(1_000_000, 0)).isEqualTo(3_000_000);
    assertThat(sonnet.cost(0, 0)).isZero();
  }

  @Test
  void shouldRoundFractionsOfAMicroDollarUp() {
    // 812 x 0.15 + 96 x 0.60 = 121.8 + 57.6 = 179.4 micro-dollars
    assertThat(new PriceTable(150_000, 600_000).cost(812, 96)).isEqualTo(180);
  }

  @Test
  void shouldFindBuiltInPricesByTheLongestModelPrefix() {
    assertThat(PriceTable.builtIn("gpt-4o-mini-2024-07-18"))
        .contains(new PriceTable(150_000, 600_000));
    assertThat(PriceTable.builtIn("gpt-4o-2024-08-06"))
        .contains(new PriceTable(2_500_000, 10_000_000));
    assertThat(PriceTable.builtIn("claude-sonnet-4-5"))
        .contains(new PriceTable(3_000_000, 15_000_000));
    assertThat(PriceTable.builtIn("llama3.1:8b")).isEmpty();
  }

  @Test
  void shouldFormatMicroDollars() {
    assertThat(Money.format(7_752)).isEqualTo("$0.007752");
    assertThat(Money.format(12_345_678)).isEqualTo("$12.345678");
  }
}
