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
 * @param saturate the saturation search to run instead of the fixed-rate runs, if any
 * @param tickets a JSONL file of real requests to replay instead of generated tickets ({@code
 *     --tickets}, the {@code bitext-support} format), if any
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
    Map<String, String> settings,
    Optional<Saturate> saturate,
    Optional<Path> tickets) {

  public DemoOptions {
    settings = Map.copyOf(settings);
  }

  /**
   * The default offered rate per core, messages per second. The whole pipeline on one machine (the
   * broker, the registry, the topology, the workers and the load generator) took 39 to 65 ms of CPU
   * per reply on the 2-core development machine, whose speed varies about 40% within an hour
   * (README, "The demo"), so one core answers 15 to 25 messages a second; 12.5 keeps the demo below
   * about 80% of the slowest of those.
   */
  public static final double RATE_PER_CORE = 12.5;

  /** The highest default rate, whatever the cores: the rate the README's first figures used. */
  public static final double MAX_DEFAULT_RATE = 40;

  /** The offered rate when {@code --rate} is not given, for a machine of {@code cores}. */
  public static double defaultRate(int cores) {
    return Math.min(MAX_DEFAULT_RATE, RATE_PER_CORE * Math.max(1, cores));
  }

  /**
   * The saturation search ({@code --saturate}): each system at rising offered rates, each step on a
   * fresh deployment with fresh topics, doubling from {@code startRate} while the steps hold, then
   * bisecting between the last rate that held and the first that did not until they are within
   * {@link #PRECISION} of each other.
   *
   * @param sloP99Millis the p99 latency of all routes a step must meet
   * @param stepSeconds each step sends {@code rate x stepSeconds} messages, at least {@link
   *     #MIN_STEP_MESSAGES}
   * @param stepWarmUp messages sent to each step's fresh deployment first, left out of its report
   * @param startRate the first offered rate, messages per second
   * @param maxRate no step is offered more
   */
  public record Saturate(
      double sloP99Millis, double stepSeconds, int stepWarmUp, double startRate, double maxRate) {
    /** The fewest messages a step sends, so that its p99 is not one message's latency. */
    public static final int MIN_STEP_MESSAGES = 50;

    /**
     * The search stops when the rate that failed is at most this factor above the one that held.
     */
    public static final double PRECISION = 1.2;

    /** A step holds when it achieved at least this share of the offered rate. */
    public static final double MIN_ACHIEVED_SHARE = 0.95;

    /** The messages of a step at {@code rate}. */
    public int stepMessages(double rate) {
      return (int) Math.max(MIN_STEP_MESSAGES, Math.round(rate * stepSeconds));
    }
  }
}
