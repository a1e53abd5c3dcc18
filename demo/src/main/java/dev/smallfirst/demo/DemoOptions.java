package dev.smallfirst.demo;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code smallfirst demo} was asked to do, as {@link DemoCommand#options} validates it.
 * Immutable.
 *
 * @param messages how many generated tickets to push through the pipeline
 * @param rate offered load, messages per second (Poisson arrivals)
 * @param seed ticket generator and arrival seed
 * @param baseline whether to run the naive baseline on the same tickets afterwards
 * @param baselineMessages how many of the same tickets the baseline gets
 * @param warmUp tickets sent first to each system and left out of its report (declared warm-up)
 * @param reportJson where to write the JSON report, if anywhere
 * @param reportDir where to write the HTML report, if anywhere
 * @param models the directory holding one model directory per stage
 * @param settings extra settings for every part of the pipeline ({@code --set key=value})
 */
public record DemoOptions(
    int messages,
    double rate,
    long seed,
    boolean baseline,
    int baselineMessages,
    int warmUp,
    Optional<Path> reportJson,
    Optional<Path> reportDir,
    Path models,
    Map<String, String> settings) {

  public DemoOptions {
    settings = Map.copyOf(settings);
  }
}
