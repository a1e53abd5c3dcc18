package dev.smallfirst.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.records.SupportMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TicketMessagesTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void shouldMakeTheSameMessagesForTheSameSeedWithRunScopedIds() {
    TicketMessages a = new TicketMessages(7, "run-a", "acme", CLOCK);
    TicketMessages b = new TicketMessages(7, "run-b", "acme", CLOCK);

    SupportMessage first = a.apply(0);
    SupportMessage other = b.apply(0);

    assertThat(first.getBody()).isEqualTo(other.getBody()).isNotBlank();
    assertThat(first.getMessageId()).isEqualTo("run-a-0");
    assertThat(first.getTicketId()).startsWith("run-a-").isNotEqualTo(other.getTicketId());
    assertThat(first.getTenantId()).isEqualTo("acme");
    assertThat(first.getReceivedAt()).isEqualTo(CLOCK.instant());
    assertThat(first.getAttributes()).containsKey("generator.intent");
    assertThat(a.apply(1).getMessageId()).isEqualTo("run-a-1");
  }

  @Test
  void shouldRefuseOutOfOrderIndexes() {
    TicketMessages m = new TicketMessages(7, "r", "acme", CLOCK);

    assertThatThrownBy(() -> m.apply(3)).hasMessageContaining("expected 0");
  }
}
