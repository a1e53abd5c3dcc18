package dev.smallfirst.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BrokerWatchTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicBoolean answers = new AtomicBoolean(true);
  private final BrokerWatch watch = new BrokerWatch("test", answers::get, now::get, () -> {});

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void shouldReportNoOutageWhileTheClusterAnswers() throws Exception {
    for (int i = 0; i < 10; i++) {
      advance(BrokerWatch.INTERVAL);
      watch.tick();
    }

    assertThat(watch.outage()).isEmpty();
  }

  @Test
  void shouldReportAnOutageOnlyOnceTheClusterHasBeenSilentLongEnough() throws Exception {
    answers.set(false);
    advance(BrokerWatch.OUTAGE_AFTER.minusMillis(1));
    watch.tick();
    assertThat(watch.outage()).as("one missed answer is not an outage").isEmpty();

    advance(Duration.ofMillis(1));
    watch.tick();

    assertThat(watch.outage()).hasValueSatisfying(why -> assertThat(why).contains("unreachable"));
  }

  @Test
  void shouldReportAnOutageEvenWhenNoCheckReturns() {
    // e.g. the check thread is stuck in a call: silence alone makes the outage
    advance(BrokerWatch.OUTAGE_AFTER.plusSeconds(30));

    assertThat(watch.outage()).hasValueSatisfying(why -> assertThat(why).contains("36 s"));
  }

  @Test
  void shouldEndTheOutageAtTheFirstAnswer() throws Exception {
    answers.set(false);
    advance(BrokerWatch.OUTAGE_AFTER.multipliedBy(3));
    watch.tick();
    assertThat(watch.outage()).isPresent();

    answers.set(true);
    watch.tick();

    assertThat(watch.outage()).isEmpty();
  }

  @Test
  void shouldTurnTheGaugeToZeroWhenNoBrokerListens() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (BrokerWatch real =
        BrokerWatch.start("test", Map.of("bootstrap.servers", "127.0.0.1:" + closedPort), meters)) {
      assertThat(meters.get("smallfirst_broker_reachable").gauge().value()).isEqualTo(1.0);

      org.awaitility.Awaitility.await("the outage is seen")
          .atMost(BrokerWatch.OUTAGE_AFTER.plusSeconds(20))
          .until(() -> real.outage().isPresent());

      assertThat(meters.get("smallfirst_broker_reachable").gauge().value()).isZero();
    }
  }
}
