package dev.smallfirst.loadtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

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
 * @param perHop time per hop of the small-only replies that carried their whole timing trace
 *     ({@link HopBreakdown}), in path order; null when none did (e.g. the naive baseline)
 * @param latencyDistribution latency by percentile ({@code all} and per route), for the report's
 *     percentile chart
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
    @JsonProperty("latency_distribution_ms") Map<String, List<LatencyPoint>> latencyDistribution) {

  /** This report with {@code baseline} attached. */
  public LoadReport withBaseline(LoadReport baseline) {
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
        latencyDistribution);
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
}
