package dev.smallfirst.frontier.budget;

import java.time.Instant;

/**
 * What one worker instance has spent in one bucket so far: a cumulative total, so the latest entry
 * per (bucket, instance) is the truth and a compacted topic keeps exactly that.
 *
 * @param instance the writing worker's instance id
 * @param key the bucket
 * @param spentMicros cumulative spend of {@code instance} in the bucket, micro-dollars
 * @param calls provider calls that reported usage, cumulative
 * @param updatedAt when the instance last changed the total
 */
public record LedgerEntry(
    String instance, WindowKey key, long spentMicros, long calls, Instant updatedAt) {

  /** The Kafka record key: bucket and instance, so compaction keeps one total per pair. */
  public String kafkaKey() {
    return key.window().label() + "|" + key.start() + "|" + key.scope() + "|" + instance;
  }
}
