package dev.smallfirst.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class HopStampsTest {
  @Test
  void shouldCopyOnlyTimingStampsInOrderAndAppendNewOnes() {
    // Given headers with two stamps and an unrelated one
    Headers in = new RecordHeaders();
    HopStamps.stamp(in, HopStamps.SENT, 10);
    in.add("traceparent", "x".getBytes(StandardCharsets.US_ASCII));
    HopStamps.stamp(in, HopStamps.TOPOLOGY_IN, 25);

    // When copied and stamped again
    Headers out = HopStamps.copy(in);
    HopStamps.stamp(out, HopStamps.TOPOLOGY_IN, 40);

    // Then the stamps keep their order, repeats included, and the other header stays behind
    assertThat(HopStamps.read(out))
        .containsExactly(
            new HopStamps.Stamp(HopStamps.SENT, 10),
            new HopStamps.Stamp(HopStamps.TOPOLOGY_IN, 25),
            new HopStamps.Stamp(HopStamps.TOPOLOGY_IN, 40));
    assertThat(out.lastHeader("traceparent")).isNull();
  }

  @Test
  void shouldSkipStampsThatAreNotNumbers() {
    Headers in = new RecordHeaders();
    in.add(HopStamps.SENT, "soon".getBytes(StandardCharsets.US_ASCII));
    HopStamps.stamp(in, HopStamps.TOPOLOGY_OUT, 7);

    assertThat(HopStamps.read(in)).containsExactly(new HopStamps.Stamp(HopStamps.TOPOLOGY_OUT, 7));
  }

  @Test
  void shouldConvertInstantsToEpochMicros() {
    assertThat(HopStamps.micros(Instant.ofEpochSecond(2, 345_678_901))).isEqualTo(2_345_678L);
  }
}
