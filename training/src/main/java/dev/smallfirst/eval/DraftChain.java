package dev.smallfirst.eval;

import dev.smallfirst.models.InferenceException;
import dev.smallfirst.models.StageInput;
import dev.smallfirst.models.StageModel;
import dev.smallfirst.models.StageOutcome;
import dev.smallfirst.models.text.DraftInput;
import dev.smallfirst.records.DraftContext;
import dev.smallfirst.records.Entity;
import dev.smallfirst.records.Stage;
import dev.smallfirst.schemas.stages.Intents;
import dev.smallfirst.schemas.stages.StageCatalogue;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The draft stage's requests for an evaluation set. With predicted upstream (the default) the whole
 * chain runs on each raw request as the pipeline runs it: the classify, extract and sentiment
 * models (loaded through the one seam) make the draft's context, the intents by {@link
 * Intents#present}; with gold upstream the rows' own intents and entities are the context.
 * Stateless.
 */
final class DraftChain {
  private static final int BATCH = 64;

  private DraftChain() {}

  /**
   * One draft request per example.
   *
   * @throws dev.smallfirst.models.ModelLoadException when an upstream model does not load
   */
  static List<StageInput> requests(EvalOptions o, List<DraftInput> inputs, PrintStream log)
      throws InferenceException {
    if (o.upstream().equals("gold")) {
      return inputs.stream().map(ModelRun::draftRequest).toList();
    }
    Map<Stage, Path> dirs = o.upstreamModels();
    for (Stage stage : List.of(Stage.CLASSIFY, Stage.EXTRACT, Stage.SENTIMENT)) {
      if (!Files.isDirectory(dirs.get(stage))) {
        throw new dev.smallfirst.models.ModelLoadException(
            "--upstream predicted needs the "
                + StageCatalogue.id(stage)
                + " model: "
                + dirs.get(stage)
                + " does not exist (pass --"
                + StageCatalogue.id(stage)
                + "-model DIR, or --upstream gold)");
      }
    }
    List<StageInput> texts = inputs.stream().map(i -> StageInput.of(i.text())).toList();
    List<StageOutcome> intents = run(dirs.get(Stage.CLASSIFY), Stage.CLASSIFY, texts);
    List<StageOutcome> entities = run(dirs.get(Stage.EXTRACT), Stage.EXTRACT, texts);
    List<StageOutcome> sentiments = run(dirs.get(Stage.SENTIMENT), Stage.SENTIMENT, texts);
    log.printf(
        "upstream predicted: %s, %s, %s%n",
        dirs.get(Stage.CLASSIFY), dirs.get(Stage.EXTRACT), dirs.get(Stage.SENTIMENT));
    List<StageInput> out = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      StageOutcome.Classified c = (StageOutcome.Classified) intents.get(i);
      StageOutcome.Extracted x = (StageOutcome.Extracted) entities.get(i);
      StageOutcome.SentimentScored s = (StageOutcome.SentimentScored) sentiments.get(i);
      List<Entity> found =
          x.entities().stream()
              .map(e -> new Entity(e.type(), e.value(), e.start(), e.end(), e.confidence()))
              .toList();
      DraftContext context =
          DraftContext.newBuilder()
              .setIntent(c.label())
              .setIntentConfidence(c.confidence())
              .setIntents(
                  Intents.present(
                      c.label(),
                      c.intents(),
                      c.topK().stream().map(StageOutcome.LabelScore::label).toList(),
                      c.topK().stream().map(StageOutcome.LabelScore::score).toList()))
              .setEntities(found)
              .setSentiment(s.label())
              .setChannel(inputs.get(i).channel())
              .build();
      out.add(new StageInput(inputs.get(i).text(), Optional.of(context)));
    }
    return out;
  }

  private static List<StageOutcome> run(Path dir, Stage stage, List<StageInput> texts)
      throws InferenceException {
    try (StageModel model = ModelRun.load(dir, stage)) {
      return ModelRun.predict(model, texts, BATCH);
    }
  }
}
