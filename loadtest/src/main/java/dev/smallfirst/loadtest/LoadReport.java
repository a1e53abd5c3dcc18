package dev.smallfirst.loadtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of one load run, in the JSON shape tools read (see README "Load test report"). Money
 * in US dollars per 1,000 messages; latency in milliseconds from each message's intended send time
 * to its reply being consumed.
 *
 * @param sent messages the broker acknowledged
 * @param notSent messages the run meant to send but could not (a send failed, or the sender stopped
 *     on an error): no reply is due for them, and they are not counted as missing
 * @param missing sent messages with neither a reply nor a dead letter
 * @param timeline replies and sends per second of the run, for the report's charts (not part of the
 *     contract's required fields)
 * @param baseline the same fields for the system compared with, or null
 * @param perHop time per hop of the small-only replies that carried their whole timing trace
 *     ({@link HopBreakdown}), in path order; null when none did (e.g. the naive baseline)
 * @param latencyDistribution latency by percentile ({@code all} and per route), for the report's
 *     percentile chart
 * @param saturation the highest sustainable rates of both systems, or null when not searched
 * @param settings what shaped this system's latency and throughput (commit interval, batching,
 *     polish), or null when not known
 * @param cpuMillisPerMessage CPU time the measuring process spent per reply during the run, or null
 *     when not measured (the demo measures it: its JVM runs the broker, the system under test and
 *     the load generator; the registry is another process)
 * @param quality intent accuracy and draft metrics per route, or null when the requests said
 *     nothing about what is right (generated tickets, rows without label or reference)
 * @param escalationReasons per escalation reason, how many replies carried it (a reply may carry
 *     several), most frequent first; null when not counted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LoadReport(
    @JsonProperty("sent") long sent,
    @JsonProperty("not_sent") long notSent,
    @JsonProperty("replies") long replies,
    @JsonProperty("duplicates") long duplicates,
    @JsonProperty("missing") long missing,
    @JsonProperty("dead_lettered") long deadLettered,
    @JsonProperty("routes") Map<String, Long> routes,
    @JsonProperty("throughput_per_s") double throughputPerSecond,
    @JsonProperty("latency_ms") Percentiles latency,
    @JsonProperty("latency_ms_by_route") Map<String, Percentiles> latencyByRoute,
    @JsonProperty("escalation_rate") double escalationRate,
    @JsonProperty("cost_per_1k_usd") double costPer1kUsd,
    @JsonProperty("all_frontier_cost_per_1k_usd") double allFrontierCostPer1kUsd,
    @JsonProperty("timeline") List<Second> timeline,
    @JsonProperty("baseline") LoadReport baseline,
    @JsonProperty("per_hop_ms") Map<String, HopTiming> perHop,
    @JsonProperty("latency_distribution_ms") Map<String, List<LatencyPoint>> latencyDistribution,
    @JsonProperty("saturation") Saturation saturation,
    @JsonProperty("settings") Map<String, String> settings,
    @JsonProperty("cpu_ms_per_message") Double cpuMillisPerMessage,
    @JsonProperty("quality") QualityReport quality,
    @JsonProperty("escalation_reasons") Map<String, Long> escalationReasons) {

  /** A report without saturation search or settings. */
  public LoadReport(
      long sent,
      long notSent,
      long replies,
      long duplicates,
      long missing,
      long deadLettered,
      Map<String, Long> routes,
      double throughputPerSecond,
      Percentiles latency,
      Map<String, Percentiles> latencyByRoute,
      double escalationRate,
      double costPer1kUsd,
      double allFrontierCostPer1kUsd,
      List<Second> timeline,
      LoadReport baseline,
      Map<String, HopTiming> perHop,
      Map<String, List<LatencyPoint>> latencyDistribution) {
    this(
        sent,
        notSent,
        replies,
        duplicates,
        missing,
        deadLettered,
        routes,
        throughputPerSecond,
        latency,
        latencyByRoute,
        escalationRate,
        costPer1kUsd,
        allFrontierCostPer1kUsd,
        timeline,
        baseline,
        perHop,
        latencyDistribution,
        null,
        null,
        null,
        null,
        null);
  }

  /** This report with {@code baseline} attached. */
  public LoadReport withBaseline(LoadReport baseline) {
    return with(baseline, saturation, settings, cpuMillisPerMessage, quality, escalationReasons);
  }

  /** This report with the saturation search's result attached. */
  public LoadReport withSaturation(Saturation saturation) {
    return with(baseline, saturation, settings, cpuMillisPerMessage, quality, escalationReasons);
  }

  /** This report with the CPU time per reply that the measuring process spent. */
  public LoadReport withCpuPerMessage(double millis) {
    return with(
        baseline,
        saturation,
        settings,
        Double.isFinite(millis) ? millis : null,
        quality,
        escalationReasons);
  }

  /** This report with the quality of its replies, or without one when {@code quality} is null. */
  public LoadReport withQuality(QualityReport quality) {
    return with(baseline, saturation, settings, cpuMillisPerMessage, quality, escalationReasons);
  }

  /** This report with the system's {@code settings} attached, sorted by key. */
  public LoadReport withSettings(Map<String, String> settings) {
    return with(
        baseline,
        saturation,
        settings == null ? null : Collections.unmodifiableMap(new TreeMap<>(settings)),
        cpuMillisPerMessage,
        quality,
        escalationReasons);
  }

  private LoadReport with(
      LoadReport baseline,
      Saturation saturation,
      Map<String, String> settings,
      Double cpuMillisPerMessage,
      QualityReport quality,
      Map<String, Long> escalationReasons) {
    return new LoadReport(
        sent,
        notSent,
        replies,
        duplicates,
        missing,
        deadLettered,
        routes,
        throughputPerSecond,
        latency,
        latencyByRoute,
        escalationRate,
        costPer1kUsd,
        allFrontierCostPer1kUsd,
        timeline,
        baseline,
        perHop,
        latencyDistribution,
        saturation,
        settings,
        cpuMillisPerMessage,
        quality,
        escalationReasons);
  }

  /** {@code n} replies as a percentage of all replies ("20.0%"), for the reason counts. */
  public String percentOfReplies(long n) {
    return String.format(Locale.ROOT, "%.1f%%", replies == 0 ? 0 : 100.0 * n / replies);
  }

  /** This report with its count of replies per escalation reason. */
  public LoadReport withEscalationReasons(Map<String, Long> reasons) {
    return with(baseline, saturation, settings, cpuMillisPerMessage, quality, reasons);
  }

  /** True when every message was sent, and answered exactly once or dead-lettered. */
  public boolean exactlyOnce() {
    return notSent == 0 && duplicates == 0 && missing == 0 && replies == sent - deadLettered;
  }

  /**
   * One second of the run.
   *
   * @param second seconds since the start
   * @param sent messages sent in it
   * @param replies replies received in it
   */
  public record Second(
      @JsonProperty("second") int second,
      @JsonProperty("sent") long sent,
      @JsonProperty("replies") long replies) {}

  /**
   * The highest rates both systems sustained under one SLO, found by stepping the offered rate.
   *
   * @param sloP99Millis the p99 latency (all routes) a step had to meet
   * @param smallfirstPerSecond the highest offered rate the pipeline sustained, 0 when none
   * @param baselinePerSecond the highest offered rate the baseline sustained, 0 when none
   * @param ratio smallfirst over baseline, 0 when the baseline sustained none
   * @param steps every step run, in order
   */
  public record Saturation(
      @JsonProperty("slo_p99_ms") double sloP99Millis,
      @JsonProperty("smallfirst_per_s") double smallfirstPerSecond,
      @JsonProperty("baseline_per_s") double baselinePerSecond,
      @JsonProperty("ratio") double ratio,
      @JsonProperty("steps") List<SaturationStep> steps) {}

  /**
   * One step of a saturation search.
   *
   * @param system {@code smallfirst} or {@code baseline}
   * @param ratePerSecond the rate asked for (Poisson arrivals)
   * @param offeredPerSecond the rate the arrival schedule actually drew for the step's messages
   * @param achievedPerSecond replies per second, not counting the one median latency every message
   *     pays
   * @param p99Millis p99 latency of all routes
   * @param exactlyOnce every message answered exactly once
   * @param held whether the step was sustainable
   */
  public record SaturationStep(
      @JsonProperty("system") String system,
      @JsonProperty("rate_per_s") double ratePerSecond,
      @JsonProperty("offered_per_s") double offeredPerSecond,
      @JsonProperty("achieved_per_s") double achievedPerSecond,
      @JsonProperty("p99_ms") double p99Millis,
      @JsonProperty("exactly_once") boolean exactlyOnce,
      @JsonProperty("held") boolean held) {}
}
