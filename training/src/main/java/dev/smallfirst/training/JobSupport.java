package dev.smallfirst.training;

import dev.smallfirst.models.trained.ModelDirectory;
import dev.smallfirst.training.data.DataChecks;
import dev.smallfirst.training.data.DataException;
import dev.smallfirst.training.data.JsonlReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** What the per-stage training jobs share: the calibration split and the manifest's summary. */
final class JobSupport {

  private JobSupport() {}

  /**
   * The examples to train on and those to calibrate (and stop early) on.
   *
   * @param held whether {@code calibration} was held out of the training data (no {@code
   *     --validation}), so that a refit on all data is possible
   */
  record Split<T>(List<T> train, List<T> calibration, boolean held) {}

  /**
   * Without {@code --validation}, a seeded random {@code --holdout} of {@code data}; with it, all
   * of {@code data} to train on and the validation files to calibrate on.
   */
  static <T> Split<T> split(
      TrainOptions options, List<T> data, JsonlReader.LineParser<T> parser, PrintStream log)
      throws IOException, DataException {
    if (options.validation().isEmpty()) {
      List<T> shuffled = new ArrayList<>(data);
      Collections.shuffle(shuffled, new Random(options.seed()));
      int n = Math.max(1, (int) Math.round(shuffled.size() * options.holdout()));
      return new Split<>(shuffled.subList(n, shuffled.size()), shuffled.subList(0, n), true);
    }
    List<T> calibration = new ArrayList<>();
    for (Path v : options.validation()) {
      calibration.addAll(DataChecks.read(v, parser, options.strict(), log));
    }
    return new Split<>(data, calibration, false);
  }

  /**
   * The manifest's {@code training} summary; {@code seconds} null when the caller adds it later.
   */
  static Map<String, Object> summary(
      TrainOptions options, int examples, int trainedOn, int epochs, int maxEpochs, Double seconds)
      throws IOException {
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("data", options.data().getFileName().toString());
    training.put("dataSha256", ModelDirectory.sha256(options.data()));
    training.put("examples", examples);
    training.put("trainedOn", trainedOn);
    training.put("seed", options.seed());
    training.put("epochs", epochs);
    training.put("maxEpochs", maxEpochs);
    if (seconds != null) {
      training.put("seconds", Math.round(seconds * 10) / 10.0);
    }
    training.put("device", "cpu");
    return training;
  }
}
