package dev.smallfirst.topology;

import static dev.smallfirst.topology.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.runtime.trace.HopStamps;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The topology passes the timing stamps of each cause on to what it forwards, adding its own. */
class HopStampsTopologyTest {
  private final TopologyHarness h = new TopologyHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private long now() {
    return HopStamps.micros(h.clock.instant());
  }

  /** What a worker does: the request's stamps, its own, then the result. */
  private void answer(TestRecord<String, StageRequest> request) {
    Headers headers = HopStamps.copy(request.headers());
    HopStamps.stamp(headers, HopStamps.WORKER_POLLED, now());
    HopStamps.stamp(headers, HopStamps.WORKER_BATCH, now());
    HopStamps.stamp(headers, HopStamps.WORKER_INFERRED, now());
    StageResult result =
        Fixtures.result(request.value(), Fixtures.goodOutcome(request.value().getStage()));
    h.driver
        .createInputTopic(
            h.topics.stageResults(result.getStage()),
            Serdes.String().serializer(),
            h.serdes.stageResult().serializer())
        .pipeInput(new TestRecord<>(request.key(), result, headers, h.clock.instant()));
  }

  @Test
  void shouldCarryTheWholePathOfTheSmallRouteToTheReply() {
    // Given a message stamped by the load test
    long sent = now() - 5_000;
    Headers sentHeaders = new RecordHeaders();
    HopStamps.stamp(sentHeaders, HopStamps.SENT, sent);
    sentHeaders.add("unrelated", new byte[] {1});
    h.messages.pipeInput(
        new TestRecord<>(
            "ticket-m1", message("m1", Audience.AGENT), sentHeaders, h.clock.instant()));

    // Then each request carries the send and the topology's in and out
    long fanOut = now();
    TestRecord<String, StageRequest> classify = h.requests.get(Stage.CLASSIFY).readRecord();
    assertThat(HopStamps.read(classify.headers()))
        .containsExactly(
            new HopStamps.Stamp(HopStamps.SENT, sent),
            new HopStamps.Stamp(HopStamps.TOPOLOGY_IN, fanOut),
            new HopStamps.Stamp(HopStamps.TOPOLOGY_OUT, fanOut));
    assertThat(classify.headers().lastHeader("unrelated")).isNull();

    // When the three stages, then the draft, are answered by stamping workers
    h.advance(Duration.ofMillis(40));
    answer(classify);
    answer(h.requests.get(Stage.EXTRACT).readRecord());
    h.advance(Duration.ofMillis(25));
    long gathered = now();
    answer(h.requests.get(Stage.SENTIMENT).readRecord());
    TestRecord<String, StageRequest> draft = h.requests.get(Stage.DRAFT).readRecord();
    h.advance(Duration.ofMillis(30));
    answer(draft);

    // Then the reply holds the path through the stage that completed the gathering, and the draft
    TestRecord<String, DraftedReply> reply = h.replies.readRecord();
    assertThat(reply.value().getRoute()).isEqualTo(Route.SMALL_ONLY);
    List<HopStamps.Stamp> stamps = HopStamps.read(reply.headers());
    assertThat(stamps)
        .extracting(HopStamps.Stamp::event)
        .containsExactly(
            HopStamps.SENT,
            HopStamps.TOPOLOGY_IN,
            HopStamps.TOPOLOGY_OUT,
            HopStamps.WORKER_POLLED,
            HopStamps.WORKER_BATCH,
            HopStamps.WORKER_INFERRED,
            HopStamps.TOPOLOGY_IN,
            HopStamps.TOPOLOGY_OUT,
            HopStamps.WORKER_POLLED,
            HopStamps.WORKER_BATCH,
            HopStamps.WORKER_INFERRED,
            HopStamps.TOPOLOGY_IN,
            HopStamps.TOPOLOGY_OUT);
    assertThat(stamps.get(6).epochMicros()).isEqualTo(gathered);
    assertThat(stamps.get(12).epochMicros()).isEqualTo(now());
  }
}
