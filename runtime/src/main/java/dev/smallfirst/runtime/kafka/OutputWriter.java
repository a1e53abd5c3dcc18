package dev.smallfirst.runtime.kafka;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes a loop's outputs and then the offsets of the records they answer, so that offsets never
 * run ahead of their outputs. {@link TransactionalWriter} writes both in one transaction (exactly
 * once); {@link AcknowledgedWriter} commits the offsets once every output is acknowledged (at least
 * once: a crash in between repeats outputs, for a reader that drops duplicates). Loop thread only.
 */
public interface OutputWriter {
  /** How a write ended. */
  enum Outcome {
    /** The outputs are written and the offsets committed. */
    COMMITTED,
    /**
     * Neither is certain: the caller drops what it buffered and rewinds to the committed offsets.
     */
    ABORTED
  }

  /**
   * Writes {@code records}, then commits {@code offsets} (may be empty).
   *
   * @throws IllegalStateException when the producer or consumer cannot continue (fenced,
   *     unauthorised)
   */
  Outcome write(
      List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets);
}
