package dev.smallfirst.topology.routing;

import dev.smallfirst.topology.kafka.Names;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global policy store equal to the compacted policy topic. Documents are stored raw; each
 * task's {@link PolicyHolder} validates them, so a bad document never replaces a good one.
 */
public final class PolicyStoreUpdater implements Processor<String, String, Void, Void> {
  private KeyValueStore<String, String> store;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(Names.POLICY_STORE);
  }

  @Override
  public void process(Record<String, String> record) {
    if (record.key() == null) {
      return; // a policy without the key cannot be addressed; PolicyHolder reads key "routing"
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
