package dev.smallfirst.worker.batching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome.Classified;
import dev.smallfirst.records.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The trainer's committed default models serve through the worker's inference pool. */
class TrainedModelPoolTest {
  private static final Path MODELS = Path.of("models");
  private static final ModelLoaders LOADERS = ModelLoaders.standard();
  private static final String TICKET =
      "Hi, I was charged twice for order #482913 ($49.99) on March 3. Please refund it!\nMaria";

  @Test
  void shouldServeThroughTheWorkersInferencePoolWithoutModelErrors() throws Exception {
    try (StageModel model =
            LOADERS.load(MODELS.resolve("classify"), Stage.CLASSIFY, LoadOptions.defaults());
        InferencePool pool =
            new InferencePool(model, 1, List.of(StageInput.of("warm up")), System::nanoTime)) {
      assertThat(pool.awaitWarm(Duration.ofSeconds(30))).isTrue();

      BatchOutcome out =
          pool.submit(List.of(StageInput.of(TICKET), StageInput.of("reset my password")))
              .get(30, TimeUnit.SECONDS);

      assertThat(out.outcomes()).hasSize(2).allMatch(Classified.class::isInstance);
    }
  }
}
