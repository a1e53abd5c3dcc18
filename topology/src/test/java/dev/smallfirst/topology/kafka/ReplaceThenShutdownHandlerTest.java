package dev.smallfirst.topology.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ReplaceThenShutdownHandlerTest {
  private final List<Duration> pauses = new ArrayList<>();
  private final ReplaceThenShutdownHandler handler =
      new ReplaceThenShutdownHandler(
          3, Duration.ofMinutes(1), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), pauses::add);

  @Test
  void shouldShutDownWhenThreadsKeepDyingOfBugs() {
    for (int i = 0; i < 3; i++) {
      assertThat(handler.handle(new IllegalStateException("bug")))
          .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }
    assertThat(handler.handle(new IllegalStateException("bug")))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Test
  void shouldKeepReplacingThreadsWithAGrowingPauseWhileTheRegistryIsDown() {
    // When a registry outage kills the thread ten times
    for (int i = 0; i < 10; i++) {
      assertThat(handler.handle(new SerializationException("wrapped", RegistryOutages.outage())))
          .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    }

    // Then the client never shuts down, the pause grows to its cap, and readiness is red
    assertThat(pauses.get(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(pauses.get(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(pauses.get(9)).isEqualTo(Duration.ofSeconds(30));
    assertThat(handler.inOutage()).isTrue();
  }
}
