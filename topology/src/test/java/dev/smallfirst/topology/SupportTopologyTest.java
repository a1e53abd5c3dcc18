package dev.smallfirst.topology;

import static dev.smallfirst.topology.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Audience;
import dev.smallfirst.records.DeadLetter;
import dev.smallfirst.records.DraftedReply;
import dev.smallfirst.records.EscalationReason;
import dev.smallfirst.records.EscalationRequest;
import dev.smallfirst.records.Route;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.SupportMessage;
import dev.smallfirst.topology.routing.PolicyHolder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SupportTopologyTest {
  private final TopologyHarness h = new TopologyHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private void send(SupportMessage m) {
    h.messages.pipeInput(m.getTicketId(), m);
  }

  @Test
  void shouldFanOutAValidMessageToTheFirstThreeStages() {
    send(message("m1", Audience.AGENT));

    for (Stage stage : List.of(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT)) {
      assertThat(h.requests.get(stage).readKeyValuesToList())
          .singleElement()
          .satisfies(
              kv -> {
                assertThat(kv.key).isEqualTo("ticket-m1");
                assertThat(kv.value.getMessageId()).isEqualTo("m1");
                assertThat(kv.value.getText()).isEqualTo("Where is my order A-10442? It is late.");
              });
    }
    assertThat(h.requests.get(Stage.DRAFT).isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterUndecodableBytesWithTheirCoordinates() {
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);

    h.rawMessages.pipeInput("t-9", garbage);

    DeadLetter dl = h.deadLetters.readValue();
    assertThat(dl.getSourceTopic()).isEqualTo("support.messages");
    assertThat(dl.getPartition()).isZero();
    assertThat(dl.getOffset()).isZero();
    assertThat(dl.getValue().array()).isEqualTo(garbage);
    assertThat(dl.getErrorClass()).endsWith("UnknownMagicByteException");
    assertThat(dl.getComponent()).isEqualTo("topology.validate");
    assertThat(h.replies.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterAMessageWithoutAMessageId() {
    send(SupportMessage.newBuilder(message("m1", Audience.AGENT)).setMessageId("").build());

    assertThat(h.deadLetters.readValue().getErrorMessage()).isEqualTo("messageId is missing");
    assertThat(h.requests.get(Stage.CLASSIFY).isEmpty()).isTrue();
  }

  @Test
  void shouldRejectAnEmptyBodyWithAReply() {
    send(SupportMessage.newBuilder(message("m1", Audience.AGENT)).setBody("   ").build());

    DraftedReply reply = h.replies.readValue();
    assertThat(reply.getRoute()).isEqualTo(Route.REJECTED);
    assertThat(reply.getNotes()).containsExactly("rejected: body is empty");
    assertThat(h.requests.get(Stage.CLASSIFY).isEmpty()).isTrue();
  }

  @Test
  void shouldIgnoreAMessageSentTwice() {
    send(message("m1", Audience.AGENT));
    send(message("m1", Audience.AGENT));

    assertThat(h.requests.get(Stage.CLASSIFY).readValuesToList()).hasSize(1);
    assertThat(h.metrics.count("smallfirst_topology_ignored", "reason", "duplicate_message"))
        .isEqualTo(1);
  }

  @Test
  void shouldAnswerAnAgentFacingMessageWithTheSmallDraft() {
    send(message("m1", Audience.AGENT));
    h.answerAll(Stage.SENTIMENT);
    h.answerAll(Stage.CLASSIFY);
    h.answerAll(Stage.EXTRACT);

    StageRequest draft = h.requests.get(Stage.DRAFT).readValue();
    assertThat(draft.getContext().getIntent()).isEqualTo("track_order");
    h.result(Fixtures.result(draft, Fixtures.goodOutcome(Stage.DRAFT)));

    DraftedReply reply = h.replies.readValue();
    assertThat(reply.getRoute()).isEqualTo(Route.SMALL_ONLY);
    assertThat(reply.getMessageId()).isEqualTo("m1");
    assertThat(h.replies.isEmpty()).isTrue();
    assertThat(h.escalations.isEmpty()).isTrue();
  }

  @Test
  void shouldEscalateACustomerFacingDraftAndFinalizeThePolish() {
    EscalationRequest escalation = escalate("m1");
    assertThat(escalation.getReasons()).containsExactly(EscalationReason.CUSTOMER_FACING);

    h.escalationResults.pipeInput("ticket-m1", Fixtures.polished("m1", "ticket-m1"));

    DraftedReply reply = h.replies.readValue();
    assertThat(reply.getRoute()).isEqualTo(Route.ESCALATED);
    assertThat(reply.getText()).startsWith("Polished");
  }

  @Test
  void shouldIgnoreResultsThatArriveAfterTheReply() {
    escalate("m1");
    h.escalationResults.pipeInput("ticket-m1", Fixtures.polished("m1", "ticket-m1"));
    h.replies.readValue();

    h.escalationResults.pipeInput("ticket-m1", Fixtures.polished("m1", "ticket-m1"));
    h.result(
        Fixtures.result(
            "m1", "ticket-m1", Stage.CLASSIFY, 1, Fixtures.goodOutcome(Stage.CLASSIFY)));

    assertThat(h.replies.isEmpty()).isTrue();
    assertThat(h.metrics.count("smallfirst_topology_ignored", "reason", "late_result"))
        .isEqualTo(2);
  }

  @Test
  void shouldRouteByAPolicyPublishedOnTheTopic() {
    h.policy.pipeInput(PolicyHolder.KEY, "version: 2\ndefaults: {escalateCustomerFacing: false}");

    send(message("m1", Audience.CUSTOMER));
    draftEverything();

    assertThat(h.replies.readValue().getRoute()).isEqualTo(Route.SMALL_ONLY);
    assertThat(h.metrics.registry().find("smallfirst_topology_policy_version").gauge().value())
        .isEqualTo(2);
  }

  @Test
  void shouldKeepTheLastGoodPolicyWhenAnInvalidOneIsPublished() {
    h.policy.pipeInput(PolicyHolder.KEY, "version: 2\ndefaults: {escalateCustomerFacing: false}");
    send(message("m1", Audience.CUSTOMER));
    draftEverything();
    h.replies.readValue();

    h.policy.pipeInput(PolicyHolder.KEY, "version: 3\ndefaults: {minDraftConfidence: 7}");
    send(message("m2", Audience.CUSTOMER));
    draftEverything();

    assertThat(h.replies.readValue().getRoute()).isEqualTo(Route.SMALL_ONLY);
    assertThat(h.metrics.count("smallfirst_topology_policy_rejected")).isEqualTo(1);
  }

  @Test
  void shouldRetryALateStageOnceThenDraftWithoutIt() {
    send(message("m1", Audience.AGENT));
    h.answerAll(Stage.CLASSIFY);
    h.answerAll(Stage.EXTRACT);
    h.requests.get(Stage.SENTIMENT).readValuesToList(); // sentiment never answers

    h.advance(Duration.ofMillis(2_100));
    assertThat(h.requests.get(Stage.SENTIMENT).readValuesToList())
        .singleElement()
        .satisfies(r -> assertThat(r.getAttempt()).isEqualTo(2));

    h.advance(Duration.ofMillis(2_100));
    StageRequest draft = h.requests.get(Stage.DRAFT).readValue();
    assertThat(draft.getContext().getMissingStages()).containsExactly(Stage.SENTIMENT);
    assertThat(h.metrics.count("smallfirst_topology_deadline_expiries", "stage", "sentiment"))
        .isEqualTo(2);

    h.result(Fixtures.result(draft, Fixtures.goodOutcome(Stage.DRAFT)));
    EscalationRequest escalation = h.escalations.readValue();
    assertThat(escalation.getReasons()).containsExactly(EscalationReason.STAGE_MISSING);
  }

  @Test
  void shouldReplyDegradedWhenTheFrontierNeverAnswers() {
    escalate("m1");

    h.advance(Duration.ofSeconds(31));

    DraftedReply reply = h.replies.readValue();
    assertThat(reply.getRoute()).isEqualTo(Route.DEGRADED);
    assertThat(reply.getFlaggedForHuman()).isTrue();
  }

  @Test
  void shouldDeadLetterAnUndecodableResult() {
    h.driver
        .createInputTopic(
            h.topics.stageResults(Stage.EXTRACT),
            org.apache.kafka.common.serialization.Serdes.String().serializer(),
            org.apache.kafka.common.serialization.Serdes.ByteArray().serializer())
        .pipeInput("t", new byte[] {0, 0, 0});

    assertThat(h.deadLetters.readValue().getComponent()).isEqualTo("topology.aggregate");
  }

  private EscalationRequest escalate(String id) {
    send(message(id, Audience.CUSTOMER));
    draftEverything();
    return h.escalations.readValue();
  }

  private void draftEverything() {
    h.answerAll(Stage.CLASSIFY);
    h.answerAll(Stage.EXTRACT);
    h.answerAll(Stage.SENTIMENT);
    h.answerAll(Stage.DRAFT);
  }
}
