/**
 * Kafka Streams plumbing the topology deployable uses: node and store names, serdes, metrics, the
 * shared exactly-once settings, topic creation and the uncaught-exception handler.
 */
package dev.smallfirst.topology.kafka;
