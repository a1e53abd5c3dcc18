/**
 * The worker's Kafka side: {@link dev.smallfirst.worker.kafka.WorkerLoop} reads a stage's request
 * topic in consumer group {@code workers.<stage>}, micro-batches across polls, and writes results,
 * dead letters and the consumed offsets in one Kafka transaction per group of finished batches
 * (exactly-once read-process-write, KIP-447 fencing through the consumer group metadata).
 */
package dev.smallfirst.worker.kafka;
