package dev.smallfirst.frontier.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.frontier.polish.Results;
import dev.smallfirst.frontier.testing.Escalations;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InflightTrackerTest {
  private static final TopicPartition P0 = new TopicPartition("support.escalations", 0);
  private static final TopicPartition P1 = new TopicPartition("support.escalations", 1);

  private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset) {
    return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, new byte[0], new byte[0]);
  }

  private static List<Output> output(String id) {
    return List.of(
        new Output.Reply(
            new byte[0],
            Results.internalError(
                Escalations.request(id, Instant.EPOCH),
                "test",
                new IllegalStateException(),
                Instant.EPOCH)));
  }

  @Test
  void shouldCommitOnlyTheFinishedPrefixOfEachPartition() {
    // Given: offsets 10, 11, 12 of partition 0 and 5 of partition 1 in flight
    InflightTracker tracker = new InflightTracker();
    InflightTracker.Slot a = tracker.add(record(P0, 10));
    InflightTracker.Slot b = tracker.add(record(P0, 11));
    InflightTracker.Slot c = tracker.add(record(P0, 12));
    InflightTracker.Slot d = tracker.add(record(P1, 5));

    // When: 10 and 12 finish, 11 does not; partition 1's only record finishes
    a.complete(output("a"));
    c.complete(output("c"));
    d.complete(output("d"));
    InflightTracker.Ready ready = tracker.drainReady();

    // Then
    assertThat(ready.records()).isEqualTo(2);
    assertThat(ready.offsets())
        .isEqualTo(Map.of(P0, new OffsetAndMetadata(11), P1, new OffsetAndMetadata(6)));
    assertThat(tracker.size()).isEqualTo(2);

    // When: 11 finishes
    b.complete(output("b"));

    // Then: 11 and 12 go together, in offset order
    InflightTracker.Ready next = tracker.drainReady();
    assertThat(next.offsets()).isEqualTo(Map.of(P0, new OffsetAndMetadata(13)));
    assertThat(next.outputs())
        .extracting(o -> ((Output.Reply) o).result().getMessageId())
        .containsExactly("b", "c");
    assertThat(tracker.isEmpty()).isTrue();
  }

  @Test
  void shouldForgetTheRecordsOfRevokedPartitions() {
    InflightTracker tracker = new InflightTracker();
    tracker.add(record(P0, 1));
    tracker.add(record(P1, 1)).complete(output("x"));

    tracker.drop(List.of(P1));

    assertThat(tracker.size()).isEqualTo(1);
    assertThat(tracker.drainReady().isEmpty()).isTrue();
  }
}
