package dev.smallfirst.worker.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.ModelIdentity;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.FailureCode;
import dev.smallfirst.records.Stage;
import dev.smallfirst.worker.FakeModel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InferencePoolTest {

  @Test
  void shouldAnswerEachInputInOrder() throws Exception {
    try (InferencePool pool = new InferencePool(new FakeModel(), 2, List.of(), System::nanoTime)) {
      BatchOutcome out =
          pool.submit(List.of(StageInput.of("refund please"), StageInput.of("where is it"))).get();

      assertThat(out.outcomes())
          .extracting(o -> ((StageOutcome.Classified) o).label())
          .containsExactly("refund", "where");
      assertThat(out.inferenceNanos()).isNotNegative();
    }
  }

  @Test
  void shouldGiveOnlyTheFailingInputARetriableModelError() throws Exception {
    FakeModel model = new FakeModel();
    try (InferencePool pool = new InferencePool(model, 1, List.of(), System::nanoTime)) {
      BatchOutcome out =
          pool.submit(List.of(StageInput.of("a"), StageInput.of("boom"), StageInput.of("c"))).get();

      assertThat(out.outcomes().get(0)).isInstanceOf(StageOutcome.Classified.class);
      assertThat(out.outcomes().get(1))
          .isEqualTo(
              new StageOutcome.Failed(
                  FailureCode.MODEL_ERROR, "model error: the model blew up on 'boom'", true));
      assertThat(out.outcomes().get(2)).isInstanceOf(StageOutcome.Classified.class);
      assertThat(model.batches()).containsExactly(3, 1, 1, 1);
    }
  }

  @Test
  void shouldWarmUpEverySessionBeforeCountingAsWarm() throws Exception {
    FakeModel model = new FakeModel();
    try (InferencePool pool =
        new InferencePool(model, 2, List.of(StageInput.of("warm")), System::nanoTime)) {
      assertThat(pool.awaitWarm(Duration.ofSeconds(10))).isTrue();

      assertThat(pool.isWarm()).isTrue();
      assertThat(model.batches()).containsExactly(1, 1);
    }
  }

  @Test
  void shouldReportAModelThatCannotOpenASession() {
    StageModel broken =
        new StageModel() {
          @Override
          public ModelIdentity identity() {
            return FakeModel.IDENTITY;
          }

          @Override
          public Stage stage() {
            return Stage.CLASSIFY;
          }

          @Override
          public InferenceSession newSession() {
            throw new IllegalStateException("no native library");
          }

          @Override
          public void close() {}
        };
    try (InferencePool pool = new InferencePool(broken, 1, List.of(), System::nanoTime)) {
      assertThatThrownBy(() -> pool.awaitWarm(Duration.ofSeconds(10)))
          .hasMessageContaining("no native library");
      assertThat(pool.isWarm()).isFalse();
    }
  }
}
