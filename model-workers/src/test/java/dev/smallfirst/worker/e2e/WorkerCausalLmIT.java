package dev.smallfirst.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smallfirst.models.InferenceSession;
import dev.smallfirst.models.LoadOptions;
import dev.smallfirst.models.ModelLoaders;
import dev.smallfirst.models.ModelManifest;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.records.Draft;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.SentimentLabel;
import dev.smallfirst.records.Stage;
import dev.smallfirst.records.StageRequest;
import dev.smallfirst.records.StageResult;
import dev.smallfirst.runtime.config.ConfigSource;
import dev.smallfirst.schemas.registry.SchemaRegistryClient;
import dev.smallfirst.schemas.topics.TopicNames;
import dev.smallfirst.stack.LocalStack;
import dev.smallfirst.stack.junit.LocalStackExtension;
import dev.smallfirst.worker.Fixtures;
import dev.smallfirst.worker.WorkerApp;
import dev.smallfirst.worker.WorkerSettings;
import dev.smallfirst.worker.e2e.WorkerTestKit.Requests;
import dev.smallfirst.worker.e2e.WorkerTestKit.ResultCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user's own generative draft model in the worker: the {@code causal-lm} fixture (a tiny randomly
 * initialised GPT-2 with its KV cache, exported to TorchScript and, the same weights, to ONNX in
 * Hugging Face Optimum's layout) serves draft requests through Kafka, and each committed draft is
 * the one the same model gives in process, as {@code ./smallfirst eval} runs it. The fixture's
 * words are noise; what is checked is the path.
 */
@ExtendWith(LocalStackExtension.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WorkerCausalLmIT {
  private static final int N = 60;
  private static final List<String> INTENTS =
      List.of("track_order", "cancel_order", "get_refund", "check_invoice");

  @ParameterizedTest
  @ValueSource(strings = {"causal-lm", "causal-lm-onnx"})
  void shouldDraftEveryRequestOnceAsTheModelDoesInProcess(String fixture, LocalStack stack)
      throws Exception {
    Path dir = Fixtures.directoryOf("/" + fixture);
    TopicNames topics = TopicNames.withPrefix("wc-" + fixture + ".");
    Map<String, String> config = WorkerTestKit.config(stack, topics, "wc-" + fixture + "-1");
    config.put("stage", "draft");
    config.put("model.dir", dir.toString());
    config.put("batch.max.size", "8");
    WorkerTestKit.createTopics(stack.bootstrapServers(), topics, Stage.DRAFT);
    List<StageRequest> sent = new ArrayList<>();
    try (SchemaRegistryClient registry = WorkerTestKit.registry(stack);
        WorkerApp worker = WorkerApp.start(WorkerSettings.from(ConfigSource.of(config)));
        Requests requests = new Requests(stack.bootstrapServers(), registry, topics, Stage.DRAFT);
        ResultCounter results =
            new ResultCounter(
                stack.bootstrapServers(), registry, topics.stageResults(Stage.DRAFT))) {
      // When: draft requests arrive as the topology sends them, with the other stages' outputs
      for (int i = 0; i < N; i++) {
        StageRequest r = draftRequest(i);
        sent.add(r);
        requests.send(r);
      }

      // Then: one committed draft per request, each the model's own answer to it
      results.awaitDistinct(N, Duration.ofMinutes(2));
      results.drainCommitted();
      assertThat(results.duplicates()).isEmpty();
      Map<String, Draft> drafts = new HashMap<>();
      ModelManifest manifest = ModelManifest.read(dir);
      for (StageResult r : results.results()) {
        assertThat(r.getModel().getName()).isEqualTo(manifest.identity().name());
        assertThat(r.getModel().getSha256()).isEqualTo(manifest.sha256());
        assertThat(r.getOutcome()).isInstanceOf(Draft.class);
        drafts.put(r.getMessageId(), (Draft) r.getOutcome());
      }
      Map<String, StageOutcome.Drafted> inProcess = inProcess(dir, sent);
      assertThat(drafts).hasSize(N);
      for (StageRequest r : sent) {
        Draft d = drafts.get(r.getMessageId());
        StageOutcome.Drafted expected = inProcess.get(r.getMessageId());
        assertThat(d.getText()).as(r.getMessageId()).isEqualTo(expected.text());
        assertThat(d.getTokens()).as(r.getMessageId()).isEqualTo(expected.tokens());
        assertThat(d.getConfidence()).isEqualTo(expected.confidence());
        assertThat(d.getTokens()).isBetween(0, 32); // the manifest's maxNewTokens
      }
      assertThat(drafts.values().stream().map(Draft::getText).distinct().count())
          .as("distinct drafts: the model reads the message and its context")
          .isGreaterThan(1);
      assertThat(WorkerTestKit.get(worker, "/ready")).isEqualTo("200 ready\n");
    }
  }

  private static StageRequest draftRequest(int i) {
    String intent = INTENTS.get(i % INTENTS.size());
    List<Entity> entities =
        i % 2 == 0
            ? List.of(new Entity("ORDER_ID", "ORD-" + (100_000 + i), 12, 22, 0.97))
            : List.of();
    DraftContext context =
        DraftContext.newBuilder()
            .setIntent(intent)
            .setIntents(List.of(intent))
            .setIntentConfidence(0.9)
            .setEntities(entities)
            .setSentiment(i % 3 == 0 ? SentimentLabel.NEGATIVE : SentimentLabel.NEUTRAL)
            .setChannel("email")
            .build();
    return StageRequest.newBuilder(WorkerTestKit.request(i, Stage.DRAFT))
        .setText(WorkerTestKit.TEXTS.get(i % WorkerTestKit.TEXTS.size()))
        .setContext(context)
        .build();
  }

  /** The same requests through the model loaded here, as the evaluator loads it. */
  private static Map<String, StageOutcome.Drafted> inProcess(Path dir, List<StageRequest> requests)
      throws Exception {
    Map<String, StageOutcome.Drafted> out = new HashMap<>();
    try (StageModel model = ModelLoaders.standard().load(dir, Stage.DRAFT, LoadOptions.defaults());
        InferenceSession session = model.newSession()) {
      for (StageRequest r : requests) {
        StageOutcome o =
            session
                .predict(List.of(new StageInput(r.getText(), Optional.of(r.getContext()))))
                .get(0);
        assertThat(o).isInstanceOf(StageOutcome.Drafted.class);
        out.put(r.getMessageId(), (StageOutcome.Drafted) o);
      }
    }
    return out;
  }
}
