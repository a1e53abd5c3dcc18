package dev.smallfirst.frontier.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.frontier.testing.MutableClock;
import dev.smallfirst.schemas.stages.TokenPrices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetGuardTest {
  private static final Instant T0 = Instant.parse("2026-11-23T17:20:00Z");
  private static final TokenPrices PRICES = new TokenPrices(3_000_000, 15_000_000);

  private static BudgetSettings caps(long hour, long day, OptionalLong tenantHour) {
    return new BudgetSettings(hour, day, tenantHour, OptionalLong.empty(), PRICES, 3.0, "ledger");
  }

  @Test
  void shouldAllowCallsWhileTheirWorstCaseFitsUnderTheCap() {
    // Given
    BudgetGuard guard =
        new BudgetGuard(caps(10_000, 100_000, OptionalLong.empty()), new MutableClock(T0), "a");

    // When
    BudgetGuard.Reservation r = guard.reserve("acme", 4_000);
    guard.settle(r, 3_876);
    guard.settle(guard.reserve("acme", 4_000), 3_876);

    // Then: 7,752 spent + 4,000 would exceed 10,000
    assertThat(guard.spentNow(SpendWindow.HOUR)).isEqualTo(7_752);
    assertThatThrownBy(() -> guard.reserve("acme", 4_000))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("hour cap $0.010000")
        .hasMessageContaining("spent $0.007752");
  }

  @Test
  void shouldCountCallsInFlightAgainstTheCap() {
    // Given
    BudgetGuard guard =
        new BudgetGuard(caps(10_000, 100_000, OptionalLong.empty()), new MutableClock(T0), "a");
    guard.reserve("acme", 6_000);

    // When / Then
    assertThatThrownBy(() -> guard.reserve("acme", 6_000))
        .isInstanceOf(BudgetExceededException.class);
  }

  @Test
  void shouldFreeTheReservationOfACallThatCostNothing() {
    // Given
    BudgetGuard guard =
        new BudgetGuard(caps(10_000, 100_000, OptionalLong.empty()), new MutableClock(T0), "a");
    guard.release(guard.reserve("acme", 6_000));

    // When / Then
    assertThat(guard.reserve("acme", 6_000).micros()).isEqualTo(6_000);
  }

  @Test
  void shouldStartAFreshHourlyBudgetInTheNextHourButKeepTheDailyOne() {
    // Given
    MutableClock clock = new MutableClock(T0);
    BudgetGuard guard = new BudgetGuard(caps(10_000, 15_000, OptionalLong.empty()), clock, "a");
    guard.settle(guard.reserve("acme", 9_000), 9_000);

    // When
    clock.advance(Duration.ofMinutes(45));

    // Then
    assertThat(guard.spentNow(SpendWindow.HOUR)).isZero();
    assertThat(guard.spentNow(SpendWindow.DAY)).isEqualTo(9_000);
    assertThatThrownBy(() -> guard.reserve("acme", 9_000))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("day cap");
  }

  @Test
  void shouldCapEachTenantSeparatelyWhenATenantCapIsSet() {
    // Given
    BudgetGuard guard =
        new BudgetGuard(caps(100_000, 100_000, OptionalLong.of(5_000)), new MutableClock(T0), "a");
    guard.settle(guard.reserve("acme", 4_000), 4_000);

    // When / Then
    assertThatThrownBy(() -> guard.reserve("acme", 4_000))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("for tenant:acme");
    assertThat(guard.reserve("globex", 4_000).micros()).isEqualTo(4_000);
  }

  @Test
  void shouldRefuseEverythingUnderACapOfZero() {
    BudgetGuard guard =
        new BudgetGuard(caps(0, 100_000, OptionalLong.empty()), new MutableClock(T0), "a");

    assertThatThrownBy(() -> guard.reserve("acme", 1)).isInstanceOf(BudgetExceededException.class);
  }

  @Test
  void shouldHandOutChangedTotalsOnceAndAgainAfterARequeue() {
    // Given
    BudgetGuard guard =
        new BudgetGuard(caps(10_000, 100_000, OptionalLong.empty()), new MutableClock(T0), "a");
    guard.settle(guard.reserve("acme", 4_000), 3_876);

    // When
    List<LedgerEntry> first = guard.drainDirty();
    List<LedgerEntry> second = guard.drainDirty();
    guard.requeue(first);
    List<LedgerEntry> third = guard.drainDirty();

    // Then: hour and day, global and per tenant, each the running total
    assertThat(first).hasSize(4).allSatisfy(e -> assertThat(e.spentMicros()).isEqualTo(3_876));
    assertThat(first).allSatisfy(e -> assertThat(e.instance()).isEqualTo("a"));
    assertThat(second).isEmpty();
    assertThat(third).hasSize(4);
  }

  @Test
  void shouldRestoreItsOwnAndOtherReplicasSpendFromTheLedger() {
    // Given: a ledger written by this instance before a restart, and by another replica
    BudgetGuard before =
        new BudgetGuard(caps(10_000, 100_000, OptionalLong.empty()), new MutableClock(T0), "a");
    before.settle(before.reserve("acme", 4_000), 3_000);
    BudgetGuard other =
        new BudgetGuard(caps(10_000, 100_000, OptionalLong.empty()), new MutableClock(T0), "b");
    other.settle(other.reserve("acme", 4_000), 2_000);

    // When
    BudgetGuard after =
        new BudgetGuard(caps(10_000, 100_000, OptionalLong.empty()), new MutableClock(T0), "a");
    before.drainDirty().forEach(after::restore);
    other.drainDirty().forEach(after::restore);
    after.settle(after.reserve("acme", 1_000), 1_000);

    // Then: its own total continues; the other replica's counts too
    assertThat(after.spentNow(SpendWindow.HOUR)).isEqualTo(6_000);
    assertThat(after.drainDirty())
        .filteredOn(e -> e.key().isGlobal() && e.key().window() == SpendWindow.HOUR)
        .singleElement()
        .satisfies(e -> assertThat(e.spentMicros()).isEqualTo(4_000));
  }

  @Test
  void shouldIgnoreLedgerEntriesOfWindowsThatHaveEnded() {
    // Given
    BudgetGuard guard =
        new BudgetGuard(caps(10_000, 100_000, OptionalLong.empty()), new MutableClock(T0), "a");
    WindowKey lastHour =
        new WindowKey(
            SpendWindow.HOUR,
            T0.minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS),
            WindowKey.GLOBAL);

    // When
    guard.observe(new LedgerEntry("b", lastHour, 9_999, 3, T0.minusSeconds(3_600)));

    // Then
    assertThat(guard.spentNow(SpendWindow.HOUR)).isZero();
    assertThat(guard.reserve("acme", 9_000).micros()).isEqualTo(9_000);
  }
}
