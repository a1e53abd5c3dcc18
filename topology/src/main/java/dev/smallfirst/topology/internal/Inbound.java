package dev.smallfirst.topology.internal;

import dev.smallfirst.topology.kafka.TopologyMetrics;
import java.time.Clock;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What every {@link InboundProcessor} is built with: the decoder of its topic's values, the clock
 * and the topology's metrics. Not API.
 *
 * @param deserializer decodes the topic's raw values
 * @param clock the time of every step
 * @param metrics counts what the processor ignores and dead-letters
 * @param <V> the record type the topic carries
 */
public record Inbound<V>(Deserializer<V> deserializer, Clock clock, TopologyMetrics metrics) {}
