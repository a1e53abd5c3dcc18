package dev.smallfirst.frontier.kafka;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Escalations polled but not yet committed, per partition in offset order. Calls finish in any
 * order; {@link #drainReady()} hands out only each partition's finished prefix, so the offset
 * committed with a transaction never passes a record whose result is not in that same transaction.
 * Used by the loop thread only; slots are completed from call threads through a volatile field.
 */
final class InflightTracker {

  /** One polled record and, once its call finished, what it produces. */
  static final class Slot {
    final ConsumerRecord<byte[], byte[]> record;
    private volatile List<Output> outputs;
    private volatile Future<?> task;

    Slot(ConsumerRecord<byte[], byte[]> record) {
      this.record = record;
    }

    void complete(List<Output> produced) {
      this.outputs = List.copyOf(produced);
    }

    void runningAs(Future<?> future) {
      this.task = future;
    }

    boolean done() {
      return outputs != null;
    }

    void cancel() {
      Future<?> t = task;
      if (t != null) {
        t.cancel(true);
      }
    }
  }

  /**
   * Finished records ready to commit.
   *
   * @param outputs their outputs in partition-offset order
   * @param offsets next offset to consume per partition
   * @param records how many input records they are
   */
  record Ready(List<Output> outputs, Map<TopicPartition, OffsetAndMetadata> offsets, int records) {
    boolean isEmpty() {
      return records == 0;
    }
  }

  private final Map<TopicPartition, ArrayDeque<Slot>> byPartition = new HashMap<>();
  private int size;

  Slot add(ConsumerRecord<byte[], byte[]> record) {
    Slot slot = new Slot(record);
    byPartition
        .computeIfAbsent(
            new TopicPartition(record.topic(), record.partition()), tp -> new ArrayDeque<>())
        .addLast(slot);
    size++;
    return slot;
  }

  /** Removes and returns each partition's finished prefix. */
  Ready drainReady() {
    List<Output> outputs = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    int records = 0;
    for (Map.Entry<TopicPartition, ArrayDeque<Slot>> e : byPartition.entrySet()) {
      ArrayDeque<Slot> queue = e.getValue();
      long next = -1;
      while (!queue.isEmpty() && queue.peekFirst().done()) {
        Slot slot = queue.pollFirst();
        outputs.addAll(slot.outputs);
        next = slot.record.offset() + 1;
        records++;
      }
      if (next >= 0) {
        offsets.put(e.getKey(), new OffsetAndMetadata(next));
      }
    }
    size -= records;
    return new Ready(outputs, offsets, records);
  }

  /** Forgets {@code partitions}' records and cancels their calls (another owner redoes them). */
  void drop(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : partitions) {
      ArrayDeque<Slot> queue = byPartition.remove(tp);
      if (queue != null) {
        queue.forEach(Slot::cancel);
        size -= queue.size();
      }
    }
  }

  /** Forgets everything and cancels every call. */
  void clear() {
    drop(new ArrayList<>(byPartition.keySet()));
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
