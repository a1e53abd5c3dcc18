package dev.smallfirst.frontier.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {
  @Test
  void shouldRoundTripAnEntry() {
    LedgerEntry e =
        new LedgerEntry(
            "frontier-0",
            new WindowKey(SpendWindow.HOUR, Instant.parse("2026-11-23T17:00:00Z"), "tenant:acme"),
            7_752,
            2,
            Instant.parse("2026-11-23T17:21:04.120Z"));

    assertThat(LedgerCodec.decode(LedgerCodec.encode(e))).isEqualTo(e);
    assertThat(e.kafkaKey()).isEqualTo("hour|2026-11-23T17:00:00Z|tenant:acme|frontier-0");
  }

  @Test
  void shouldRejectAValueThatIsNotALedgerEntry() {
    assertThatThrownBy(() -> LedgerCodec.decode("{\"v\":2}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LedgerCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
