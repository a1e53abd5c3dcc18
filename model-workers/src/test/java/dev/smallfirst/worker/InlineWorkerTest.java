package dev.smallfirst.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.records.Classification;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageFailure;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InlineWorkerTest {
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

  private static StageRequest request(String text) {
    return StageRequest.newBuilder()
        .setMessageId("m-1")
        .setTicketId("t-1")
        .setTenantId("demo")
        .setStage(Stage.CLASSIFY)
        .setText(text)
        .setContext(null)
        .setAttempt(2)
        .setRequestedAt(T0)
        .setDeadline(T0.plusSeconds(2))
        .build();
  }

  @Test
  void shouldAnswerWithTheRecordAWorkerSends() {
    FakeModel model = new FakeModel();
    try (InlineWorker worker = new InlineWorker(model, "inline-1", clock)) {
      StageResult r = worker.answer(request("refund please"));

      assertThat(r.getMessageId()).isEqualTo("m-1");
      assertThat(r.getAttempt()).isEqualTo(2);
      assertThat(r.getWorkerId()).isEqualTo("inline-1");
      assertThat(r.getBatchSize()).isEqualTo(1);
      assertThat(r.getModel().getSha256()).isEqualTo(FakeModel.IDENTITY.sha256());
      assertThat(((Classification) r.getOutcome()).getLabel()).isEqualTo("refund");
      assertThat(model.batches()).containsExactly(1);
    }
  }

  @Test
  void shouldTurnAModelErrorIntoARetriableFailure() {
    try (InlineWorker worker = new InlineWorker(new FakeModel(), "inline-1", clock)) {
      StageFailure f = (StageFailure) worker.answer(request("boom")).getOutcome();

      assertThat(f.getCode()).isEqualTo(FailureCode.MODEL_ERROR);
      assertThat(f.getRetriable()).isTrue();
      assertThat(f.getMessage()).contains("blew up");
    }
  }
}
