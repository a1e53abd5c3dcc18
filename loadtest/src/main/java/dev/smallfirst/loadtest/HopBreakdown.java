package dev.smallfirst.loadtest;

import dev.smallfirst.runtime.trace.HopStamps;
import dev.smallfirst.runtime.trace.HopStamps.Stamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the timing stamps a reply carries ({@link HopStamps}) into the time spent in each hop of
 * its message's path, in microseconds. Each pair of consecutive stamps is one hop, named by what
 * the two stamps are; hops that occur once per round (queue wait, batch fill, inference, worker
 * commit, aggregation) are summed over the rounds, so the hops of one reply add up to the time from
 * its send to its reply being consumed. Pure; stateless.
 *
 * <pre>{@code
 * Optional<Map<String, Long>> hops = HopBreakdown.of(HopStamps.read(record.headers()), nowMicros);
 * }</pre>
 */
public final class HopBreakdown {
  /** The hops in path order, as the report lists them. */
  public static final List<String> HOPS =
      List.of(
          "intake",
          "fan_out",
          "queue_wait",
          "batch_fill",
          "inference",
          "worker_commit",
          "aggregation",
          "frontier",
          "reply",
          "other");

  private HopBreakdown() {}

  /**
   * The hops of one reply.
   *
   * @param stamps the reply's stamps in header order
   * @param receivedMicros when the reply was consumed (epoch microseconds, the clock of the stamps)
   * @return microseconds per hop (negative differences, from clocks that disagree, count as 0);
   *     empty when the trace does not start at the send, so it covers only part of the path (a
   *     reply finalized by a deadline, or after a part that does not pass the stamps on), or when
   *     nothing stamped it on the way (a system that only passes headers through, such as the naive
   *     baseline)
   */
  public static Optional<Map<String, Long>> of(List<Stamp> stamps, long receivedMicros) {
    if (stamps.size() < 2 || !stamps.get(0).event().equals(HopStamps.SENT)) {
      return Optional.empty();
    }
    Map<String, Long> hops = new LinkedHashMap<>();
    boolean firstTopologyVisit = true;
    for (int i = 1; i < stamps.size(); i++) {
      Stamp from = stamps.get(i - 1);
      Stamp to = stamps.get(i);
      String hop = name(from.event(), to.event(), firstTopologyVisit);
      if (to.event().equals(HopStamps.TOPOLOGY_OUT)) {
        firstTopologyVisit = false;
      }
      hops.merge(hop, Math.max(0, to.epochMicros() - from.epochMicros()), Long::sum);
    }
    Stamp last = stamps.get(stamps.size() - 1);
    hops.merge("reply", Math.max(0, receivedMicros - last.epochMicros()), Long::sum);
    return Optional.of(hops);
  }

  private static String name(String from, String to, boolean firstTopologyVisit) {
    return switch (to) {
      case HopStamps.TOPOLOGY_IN ->
          switch (from) {
            case HopStamps.SENT -> "intake";
            case HopStamps.TOPOLOGY_OUT -> "frontier"; // a part that stamps nothing in between
            default -> from.startsWith(HopStamps.PREFIX + "worker-") ? "worker_commit" : "other";
          };
      case HopStamps.TOPOLOGY_OUT ->
          from.equals(HopStamps.TOPOLOGY_IN)
              ? (firstTopologyVisit ? "fan_out" : "aggregation")
              : "other";
      case HopStamps.WORKER_POLLED -> from.equals(HopStamps.TOPOLOGY_OUT) ? "queue_wait" : "other";
      case HopStamps.WORKER_BATCH -> from.equals(HopStamps.WORKER_POLLED) ? "batch_fill" : "other";
      case HopStamps.WORKER_INFERRED -> from.equals(HopStamps.WORKER_BATCH) ? "inference" : "other";
      default -> "other";
    };
  }
}
